import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DataDirLockedError, lockDataDir } from './lock';

const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'maillage-lock-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('data folder lock', () => {
  it('refuses a second opener in the same process, then allows it after release', () => {
    const dir = tempDir();
    const release = lockDataDir(dir);
    expect(() => lockDataDir(dir)).toThrow(DataDirLockedError);
    release();
    const again = lockDataDir(dir);
    again();
  });

  it('refuses an opener while another live process holds the folder, naming that process', async () => {
    const dir = tempDir();
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        '-e',
        `
      const { lockDataDir } = await import(${JSON.stringify(join(import.meta.dirname, 'lock.ts'))});
      lockDataDir(${JSON.stringify(dir)});
      console.log('locked');
      setInterval(() => {}, 1000);
    `,
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
    try {
      expect(() => lockDataDir(dir)).toThrow(new RegExp(`processus ${child.pid}`));
    } finally {
      child.kill('SIGKILL');
      await new Promise((resolve) => child.once('exit', resolve));
    }
    // The holder died without releasing: its stale lock is taken over, and now names this process.
    const release = lockDataDir(dir);
    expect(readFileSync(join(dir, 'maillage.lock'), 'utf8')).toBe(String(process.pid));
    release();
    expect(existsSync(join(dir, 'maillage.lock'))).toBe(false);
  });

  it('takes over a lock whose process is gone', () => {
    const dir = tempDir();
    const lockFile = join(dir, 'maillage.lock');
    writeFileSync(lockFile, '999999999');
    const release = lockDataDir(dir);
    expect(readFileSync(lockFile, 'utf8')).toBe(String(process.pid));
    expect(() => lockDataDir(dir)).toThrow(DataDirLockedError);
    release();
    expect(existsSync(lockFile)).toBe(false);
  });
});
