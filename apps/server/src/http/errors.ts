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
    request.log.error({ err: error }, 'unexpected error');
    return send(reply, request, 'internal');
  });
}

export function apiNotFound(request: FastifyRequest, reply: FastifyReply) {
  return send(reply, request, 'not_found');
}
