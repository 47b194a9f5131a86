import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { lockDataDir } from './lock';
import { PgliteThreadConnection } from './pglite-connection';
import { openPgliteThread, type PgliteThread } from './pglite-thread';
import type { DB } from './schema';

export type StoreKind = 'pglite' | 'postgres';

/** An open store: the typed query builder, which engine backs it, and how to close it. */
export interface Store {
  readonly db: Kysely<DB>;
  readonly kind: StoreKind;
  /** Raw pool, for LISTEN/NOTIFY and maintenance; same engine as `db`. */
  readonly pool: pg.Pool;
  /**
   * PGlite only: a consistent copy of the data folder (gzipped tar), taken while holding the
   * pool's only connection, so no transaction is half done. PostgreSQL is backed up with pg_dump.
   */
  backup?(): Promise<Blob>;
  close(): Promise<void>;
}

export type StoreOptions =
  | { kind: 'postgres'; databaseUrl: string; poolSize?: number }
  | {
      kind: 'pglite';
      dataDir: string;
      /** A prepared data folder (tar.gz) to start from when the folder is new, instead of initdb. */
      template?: () => Blob | undefined;
      /**
       * Run PGlite in a worker thread (the server): its start overlaps the application's, and
       * queries do not stop the event loop. The URL of the worker's script, or true for its
       * TypeScript source (under tsx). Tests and the CLI keep PGlite on the main thread.
       */
      thread?: URL | true;
    }
  | { kind: 'pglite-memory'; loadDataDir?: Blob };

// DATE columns come back as plain 'YYYY-MM-DD' strings, never shifted by a time zone.
pg.types.setTypeParser(1082, (value) => value);
// BIGINT counts fit in a double for every figure this application keeps.
pg.types.setTypeParser(20, (value) => Number(value));

/** Opens the store: PGlite in a locked data folder, in memory, or a real PostgreSQL. */
export async function openStore(options: StoreOptions): Promise<Store> {
  if (options.kind === 'postgres') {
    const pool = new pg.Pool({
      connectionString: options.databaseUrl,
      max: options.poolSize ?? 10,
    });
    // An idle connection closed by the server (restart, failover, a test database dropped) is
    // discarded by the pool and replaced on the next query; without a listener, Node would treat
    // the pool's 'error' event as fatal and stop the whole process.
    pool.on('error', () => {});
    // Fail now, with the server's own message, rather than on the first request.
    const client = await pool.connect();
    client.release();
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    return {
      db,
      kind: 'postgres',
      pool,
      async close() {
        await db.destroy();
      },
    };
  }
  if (options.kind === 'pglite' && options.thread) {
    return storeOnThread(
      await openPgliteThread({
        dataDir: options.dataDir,
        ...(options.template ? { template: options.template } : {}),
        ...(options.thread === true ? {} : { workerUrl: options.thread }),
      }),
    );
  }
  const release = options.kind === 'pglite' ? lockDataDir(options.dataDir) : () => {};
  let pglite: PGlite;
  try {
    const fresh = options.kind === 'pglite' && !existsSync(join(options.dataDir, 'pg', 'PG_VERSION'));
    // Loaded here: the server runs PGlite in its worker thread, its main thread never loads it.
    const { createPglite } = await import('./pglite');
    pglite = await createPglite(
      options.kind === 'pglite' ? join(options.dataDir, 'pg') : undefined,
      options.kind === 'pglite-memory' ? options.loadDataDir : fresh && options.kind === 'pglite' ? options.template?.() : undefined,
    );
  } catch (error) {
    release();
    throw error;
  }
  const { createPgConfig } = await import('@electric-sql/pglite/node-postgres');
  const pool = new pg.Pool(createPgConfig(pglite));
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    kind: 'pglite',
    pool,
    async backup() {
      // The pool has one connection (PGlite is one session): holding it waits for the
      // transaction in progress, and keeps the next one out until the copy is made.
      const client = await pool.connect();
      try {
        await client.query('checkpoint');
        return await pglite.dumpDataDir('gzip');
      } finally {
        client.release();
      }
    },
    async close() {
      await db.destroy();
      await pglite.close();
      release();
    },
  };
}

/**
 * The store over a PGlite thread (see pglite-thread.ts): node-postgres speaks to it through one
 * connection. The thread may still be opening: the store is usable at once (the server builds
 * its application meanwhile) and its queries wait for PGlite to be ready.
 */
export function storeOnThread(opening: PgliteThread | Promise<PgliteThread>): Store {
  const thread = Promise.resolve(opening);
  const connection = new PgliteThreadConnection(thread);
  // One session, as with PGlite in-process: every client of the pool is this connection.
  const pool = new pg.Pool({
    connection,
    max: 1,
    // What PGlite's own bridge declares: nothing here is looked up in the environment.
    user: 'postgres',
    password: 'dummy',
    database: 'postgres',
    host: 'localhost',
    port: 5432,
  } as pg.PoolConfig);
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    kind: 'pglite',
    pool,
    async backup() {
      // As in-process: the pool's only connection held, no transaction is half done.
      const client = await pool.connect();
      try {
        await client.query('checkpoint');
        return await (await thread).dump();
      } finally {
        client.release();
      }
    },
    async close() {
      await db.destroy();
      await (await thread).close();
    },
  };
}
