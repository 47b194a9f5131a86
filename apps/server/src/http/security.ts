import type { FastifyReply, FastifyRequest } from 'fastify';

/** A strict policy: everything from this server, nothing inline, nothing from elsewhere. */
export const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "media-src 'self' blob:",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** HTTPS only from now on, for a year, subdomains included (sent only on an answer over HTTPS). */
export const strictTransportSecurity = 'max-age=31536000; includeSubDomains';

/**
 * Security headers on every answer. `Strict-Transport-Security` goes with answers over HTTPS: the
 * server's own TLS, or a trusted proxy's `X-Forwarded-Proto: https` (see `TRUST_PROXY`), never an
 * untrusted client's say-so.
 */
export async function securityHeaders(request: FastifyRequest, reply: FastifyReply): Promise<void> {
  if (request.protocol === 'https') reply.header('strict-transport-security', strictTransportSecurity);
  reply.header('content-security-policy', contentSecurityPolicy);
  reply.header('x-content-type-options', 'nosniff');
  reply.header('x-frame-options', 'DENY');
  reply.header('referrer-policy', 'same-origin');
  reply.header('cross-origin-opener-policy', 'same-origin');
  reply.header('cross-origin-resource-policy', 'same-origin');
  reply.header('permissions-policy', 'camera=(self), microphone=(), geolocation=()');
}
