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

/** Every environment variable maillage reads, with its default. README's table mirrors this. */
export const configSchema = z.object({
  PORT: port.default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  MAILLAGE_DATA: z.string().min(1).default('./data'),
  DATABASE_URL: url(['postgres:', 'postgresql:']).optional(),
  PUBLIC_URL: url(['http:', 'https:']).optional(),
  SMTP_URL: url(['smtp:', 'smtps:']).optional(),
  SMTP_FROM: z.string().email('doit être une adresse e-mail').default('maillage@localhost'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SESSION_DAYS: z.coerce.number({ error: 'doit être un nombre' }).int().min(1).max(365).default(14),
  BODY_LIMIT_KB: z.coerce.number({ error: 'doit être un nombre' }).int().min(16).max(102_400).default(1024),
  TRUST_PROXY: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  MAILLAGE_WEB_DIST: z.string().optional(),
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
  return { ...parsed.data, MAILLAGE_DATA: resolve(parsed.data.MAILLAGE_DATA) };
}
