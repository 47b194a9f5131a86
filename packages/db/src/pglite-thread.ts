// PGlite on a thread of its own. The main thread keeps the data folder's lock and talks to a
// worker (pglite-worker.ts) in the PostgreSQL wire protocol, as node-postgres talks to a server:
// opening PGlite (about 1.4 s of CPU: compiling and starting its wasm) runs on another core
// while the main thread loads and builds the application, and queries no longer stop the event
// loop. This module imports nothing heavy: the server's entry starts the thread before it loads
// anything else.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { lockDataDir } from './lock';
import type { PgliteReply, PgliteRequest, PgliteWorkerData } from './pglite-worker';

/** The worker's script in development (tsx): its TypeScript source. The built server passes its own. */
export const pgliteWorkerSource = new URL('./pglite-worker.ts', import.meta.url);

function tsxApi(): string {
  // Its ES module: the CommonJS one cannot register tsx's hooks from a worker.
  return pathToFileURL(
    createRequire(import.meta.url)
      .resolve('tsx/esm/api')
      .replace(/\.cjs$/, '.mjs'),
  ).href;
}

/** A PGlite instance running in a worker thread; its data folder is locked by this process. */
export interface PgliteThread {
  readonly dataDir: string;
  /** Executes wire protocol messages in order; resolves with the backend's answers, concatenated. */
  exec(messages: Uint8Array[]): Promise<Uint8Array>;
  /** A gzipped tar of the data folder (PGlite's dumpDataDir). */
  dump(): Promise<Blob>;
  /** Closes PGlite, ends the thread, releases the lock. */
  close(): Promise<void>;
  /** Ends the thread at once and releases the lock (the process is stopping on an error). */
  abandon(): void;
}

export interface PgliteThreadOptions {
  readonly dataDir: string;
  /** A prepared data folder (tar.gz) to start from when the folder is new. */
  readonly template?: () => Blob | undefined;
  /** The worker's script: pglite-worker.ts under tsx, its bundle in the built server. */
  readonly workerUrl?: URL;
  /** The folder's lock, when the caller took it (it then releases it on failure). */
  readonly release?: () => void;
}

/** Locks `dataDir` and opens PGlite on it in a worker thread; resolves once PGlite is ready. */
export async function openPgliteThread(options: PgliteThreadOptions): Promise<PgliteThread> {
  const dataDir = options.dataDir;
  const release = options.release ?? lockDataDir(dataDir);
  let worker: Worker;
  try {
    const fresh = !existsSync(join(dataDir, 'pg', 'PG_VERSION'));
    const blob = fresh ? options.template?.() : undefined;
    const template = blob ? await blob.arrayBuffer() : undefined;
    const workerData: PgliteWorkerData = { dataDir: join(dataDir, 'pg'), ...(template ? { template } : {}) };
    const url = options.workerUrl ?? pgliteWorkerSource;
    const workerOptions = { workerData, ...(template ? { transferList: [template] } : {}) };
    worker = url.pathname.endsWith('.ts')
      ? // Development: a worker does not inherit tsx's hooks (`--import tsx`), so it loads the source through tsx's API.
        new Worker(
          `import(${JSON.stringify(tsxApi())}).then((tsx) => tsx.tsImport(${JSON.stringify(url.href)}, ${JSON.stringify(url.href)}))`,
          {
            ...workerOptions,
            eval: true,
          },
        )
      : new Worker(url, workerOptions);
  } catch (error) {
    release();
    throw error;
  }
  const pending = new Map<number, { resolve: (data: Uint8Array | ArrayBuffer | undefined) => void; reject: (e: Error) => void }>();
  let nextId = 1;
  let ended: Error | undefined;
  const end = (error: Error) => {
    if (ended) return;
    ended = error;
    for (const p of pending.values()) p.reject(error);
    pending.clear();
  };
  await new Promise<void>((resolveReady, rejectReady) => {
    worker.on('message', (reply: PgliteReply) => {
      if ('op' in reply) {
        resolveReady();
        return;
      }
      const p = pending.get(reply.id);
      if (!p) return;
      pending.delete(reply.id);
      if (reply.ok) p.resolve(reply.data);
      else p.reject(new Error(reply.message));
    });
    worker.on('error', (error) => {
      end(error);
      rejectReady(error);
    });
    worker.on('exit', (code) => {
      const error = new Error(`PGlite s’est arrêté (code ${code})`);
      end(error);
      rejectReady(error);
    });
  }).catch((error) => {
    release();
    throw error;
  });

  const request = (op: 'exec' | 'dump' | 'close', messages?: Uint8Array[]) =>
    new Promise<Uint8Array | ArrayBuffer | undefined>((resolveReply, rejectReply) => {
      if (ended) {
        rejectReply(ended);
        return;
      }
      const id = nextId++;
      pending.set(id, { resolve: resolveReply, reject: rejectReply });
      const message: PgliteRequest = op === 'exec' ? { id, op, messages: messages ?? [] } : { id, op };
      worker.postMessage(message);
    });
  let closing: Promise<void> | undefined;
  return {
    dataDir,
    exec: async (messages) => (await request('exec', messages)) as Uint8Array,
    dump: async () => new Blob([(await request('dump')) as ArrayBuffer]),
    close() {
      closing ??= (async () => {
        try {
          if (!ended) await request('close');
        } finally {
          await worker.terminate();
          release();
        }
      })();
      return closing;
    },
    abandon() {
      void worker.terminate();
      release();
    },
  };
}

/**
 * The server's entry calls this before it loads the application: when the configuration (read
 * raw here; runMain validates it) names an existing PGlite data folder, its thread starts now.
 * Undefined otherwise (PostgreSQL, a new folder: runMain opens the store itself).
 */
export function startPgliteEarly(workerUrl: URL, env: NodeJS.ProcessEnv = process.env): EarlyPglite | undefined {
  if (env.DATABASE_URL) return undefined;
  const dataDir = resolve(env.MAILLAGE_DATA || './data');
  if (!existsSync(join(dataDir, 'pg', 'PG_VERSION'))) return undefined;
  let release: () => void;
  try {
    release = lockDataDir(dataDir);
  } catch (error) {
    // Another process holds the folder: runMain says so, as when it opens the folder itself.
    const thread = Promise.reject(error as Error);
    thread.catch(() => {});
    return { dataDir, thread, abandon: () => {} };
  }
  const thread = openPgliteThread({ dataDir, workerUrl, release });
  thread.catch(() => {}); // reported by runMain, which awaits it
  return {
    dataDir,
    thread,
    abandon: () => {
      release(); // now: the process may be about to exit
      thread.then((t) => t.abandon()).catch(() => {});
    },
  };
}

/** A PGlite thread started before the configuration was validated. */
export interface EarlyPglite {
  readonly dataDir: string;
  readonly thread: Promise<PgliteThread>;
  /** Not wanted after all (the configuration names another store, or is invalid): ends it. */
  abandon(): void;
}
