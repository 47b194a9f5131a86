import type { FastifyRequest } from 'fastify';

/**
 * Paths that carry a secret (the token of a personal link: a registration, an invitation) are
 * logged with the secret masked: logs travel further than the database (journald, support).
 */
const SECRET_IN_PATH = [/^(\/api\/registrations\/)[^/?]+/, /^(\/api\/invitations\/token\/)[^/?]+/];

export function redactUrl(url: string): string {
  let out = url;
  for (const pattern of SECRET_IN_PATH) out = out.replace(pattern, '$1…');
  return out;
}

/** The logger's options: its level, and requests logged without the secrets of their path. */
export function loggerOptions(level: string) {
  return {
    level,
    serializers: {
      req(request: FastifyRequest) {
        return {
          method: request.method,
          url: redactUrl(request.url),
          host: request.host,
          remoteAddress: request.ip,
        };
      },
    },
  };
}
