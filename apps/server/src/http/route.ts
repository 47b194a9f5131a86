import type { Actor, Action, PolicyContext } from '@maillage/core';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { AppDeps } from '../deps';
import { Problem } from './problem';
import type { ProblemCode } from './problems';
import { authorizeRequest, type RefDecl } from './refs';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RouteInput<B, Q, P> {
  readonly body: B;
  readonly query: Q;
  readonly params: P;
}

export interface RouteContext {
  readonly actor: Actor;
  readonly deps: AppDeps;
  readonly request: FastifyRequest;
  readonly reply: FastifyReply;
}

/**
 * A route of the JSON API: its schemas (for validation and OpenAPI), its policy action, its
 * handler. `handler` and `context` are methods, so that a list of routes of different types is a
 * plain `RouteSpec[]` (method parameters are compared both ways).
 */
export interface RouteSpec<B = unknown, Q = unknown, P = unknown, R = unknown> {
  readonly method: Method;
  readonly url: string;
  readonly summary: string;
  readonly tags: readonly string[];
  /** The policy action every caller is checked against. No route goes without one. */
  readonly action: Action;
  readonly body?: z.ZodType<B>;
  readonly query?: z.ZodType<Q>;
  readonly params?: z.ZodType<P>;
  readonly response?: z.ZodType<R>;
  readonly status?: number;
  /**
   * Every id the request names (path, query, body) and how it is authorised: each one is looked
   * up and judged on its own context (see refs.ts). The authorization suite fails on an id-like
   * field left undeclared.
   */
  readonly refs?: readonly RefDecl[];
  /**
   * The policy context of the request as a whole, when it is not the context of each object named
   * (a relation judged on either of its two organisations). Anonymous callers get 401 rather than
   * 403 when the policy refuses them.
   */
  context?(input: RouteInput<B, Q, P>, deps: AppDeps): PolicyContext | Promise<PolicyContext>;
  /**
   * The 403 a signed-in caller refused by the policy receives, when `forbidden` ("your role does
   * not allow this") would not say what to do instead (an organisation one does not belong to:
   * propose a change).
   */
  readonly refusal?: ProblemCode;
  /** Non-JSON answers (files): the handler sends the reply itself. */
  readonly raw?: boolean;
  readonly produces?: string;
  /** A larger body limit than the app's (bytes), for the few routes that receive files. */
  readonly bodyLimit?: number;
  handler(input: RouteInput<B, Q, P>, ctx: RouteContext): Promise<R>;
}

/** Declares a route with its types inferred from its schemas. */
export function defineRoute<B = undefined, Q = undefined, P = undefined, R = unknown>(spec: RouteSpec<B, Q, P, R>): RouteSpec<B, Q, P, R> {
  return spec;
}

function parse<T>(schema: z.ZodType<T> | undefined, value: unknown, where: 'body' | 'query' | 'params'): T {
  if (!schema) return undefined as T;
  const result = schema.safeParse(value ?? (where === 'body' ? undefined : {}));
  if (result.success) return result.data;
  throw new Problem('validation', {
    errors: result.error.issues.map((issue) => ({
      field: [where, ...issue.path.map(String)].join('.'),
      message: issue.message,
    })),
  });
}

/** Tests only: the answer, as the client will read it, must match the route's response schema. */
function checkResponse(spec: RouteSpec, result: unknown): void {
  const sent = result === undefined ? null : JSON.parse(JSON.stringify(result ?? null));
  const checked = spec.response?.safeParse(sent);
  if (checked && !checked.success) {
    throw new Problem('response_mismatch', {
      route: `${spec.method} ${spec.url}`,
      errors: checked.error.issues.map((issue) => ({ field: ['response', ...issue.path.map(String)].join('.'), message: issue.message })),
    });
  }
  // A field the schema does not describe would be dropped by the parse: flag it instead.
  const extra = checked ? undescribed(sent, checked.data, 'response') : [];
  if (extra.length) {
    throw new Problem('response_mismatch', {
      route: `${spec.method} ${spec.url}`,
      errors: extra.map((field) => ({ field, message: 'champ absent du schéma de la réponse' })),
    });
  }
}

/** Paths of the fields present in what was sent and absent from what the schema kept. */
function undescribed(sent: unknown, kept: unknown, path: string): string[] {
  if (Array.isArray(sent) && Array.isArray(kept)) return sent.flatMap((item, i) => undescribed(item, kept[i], `${path}.${i}`));
  if (sent && typeof sent === 'object' && kept && typeof kept === 'object' && !Array.isArray(sent)) {
    return Object.entries(sent).flatMap(([key, value]) =>
      key in kept ? undescribed(value, (kept as Record<string, unknown>)[key], `${path}.${key}`) : [`${path}.${key}`],
    );
  }
  return [];
}

/** Registers routes on the app, remembering them for OpenAPI and the authorization matrix. */
export function registerRoutes(app: FastifyInstance, deps: AppDeps, specs: readonly RouteSpec[]): void {
  for (const spec of specs) {
    // The contract: a JSON route says what it answers, a file route what it produces.
    if (!spec.raw && !spec.response) throw new Error(`${spec.method} ${spec.url}: a JSON route needs a response schema`);
    if (spec.raw && !spec.produces) throw new Error(`${spec.method} ${spec.url}: a file route needs its content type (produces)`);
    app.routeSpecs.push(spec);
    app.route({
      method: spec.method,
      url: spec.url,
      ...(spec.bodyLimit ? { bodyLimit: spec.bodyLimit } : {}),
      handler: async (request, reply) => {
        const input = {
          params: parse(spec.params, request.params, 'params'),
          query: parse(spec.query, request.query, 'query'),
          body: parse(spec.body, request.body, 'body'),
        };
        await authorizeRequest(request.actor, spec, input, deps);
        const result = await spec.handler(input, { actor: request.actor, deps, request, reply });
        if (spec.raw) return reply;
        if (deps.checkResponses && spec.response) checkResponse(spec, result);
        reply.code(spec.status ?? (spec.method === 'POST' ? 201 : 200));
        return result ?? null;
      },
    });
  }
}
