import cluster, { type Worker } from 'node:cluster';
import type { FastifyBaseLogger } from 'fastify';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openStore, prepareStore, readPgliteTemplate, type Store, serveBackups, storeOnThread } from '@maillage/db';
import { type EarlyPglite, openPgliteThread, type PgliteThread } from '@maillage/db/thread';
import { type Config, ConfigError, readConfig } from './config';
import { createMailer, createOutboxMailer, type Mailer } from './system/mailer';

const rootPackage = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'package.json');
export const version: string = JSON.parse(readFileSync(rootPackage, 'utf8')).version;

export interface MainOptions {
  /** PGlite's worker script (the built server's); its TypeScript source otherwise (tsx). */
  readonly pgliteWorker?: URL;
  /** The PGlite thread the built server's entry started before loading this module (see startPgliteEarly). */
  readonly early?: EarlyPglite;
}

/**
 * Opens the store the configuration names: PostgreSQL when DATABASE_URL is set, else PGlite in a
 * worker thread (see packages/db/src/pglite-thread.ts). `opened` settles once the database is
 * open; PGlite's store is usable before (`early`: its queries wait), so that the application is
 * built while PGlite opens.
 */
export function openConfiguredStore(config: Config, options: MainOptions = {}): { early?: Store; opened: Promise<Store> } {
  if (config.DATABASE_URL) return { opened: openStore({ kind: 'postgres', databaseUrl: config.DATABASE_URL }) };
  let thread: Promise<PgliteThread>;
  if (options.early && options.early.dataDir === config.MAILLAGE_DATA) thread = options.early.thread;
  else {
    options.early?.abandon();
    thread = openPgliteThread({
      dataDir: config.MAILLAGE_DATA,
      template: readPgliteTemplate,
      ...(options.pgliteWorker ? { workerUrl: options.pgliteWorker } : {}),
    });
  }
  const store = storeOnThread(thread);
  return { early: store, opened: thread.then(() => store) };
}

/** Starts the server: reads the configuration, opens and prepares the store, listens. */
export async function runMain(options: MainOptions = {}): Promise<void> {
  let config: Config;
  try {
    config = readConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      options.early?.abandon();
      console.error(error.message);
      process.exit(2);
    }
    throw error;
  }
  if (config.WORKERS > 1 && cluster.isPrimary) return runPrimary(config.WORKERS);
  // Open the store while the application's modules load: PGlite opens on a thread of its own
  // (the built server's entry started it before loading this module).
  const opening = openConfiguredStore(config, options);
  opening.opened.catch(() => {}); // handled below, after the import
  const { buildApp } = await import('./app');
  const open = async (): Promise<Store> => {
    try {
      return await opening.opened;
    } catch (error) {
      console.error(`Impossible d’ouvrir la base de données : ${(error as Error).message}`);
      process.exit(1);
    }
  };
  let markPrepared = () => {};
  const prepared = new Promise<void>((resolve) => {
    markPrepared = resolve;
  });
  const prepare = async (store: Store) => {
    try {
      await prepareStore(store);
      markPrepared();
    } catch (error) {
      // An edited migration, a failed one: said in French, without a stack trace.
      console.error(`Impossible de préparer la base de données : ${(error as Error).message}`);
      await store.close().catch(() => {});
      process.exit(1);
    }
  };
  const smtpUrl = config.SMTP_URL;
  let logger: FastifyBaseLogger | undefined;
  const build = async (store: Store) => {
    // With SMTP, mail goes through the outbox in the database: a failing server or a restart loses none.
    const outbox = smtpUrl
      ? createOutboxMailer({
          store,
          from: config.SMTP_FROM,
          now: () => new Date(),
          firstRetryMs: config.MAIL_RETRY_MIN_MS,
          transport: () => import('nodemailer').then((m) => m.default.createTransport(smtpUrl)),
          log: { error: (obj, msg) => logger?.error(obj, msg), warn: (obj, msg) => logger?.warn(obj, msg) },
          startAfter: prepared, // its first sweep reads the outbox: after the migrations
        })
      : undefined;
    const mailer: Mailer = outbox ?? createMailer(undefined, config.SMTP_FROM);
    const app = await buildApp({ config, store, mailer, now: () => new Date(), version });
    logger = app.log;
    return { app, outbox };
  };
  let store: Store;
  let built: Awaited<ReturnType<typeof build>>;
  if (opening.early) {
    // PGlite: the application is built (about half a second) while its thread opens the database.
    built = await build(opening.early);
    store = await open();
    await prepare(store);
  } else {
    store = await open();
    await prepare(store);
    built = await build(store);
  }
  const { app, outbox } = built;

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
      outbox?.close();
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

/**
 * `WORKERS=N` (PostgreSQL only): this process starts N server processes sharing the port
 * (node:cluster; each connection, a WebSocket included, stays with one of them). They share
 * everything through the database: live rooms and check-in counts by NOTIFY, rate limits in
 * `rate_limits`. A process that dies after it served is replaced; one that fails to start stops
 * them all (the cause is in its message). SIGTERM or SIGINT stops them gracefully.
 */
function runPrimary(workers: number): Promise<void> {
  let stopping = false;
  const alive = new Set<Worker>();
  const served = new Set<number>();
  const fork = () => {
    const worker = cluster.fork();
    alive.add(worker);
  };
  const stopAll = (exitCode: number) => {
    stopping = true;
    process.exitCode = exitCode;
    for (const w of alive) w.process.kill('SIGTERM');
    if (alive.size === 0) process.exit(exitCode);
  };
  cluster.on('listening', (worker) => {
    served.add(worker.id);
    if (served.size === workers) console.log(`maillage ${version} : ${workers} processus servent (PID ${process.pid} les surveille)`);
  });
  cluster.on('exit', (worker, code, signal) => {
    alive.delete(worker);
    if (stopping) {
      if (alive.size === 0) process.exit(process.exitCode ?? 0);
      return;
    }
    if (!served.has(worker.id)) {
      console.error(`Un processus n’a pas pu démarrer (code ${code ?? signal}) : arrêt de tous.`);
      stopAll(code || 1);
      return;
    }
    console.error(`Le processus ${worker.process.pid} s’est arrêté (${code ?? signal}) : il est remplacé.`);
    setTimeout(fork, 1000).unref();
  });
  const stop = () => {
    if (!stopping) stopAll(0);
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  for (let i = 0; i < workers; i++) fork();
  return Promise.resolve();
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await runMain();
}
