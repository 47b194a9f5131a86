import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Problem } from './problem';
import { isProblemCode, type ProblemCode, problems } from './problems';

function send(reply: FastifyReply, request: FastifyRequest, code: ProblemCode, extra: Record<string, unknown> = {}) {
  const entry = problems[code];
  return reply
    .code(entry.status)
    .type('application/problem+json; charset=utf-8')
    .send({ type: `about:blank#${code}`, title: entry.message, status: entry.status, code, instance: request.url, ...extra });
}

/** What a reference points to, in French, by the table PostgreSQL names in its message. */
const referenceNames: Readonly<Record<string, string>> = {
  territories: 'territoire',
  organisations: 'organisation',
  people: 'personne',
  users: 'compte',
  eco_themes: 'thème',
  events: 'journée',
  event_sessions: 'séance',
  event_rooms: 'salle de la journée',
  event_registrations: 'inscription',
  live_rooms: 'salle d’animation',
  live_participants: 'participant·e',
  collectives: 'collectif',
};

/**
 * Errors of PostgreSQL that a request can cause with well-formed input: a foreign key naming
 * nothing (23503, e.g. an unknown territory id), a row still referenced on delete (23503 too), a
 * value PostgreSQL cannot read as its type (22P02, e.g. an id that is not a uuid). They are the
 * caller's mistake, not the server's: a 400 or 409 naming the reference, never a 500.
 */
function databaseProblem(error: unknown): { code: ProblemCode; extra: Record<string, unknown> } | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { code, detail } = error as { code?: unknown; detail?: unknown };
  const text = typeof detail === 'string' ? detail : '';
  if (code === '23503') {
    const column = /^Key \(([^)]+)\)=/.exec(text)?.[1];
    const referencing = /is still referenced from table "([^"]+)"/.exec(text)?.[1];
    if (referencing) {
      const what = referenceNames[referencing] ?? referencing;
      return { code: 'still_referenced', extra: { detail: `encore utilisé par : ${what}` } };
    }
    const table = /is not present in table "([^"]+)"/.exec(text)?.[1];
    const what = table ? (referenceNames[table] ?? table) : undefined;
    return {
      code: 'unknown_reference',
      extra: {
        ...(column ? { reference: column } : {}),
        detail: `référence inconnue : ${what ?? 'élément'} introuvable${column ? ` (${column})` : ''}`,
      },
    };
  }
  if (code === '22P02') return { code: 'malformed_value', extra: {} };
  return undefined;
}

/** Every error leaves as `application/problem+json` with a stable code and a French message. */
export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | Problem, request, reply) => {
    if (error instanceof Problem) {
      // Codes are a closed type; a code forged at run time still never becomes a 500 without a log.
      if (!isProblemCode(error.code)) {
        request.log.error({ code: error.code }, 'problem code without an entry');
        return send(reply, request, 'internal');
      }
      return send(reply, request, error.code, error.details ?? {});
    }
    const fe = error as FastifyError;
    if (fe.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return send(reply, request, 'payload_too_large');
    if (fe.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return send(reply, request, 'unsupported_media_type');
    if (fe.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' || (fe.statusCode === 400 && /JSON/i.test(fe.message)))
      return send(reply, request, 'bad_json');
    if (fe.statusCode === 429) return send(reply, request, 'rate_limited');
    if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) {
      return send(reply, request, fe.statusCode === 404 ? 'not_found' : 'validation', { detail: fe.message });
    }
    const fromDatabase = databaseProblem(error);
    if (fromDatabase) {
      request.log.warn({ err: error }, 'request refused by a database constraint');
      return send(reply, request, fromDatabase.code, fromDatabase.extra);
    }
    request.log.error({ err: error }, 'unexpected error');
    return send(reply, request, 'internal');
  });
}

export function apiNotFound(request: FastifyRequest, reply: FastifyReply) {
  return send(reply, request, 'not_found');
}
