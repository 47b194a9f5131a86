import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { type Actor, anonymous, type SessionRecord, type Tokens } from '@maillage/core';
import { accountsRepo } from '@maillage/db';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppDeps } from '../deps';
import { Problem } from './problem';

export const SESSION_COOKIE = 'maillage_session';
/** Readable by the page's script, echoed in the `x-csrf-token` header (double-submit). */
export const CSRF_COOKIE = 'maillage_csrf';
export const CSRF_HEADER = 'x-csrf-token';

export const tokens: Tokens = {
  random: () => randomBytes(32).toString('base64url'),
  digest: (token) => createHash('sha256').update(token).digest('hex'),
};

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor;
    session: SessionRecord | undefined;
  }
}

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function cookieOptions(request: FastifyRequest, httpOnly: boolean, maxAgeSeconds?: number) {
  return {
    path: '/',
    httpOnly,
    sameSite: 'lax' as const,
    secure: request.protocol === 'https',
    ...(maxAgeSeconds !== undefined ? { maxAge: maxAgeSeconds } : {}),
  };
}

/** Sets the session cookie and a fresh CSRF cookie bound to the new session. */
export function setSessionCookies(
  request: FastifyRequest,
  reply: FastifyReply,
  token: string,
  csrfToken: string,
  expiresAt: Date,
  now: Date,
): void {
  const maxAge = Math.max(0, Math.floor((expiresAt.getTime() - now.getTime()) / 1000));
  reply.setCookie(SESSION_COOKIE, token, cookieOptions(request, true, maxAge));
  reply.setCookie(CSRF_COOKIE, csrfToken, cookieOptions(request, false, maxAge));
}

export function clearSessionCookies(request: FastifyRequest, reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, cookieOptions(request, true));
  reply.setCookie(CSRF_COOKIE, tokens.random(), cookieOptions(request, false));
}

/** The CSRF token the page must echo: the session's own, or the anonymous double-submit cookie. */
export function csrfTokenFor(request: FastifyRequest, reply: FastifyReply): string {
  if (request.session) return request.session.csrfToken;
  const existing = request.cookies[CSRF_COOKIE];
  if (existing && existing.length >= 32) return existing;
  const fresh = tokens.random();
  reply.setCookie(CSRF_COOKIE, fresh, cookieOptions(request, false));
  return fresh;
}

function originHost(origin: string): string | undefined {
  try {
    return new URL(origin).host;
  } catch {
    return undefined;
  }
}

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Resolves the caller (session cookie → actor) and checks CSRF on every state-changing API
 * request: the `x-csrf-token` header must equal the session's token, or for anonymous callers
 * the CSRF cookie; a cross-site Origin is refused outright.
 */
export function sessionPlugin(app: FastifyInstance, deps: AppDeps): void {
  const repo = accountsRepo(deps.store.db);
  app.decorateRequest('actor', null as unknown as never);
  app.decorateRequest('session', undefined);
  app.addHook('onRequest', async (request) => {
    request.actor = anonymous;
    request.session = undefined;
    if (!request.url.startsWith('/api/') && !request.url.startsWith('/ws/')) return;
    const token = request.cookies[SESSION_COOKIE];
    if (token) {
      const session = await repo.findSession(tokens.digest(token), deps.now());
      if (session) {
        request.session = session;
        request.actor = {
          kind: 'user',
          userId: session.user.id,
          isAdmin: session.user.isAdmin,
          grants: session.grants.map((g) => ({ role: g.role, territoryId: g.territoryId, title: g.title, scope: new Set(g.scope) })),
        };
      }
    }
    if (safeMethods.has(request.method) || !request.url.startsWith('/api/')) return;
    const origin = request.headers.origin;
    if (origin && originHost(origin) !== request.headers.host) throw new Problem('csrf');
    const sent = request.headers[CSRF_HEADER];
    const expected = request.session ? request.session.csrfToken : request.cookies[CSRF_COOKIE];
    if (typeof sent !== 'string' || !expected || !sameToken(sent, expected)) throw new Problem('csrf');
  });
}
