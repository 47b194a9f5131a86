import { openStore, readPgliteTemplate, type Store } from '@maillage/db';
import { z } from 'zod';

const env = z.object({
  DATABASE_URL: z.string().optional(),
  MAILLAGE_DATA: z.string().default('./data'),
});

/** Opens the store the environment names (same rule as the server): PostgreSQL if DATABASE_URL, else PGlite. */
export function openCliStore(source: NodeJS.ProcessEnv = process.env): Promise<Store> {
  const parsed = env.parse(Object.fromEntries(Object.entries(source).filter(([, v]) => v)));
  return parsed.DATABASE_URL
    ? openStore({ kind: 'postgres', databaseUrl: parsed.DATABASE_URL })
    : openStore({ kind: 'pglite', dataDir: parsed.MAILLAGE_DATA, template: readPgliteTemplate });
}
