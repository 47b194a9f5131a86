import { type ChildProcess, spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openTestStore } from '@maillage/db/testing';
import { describe, expect, it } from 'vitest';
import { databaseUrlOf, freePort } from './process-kit';

const serverMain = join(dirname(fileURLToPath(import.meta.url)), '..', 'main.ts');

/** The server's output, and a wait for a line that matches (no polling on time). */
function watch(child: ChildProcess) {
  let output = '';
  const waiters: { test: (o: string) => boolean; resolve: () => void }[] = [];
  const heard = (d: Buffer) => {
    output += d.toString();
    for (const w of waiters.splice(0)) (w.test(output) ? w.resolve : () => waiters.push(w))();
  };
  child.stdout?.on('data', heard);
  child.stderr?.on('data', heard);
  return {
    output: () => output,
    until(test: (o: string) => boolean): Promise<void> {
      if (test(output)) return Promise.resolve();
      return new Promise((resolve) => waiters.push({ test, resolve }));
    },
  };
}

/** PIDs of the processes that logged « sert http:// » (pino JSON lines). */
const servingPids = (output: string) =>
  new Set(
    output
      .split('\n')
      .filter((l) => l.includes(' sert http://'))
      .map((l) => (JSON.parse(l) as { pid: number }).pid),
  );

describe.skipIf(!process.env.TEST_DATABASE_URL)('WORKERS=2 on PostgreSQL', () => {
  it('serves from two processes, replaces one that dies, and stops them all on SIGTERM', { timeout: 180_000 }, async () => {
    const store = await openTestStore('postgres');
    let primary: ChildProcess | undefined;
    try {
      const port = await freePort();
      primary = spawn(process.execPath, ['--import', 'tsx', serverMain], {
        env: {
          ...process.env,
          PORT: String(port),
          HOST: '127.0.0.1',
          LOG_LEVEL: 'info',
          DATABASE_URL: await databaseUrlOf(store),
          WORKERS: '2',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      const exited = new Promise<number | null>((resolve) => primary?.once('exit', (code) => resolve(code)));
      const out = watch(primary);
      await out.until((o) => o.includes('2 processus servent') && servingPids(o).size === 2);
      const first = servingPids(out.output());
      expect(first.size).toBe(2);
      expect(first.has(primary.pid as number)).toBe(false);
      expect((await fetch(`http://127.0.0.1:${port}/api/health`)).status).toBe(200);

      // A process killed outright is replaced by a new one.
      const [victim] = first;
      process.kill(victim as number, 'SIGKILL');
      await out.until((o) => servingPids(o).size === 3);
      expect(out.output()).toContain('il est remplacé');
      expect((await fetch(`http://127.0.0.1:${port}/api/health`)).status).toBe(200);

      primary.kill('SIGTERM');
      expect(await exited).toBe(0);
      for (const pid of servingPids(out.output())) {
        expect(() => process.kill(pid, 0)).toThrow();
      }
    } finally {
      if (primary && primary.exitCode === null) primary.kill('SIGKILL');
      await store.close();
    }
  });
});
