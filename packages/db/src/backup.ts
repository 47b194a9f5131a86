import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { openStore, type Store } from './client';

/**
 * Backups of the embedded store (PGlite). PGlite lets one process open a data folder (see
 * lock.ts), so while the server runs it is the server that copies its own data: it listens on a
 * Unix socket in the data folder (`maillage.sock`, reachable by whoever may read the folder
 * anyway) and answers `backup` with a gzipped tar of the folder, taken while it holds the pool's
 * only connection: no transaction is half done, every acknowledged write is in it. When no
 * server runs, `backupDataDir` opens the folder itself. On PostgreSQL, use pg_dump.
 */

/** The control socket of the server holding `dataDir`. */
export function controlSocketPath(dataDir: string): string {
  return join(dataDir, 'maillage.sock');
}

/** Unix socket paths are limited (108 bytes on Linux, 104 on macOS). */
const MAX_SOCKET_PATH = 100;

export class DataDirNotEmptyError extends Error {
  constructor(readonly dataDir: string) {
    super(
      `Le dossier de données « ${dataDir} » n’est pas vide : la restauration n’écrase rien. ` +
        'Restaurez dans un dossier vide (MAILLAGE_DATA), ou déplacez d’abord l’ancien dossier.',
    );
    this.name = 'DataDirNotEmptyError';
  }
}

/** A consistent copy of an open PGlite store, as a gzipped tar of its data folder. */
export async function dumpStore(store: Store): Promise<Buffer> {
  if (!store.backup) throw new Error('Avec PostgreSQL, sauvegardez avec pg_dump (voir le README).');
  return Buffer.from(await (await store.backup()).arrayBuffer());
}

/**
 * Serves backups of `store` on the data folder's control socket, for `maillage backup` while
 * the server runs. Returns what stops serving, or undefined when the path is too long for a socket.
 */
export async function serveBackups(
  store: Store,
  dataDir: string,
  log?: { error(obj: unknown, msg?: string): void },
): Promise<(() => Promise<void>) | undefined> {
  const path = controlSocketPath(dataDir);
  if (path.length > MAX_SOCKET_PATH) return undefined;
  // This process holds the folder's lock: a socket file there is a dead server's.
  if (existsSync(path)) unlinkSync(path);
  const server = createServer((socket) => {
    let request = '';
    socket.on('error', () => {});
    socket.on('data', (chunk) => {
      request += chunk.toString('utf8');
      if (!request.includes('\n')) return;
      const command = request.split('\n')[0];
      if (command !== 'backup') {
        socket.end(`ERR commande inconnue : ${command}\n`);
        return;
      }
      dumpStore(store).then(
        (archive) => {
          socket.write(`OK ${archive.length}\n`);
          socket.end(archive);
        },
        (error: Error) => {
          log?.error(error, 'sauvegarde');
          socket.end(`ERR ${error.message}\n`);
        },
      );
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(path, () => resolve());
  });
  return () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
    });
}

/** Asks the server holding `dataDir` for a backup; undefined when no server answers there. */
export function requestBackupFromServer(dataDir: string): Promise<Buffer | undefined> {
  const path = controlSocketPath(dataDir);
  if (!existsSync(path)) return Promise.resolve(undefined);
  return new Promise((resolve, reject) => {
    const socket = createConnection(path);
    const chunks: Buffer[] = [];
    let connected = false;
    socket.on('connect', () => {
      connected = true;
      socket.write('backup\n');
    });
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('error', (error: NodeJS.ErrnoException) => {
      // A socket file left by a server that is gone: nobody answers.
      if (!connected && (error.code === 'ECONNREFUSED' || error.code === 'ENOENT')) resolve(undefined);
      else reject(error);
    });
    socket.on('end', () => {
      const all = Buffer.concat(chunks);
      const eol = all.indexOf(10);
      const header = all.subarray(0, eol < 0 ? all.length : eol).toString('utf8');
      if (header.startsWith('OK ')) {
        const archive = all.subarray(eol + 1);
        if (archive.length !== Number(header.slice(3))) reject(new Error('Sauvegarde incomplète : la connexion au serveur a été coupée.'));
        else resolve(archive);
      } else reject(new Error(header.startsWith('ERR ') ? header.slice(4) : 'réponse inattendue du serveur'));
    });
  });
}

/** A backup of the PGlite folder `dataDir`: from the server holding it, or by opening it when none does. */
export async function backupDataDir(dataDir: string): Promise<{ archive: Buffer; from: 'server' | 'folder' }> {
  const fromServer = await requestBackupFromServer(dataDir);
  if (fromServer) return { archive: fromServer, from: 'server' };
  if (!existsSync(join(dataDir, 'pg', 'PG_VERSION'))) {
    throw new Error(`Aucune base de données dans « ${dataDir} » : rien à sauvegarder (vérifiez MAILLAGE_DATA).`);
  }
  const store = await openStore({ kind: 'pglite', dataDir });
  try {
    return { archive: await dumpStore(store), from: 'folder' };
  } finally {
    await store.close();
  }
}

/** Writes `bytes` to `file` atomically (a partial file never carries the final name). */
export function writeFileAtomically(file: string, bytes: Buffer): void {
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.partiel`;
  writeFileSync(tmp, bytes);
  renameSync(tmp, file);
}

/** Restores a backup into `dataDir`, which must be empty or absent; checks that the result opens. */
export async function restoreDataDir(dataDir: string, archive: Buffer): Promise<void> {
  if (existsSync(dataDir) && readdirSync(dataDir).length > 0) throw new DataDirNotEmptyError(dataDir);
  const existed = existsSync(dataDir);
  try {
    const store = await openStore({ kind: 'pglite', dataDir, template: () => new Blob([archive]) });
    try {
      await store.pool.query('select 1');
    } finally {
      await store.close();
    }
  } catch (error) {
    // Leave the folder as it was found: empty, or absent.
    if (existed) for (const entry of readdirSync(dataDir)) rmSync(join(dataDir, entry), { recursive: true, force: true });
    else rmSync(dataDir, { recursive: true, force: true });
    throw new Error(`Restauration impossible : ${(error as Error).message}`);
  }
}
