import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Problem } from './problem';
import { isProblemCode, type ProblemCode, problems } from './problems';

/**
 * The language of a problem's title: English when `Accept-Language` prefers `en` (or `en-*`) over
 * `fr`, by q-value and then by order; French otherwise, and by default.
 */
export function problemLanguage(acceptLanguage: string | undefined): 'fr' | 'en' {
  const best = { fr: { q: 0, at: Number.POSITIVE_INFINITY }, en: { q: 0, at: Number.POSITIVE_INFINITY } };
  (acceptLanguage ?? '').split(',').forEach((part, at) => {
    const [tag = '', ...params] = part.split(';').map((p) => p.trim());
    const lang = tag.toLowerCase().split('-')[0];
    if (lang !== 'fr' && lang !== 'en') return;
    const qParam = params.find((p) => /^q\s*=/i.test(p));
    const q = qParam === undefined ? 1 : Number(qParam.slice(qParam.indexOf('=') + 1).trim());
    if (!Number.isFinite(q) || q <= 0 || q > 1) return;
    if (q > best[lang].q) best[lang] = { q, at };
  });
  const { fr, en } = best;
  return en.q > fr.q || (en.q > 0 && en.q === fr.q && en.at < fr.at) ? 'en' : 'fr';
}

function send(reply: FastifyReply, request: FastifyRequest, code: ProblemCode, extra: Record<string, unknown> = {}) {
  const entry = problems[code];
  const lang = problemLanguage(request.headers['accept-language']);
  const vary = reply.getHeader('vary');
  return reply
    .code(entry.status)
    .type('application/problem+json; charset=utf-8')
    .header('content-language', lang)
    .header('vary', vary ? `${vary}, Accept-Language` : 'Accept-Language')
    .send({
      type: `about:blank#${code}`,
      title: lang === 'en' ? entry.en : entry.message,
      status: entry.status,
      code,
      instance: request.url,
      ...extra,
    });
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

/**
 * Every error leaves as `application/problem+json` with a stable code and a title in French, or in
 * English when the request prefers it (`Content-Language` says which).
 */
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
