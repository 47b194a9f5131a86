import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { joinCodeFrom } from '@maillage/core';
import { liveRepo, openStore, prepareStore, readPgliteTemplate } from '@maillage/db';
import { describe, expect, it } from 'vitest';
import { runBackup, runRestore } from './backup';
import type { CliIo } from './io';
import { serverCommand } from './server';

interface Socket {
  send(data: string): void;
  close(): void;
  on(event: 'open' | 'close', listener: () => void): void;
  on(event: 'message', listener: (data: Buffer) => void): void;
  on(event: 'error', listener: (error: Error) => void): void;
}
const WebSocket = createRequire(import.meta.url)('ws') as new (url: string) => Socket;

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const a = srv.address();
      srv.close(() => resolve(typeof a === 'object' && a ? a.port : 0));
    });
  });
}

const quietIo = (): CliIo & { out: string[]; err: string[] } => {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, stdout: (t) => void out.push(t), stderr: (t) => void err.push(t) };
};

describe('maillage backup and restore (embedded store)', () => {
  it('backs up a running server while submissions arrive; the restore holds every one acknowledged before', {
    timeout: 120_000,
  }, async () => {
    const root = mkdtempSync(join(tmpdir(), 'maillage-backup-'));
    const dataDir = join(root, 'data');
    const restored = join(root, 'restored');
    const file = join(root, 'sauvegarde.tar.gz');
    // Several phones: each stays within a connection's burst of messages (`RATE_BURST`, 20).
    const tokens = Array.from({ length: 8 }, () => randomBytes(24).toString('base64url'));
    const perPhone = 15;
    const activityId = crypto.randomUUID();
    let child: ReturnType<typeof spawn> | undefined;
    try {
      // A room with one phone and a keyword activity, prepared before the server starts.
      const setup = await openStore({ kind: 'pglite', dataDir, template: readPgliteTemplate });
      let roomId: string;
      let code: string;
      try {
        await prepareStore(setup);
        const repo = liveRepo(setup.db);
        const territory = await setup.db
          .insertInto('territories')
          .values({ kind: 'quartier', name: 'Quartier de la Gare', slug: 'gare' })
          .returning('id')
          .executeTakeFirstOrThrow();
        const room = await repo.createRoom({
          code: joinCodeFrom((n) => new Uint8Array(randomBytes(n))),
          title: 'Sauvegarde à chaud',
          territoryId: territory.id,
          eventSessionId: null,
          createdBy: null,
        });
        if (room === 'code_taken') throw new Error('code collision');
        ({ id: roomId, code } = room);
        for (const [i, token] of tokens.entries()) {
          await repo.createParticipant(room.id, {
            tokenHash: createHash('sha256').update(token).digest('hex'),
            name: `Téléphone ${i + 1}`,
            organisationKind: null,
            territory: null,
          });
        }
        await repo.append(room.id, [
          { event: { type: 'activity.added', activityId, kind: 'keyword', prompt: 'Un mot', mode: 'person' } },
          { event: { type: 'activity.started', activityId } },
        ]);
      } finally {
        await setup.close();
      }

      const port = await freePort();
      child = spawn(process.execPath, serverCommand(), {
        env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'silent', MAILLAGE_DATA: dataDir, DATABASE_URL: '' },
        stdio: 'ignore',
      });
      for (;;) {
        if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
        try {
          if ((await fetch(`http://127.0.0.1:${port}/api/health`)).status === 200) break;
        } catch {
          // not listening yet
        }
        await new Promise((r) => setTimeout(r, 50));
      }

      // Each phone submits one keyword after another, each once the previous is acknowledged.
      const acked: string[] = [];
      let stop = false;
      const phones = tokens.map(async (token, p) => {
        const ws = new WebSocket(`ws://127.0.0.1:${port}/ws/live/${code}`);
        const waiting = new Map<string, () => void>();
        let welcomed: () => void = () => {};
        const welcome = new Promise<void>((r) => {
          welcomed = r;
        });
        ws.on('message', (data) => {
          const m = JSON.parse(data.toString());
          if (m.type === 'welcome') welcomed();
          if (m.type === 'ack') waiting.get(m.key)?.();
        });
        ws.on('error', () => {});
        await new Promise<void>((r) => ws.on('open', () => r()));
        ws.send(JSON.stringify({ v: 1, type: 'hello', role: 'participant', token }));
        await welcome;
        for (let i = 0; i < perPhone && !stop; i++) {
          const key = `mot-${p}-${String(i).padStart(2, '0')}`;
          await new Promise<void>((r) => {
            waiting.set(key, r);
            ws.send(JSON.stringify({ v: 1, type: 'submit', key, activityId, input: { kind: 'keyword', text: `Mot ${p} ${i}` } }));
          });
          acked.push(key);
        }
        ws.close();
      });
      while (acked.length < 10) await new Promise((r) => setImmediate(r));

      const ackedBefore = [...acked];
      const io = quietIo();
      expect(await runBackup(['--out', file], io, { MAILLAGE_DATA: dataDir })).toBe(0);
      expect(io.out.join('\n')).toContain('faite par le serveur en marche');
      const ackedAfter = acked.length;
      stop = true;
      await Promise.all(phones);
      child.kill('SIGTERM');
      await new Promise((r) => child?.once('exit', r));

      // Refused into a folder that is not empty, in French; accepted into an empty one.
      mkdirSync(join(root, 'occupied'));
      writeFileSync(join(root, 'occupied', 'notes.txt'), 'à garder');
      await expect(runRestore([file], quietIo(), { MAILLAGE_DATA: join(root, 'occupied') })).rejects.toThrow(/n’est pas vide/);
      expect(await runRestore([file], quietIo(), { MAILLAGE_DATA: restored })).toBe(0);

      const back = await openStore({ kind: 'pglite', dataDir: restored });
      try {
        const rows = await back.db
          .selectFrom('live_events')
          .select(['seq', 'idempotency_key'])
          .where('room_id', '=', roomId)
          .orderBy('seq')
          .execute();
        const keys = rows.map((r) => r.idempotency_key).filter((k): k is string => k !== null);
        for (const key of ackedBefore) expect(keys).toContain(key);
        // Nothing half-written: the log is whole (no hole in seq) and holds only what the phone sent, once.
        expect(rows.map((r) => r.seq)).toEqual(rows.map((_, i) => i + 1));
        expect(new Set(keys).size).toBe(keys.length);
        expect(keys.length).toBeLessThanOrEqual(ackedAfter + tokens.length);
        expect(ackedAfter).toBeGreaterThan(ackedBefore.length); // the backup was taken while submissions arrived
      } finally {
        await back.close();
      }
    } finally {
      if (child && child.exitCode === null) child.kill('SIGKILL');
      rmSync(root, { recursive: true, force: true });
    }
  });
});
