import { isIP } from 'node:net';
import { resolve } from 'node:path';
import { z } from 'zod';

const port = z.coerce
  .number({ error: 'doit être un nombre entier' })
  .int('doit être un nombre entier')
  .min(1, 'doit être compris entre 1 et 65535')
  .max(65535, 'doit être compris entre 1 et 65535');

const url = (protocols: string[]) =>
  z.string().refine(
    (v) => {
      try {
        return protocols.includes(new URL(v).protocol);
      } catch {
        return false;
      }
    },
    `doit être une URL ${protocols.join(' ou ')}`,
  );

/** An IPv4 or IPv6 address, optionally with a CIDR prefix length (`10.0.0.0/8`, `fd00::/8`). */
function isAddressOrCidr(value: string): boolean {
  const [address, bits, ...rest] = value.split('/');
  const family = isIP(address ?? '');
  if (!family || rest.length > 0) return false;
  if (bits === undefined) return true;
  if (!/^\d{1,3}$/.test(bits)) return false;
  return Number(bits) <= (family === 4 ? 32 : 128);
}

/**
 * Which proxies to believe about the client's address (`X-Forwarded-For`) and protocol
 * (`X-Forwarded-Proto`): `false` (none, the default), a number of hops (`1`: the one proxy in
 * front), a comma-separated list of proxy addresses or CIDRs, or `true` (every hop: unsafe unless the
 * proxy overwrites `X-Forwarded-For`, since a client could otherwise choose its own address).
 */
export type TrustProxy = boolean | number | string[];

const trustProxy = z
  .string()
  .trim()
  .transform((v, ctx): TrustProxy => {
    if (v === 'true') return true;
    if (v === 'false') return false;
    if (/^\d+$/.test(v)) {
      const hops = Number(v);
      if (hops >= 1 && hops <= 10) return hops;
      if (hops === 0) return false;
    } else {
      const list = v
        .split(',')
        .map((a) => a.trim())
        .filter(Boolean);
      if (list.length > 0 && list.every(isAddressOrCidr)) return list;
    }
    ctx.addIssue({
      code: 'custom',
      message:
        'doit être false, true, un nombre de proxys entre 1 et 10, ou une liste d’adresses IP ou de plages CIDR séparées par des virgules (ex. « 10.0.0.0/8,127.0.0.1 »)',
    });
    return z.NEVER;
  });

/**
 * Fastify's `trustProxy` for a `TRUST_PROXY` value. A number of hops is passed as a function
 * trusting the first `hops` addresses from the socket (Fastify itself refuses hop counts), so the
 * client is the address the last trusted proxy saw, whatever the client wrote in `X-Forwarded-For`.
 */
export function fastifyTrustProxy(value: TrustProxy): boolean | string[] | ((address: string, hop: number) => boolean) {
  if (typeof value === 'number') return (_address: string, hop: number) => hop < value;
  return value;
}

/** Every environment variable maillage reads, with its default. README's table mirrors this. */
export const configSchema = z.object({
  PORT: port.default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  MAILLAGE_DATA: z.string().min(1).default('./data'),
  DATABASE_URL: url(['postgres:', 'postgresql:']).optional(),
  PUBLIC_URL: url(['http:', 'https:']).optional(),
  SMTP_URL: url(['smtp:', 'smtps:']).optional(),
  SMTP_FROM: z.string().email('doit être une adresse e-mail').default('maillage@localhost'),
  MAIL_RETRY_MIN_MS: z.coerce
    .number({ error: 'doit être un nombre (millisecondes)' })
    .int('doit être un nombre entier de millisecondes')
    .min(100, 'doit être au moins 100 (millisecondes)')
    .max(3_600_000, 'doit être au plus 3600000 (une heure)')
    .default(30_000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SESSION_DAYS: z.coerce.number({ error: 'doit être un nombre' }).int().min(1).max(365).default(14),
  BODY_LIMIT_KB: z.coerce.number({ error: 'doit être un nombre' }).int().min(16).max(102_400).default(1024),
  TRUST_PROXY: trustProxy.default(false),
  LIVE_MAX_SOCKETS_PER_ADDRESS: z.coerce
    .number({ error: 'doit être un nombre' })
    .int('doit être un nombre entier')
    .min(1, 'doit être au moins 1')
    .max(1_000_000)
    .default(2000),
  MAILLAGE_WEB_DIST: z.string().optional(),
  WORKERS: z.coerce
    .number({ error: 'doit être un nombre' })
    .int('doit être un nombre entier')
    .min(1, 'doit être au moins 1')
    .max(64, 'doit être au plus 64')
    .default(1),
});

export type Config = z.output<typeof configSchema>;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Configuration invalide :\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Reads and validates the configuration once. Throws a ConfigError naming every bad variable. */
export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const clean = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = configSchema.safeParse(clean);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((i) => `${i.path.join('.')} : ${i.message} (reçu « ${String(clean[String(i.path[0])])} »)`),
    );
  }
  if (parsed.data.WORKERS > 1 && !parsed.data.DATABASE_URL) {
    throw new ConfigError([
      `WORKERS : plusieurs processus demandent PostgreSQL (DATABASE_URL) ; la base intégrée (PGlite) ne s’ouvre que dans un seul (reçu « ${clean.WORKERS} »)`,
    ]);
  }
  return { ...parsed.data, MAILLAGE_DATA: resolve(parsed.data.MAILLAGE_DATA) };
}
