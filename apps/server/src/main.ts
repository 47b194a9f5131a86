import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openStore, prepareStore, readPgliteTemplate, type Store, serveBackups } from '@maillage/db';
import { type Config, ConfigError, readConfig } from './config';
import { createMailer } from './system/mailer';

const rootPackage = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'package.json');
export const version: string = JSON.parse(readFileSync(rootPackage, 'utf8')).version;

/** Opens the store the configuration names: PostgreSQL when DATABASE_URL is set, else PGlite. */
export function openConfiguredStore(config: Config): Promise<Store> {
  return config.DATABASE_URL
    ? openStore({ kind: 'postgres', databaseUrl: config.DATABASE_URL })
    : openStore({ kind: 'pglite', dataDir: config.MAILLAGE_DATA, template: readPgliteTemplate });
}

/** Starts the server: reads the configuration, opens and prepares the store, listens. */
export async function runMain(): Promise<void> {
  let config: Config;
  try {
    config = readConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(2);
    }
    throw error;
  }
  // Open the store while the application's modules load: both take about a second.
  const opening = openConfiguredStore(config);
  opening.catch(() => {}); // handled below, after the import
  const { buildApp } = await import('./app');
  let store: Store;
  try {
    store = await opening;
  } catch (error) {
    console.error(`Impossible d’ouvrir la base de données : ${(error as Error).message}`);
    process.exit(1);
  }
  try {
    await prepareStore(store);
  } catch (error) {
    // An edited migration, a failed one: said in French, without a stack trace.
    console.error(`Impossible de préparer la base de données : ${(error as Error).message}`);
    await store.close().catch(() => {});
    process.exit(1);
  }
  const app = await buildApp({ config, store, mailer: createMailer(config.SMTP_URL, config.SMTP_FROM), now: () => new Date(), version });

  let stopBackups: (() => Promise<void>) | undefined;
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'arrêt en cours : fin des requêtes en vol');
    const timer = setTimeout(() => {
      app.log.error('arrêt forcé après 10 s');
      process.exit(1);
    }, 10_000);
    timer.unref();
    try {
      await stopBackups?.();
      await app.close();
      await store.close();
    } finally {
      clearTimeout(timer);
    }
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));

  await app.listen({ port: config.PORT, host: config.HOST });
  if (store.kind === 'pglite') {
    // `maillage backup` asks this process for a consistent copy (it alone may open the folder).
    stopBackups = await serveBackups(store, config.MAILLAGE_DATA, app.log).catch((error) => {
      app.log.warn({ err: error }, 'sauvegardes à chaud indisponibles (socket de contrôle)');
      return undefined;
    });
  }
  const shown = config.HOST === '0.0.0.0' || config.HOST === '::' ? 'localhost' : config.HOST;
  app.log.info(`maillage ${version} sert http://${shown}:${config.PORT} (base : ${store.kind})`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await runMain();
}
