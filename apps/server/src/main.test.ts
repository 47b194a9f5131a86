import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { AnswerBody } from './testing';

const mainPath = join(import.meta.dirname, 'main.ts');
const dataDir = mkdtempSync(join(tmpdir(), 'maillage-main-'));
const children: ChildProcess[] = [];

afterAll(() => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      srv.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

function start(env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', mainPath], {
    env: { ...process.env, LOG_LEVEL: 'info', HOST: '127.0.0.1', MAILLAGE_DATA: dataDir, DATABASE_URL: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let output = '';
  let heard = () => {};
  child.stdout?.on('data', (d) => {
    output += d;
    heard();
  });
  child.stderr?.on('data', (d) => (output += d));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  /** Resolves when the server logs that it serves (after listen), rejects if it exits first. */
  const listening = new Promise<void>((resolve, reject) => {
    heard = () => {
      if (output.includes(' sert http://')) resolve();
    };
    void exited.then((code) => reject(new Error(`the server exited (${code}) before serving:\n${output}`)));
  });
  listening.catch(() => {}); // a start that is meant to fail is awaited through `exited`
  return { child, exited, listening, output: () => output };
}

/** Waits for the server's own word that it listens (no polling), then checks it answers. */
async function waitHealthy(server: { listening: Promise<void> }, port: number): Promise<void> {
  await server.listening;
  expect((await fetch(`http://127.0.0.1:${port}/api/health`)).status).toBe(200);
}

/** A tiny browser: cookie jar + CSRF header. */
async function browserSession(port: number) {
  const jar = new Map<string, string>();
  const call = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`http://127.0.0.1:${port}${path}`, {
      method,
      headers: {
        cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; '),
        ...(body ? { 'content-type': 'application/json', 'x-csrf-token': jar.get('maillage_csrf') ?? '' } : {}),
      },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const [k, v] = (pair as string).split('=');
      jar.set(k as string, v as string);
    }
    return { status: res.status, body: (await res.json().catch(() => undefined)) as AnswerBody };
  };
  await call('GET', '/api/session');
  return call;
}

describe('the server process', () => {
  it('stops with a message naming PORT when PORT is not a number', async () => {
    const s = start({ PORT: 'abc' });
    expect(await s.exited).toBe(2);
    expect(s.output()).toMatch(/PORT.*nombre/);
  });

  it('keeps every acknowledged write through SIGKILL, refuses a second opener, and shuts down cleanly on SIGTERM', async () => {
    const port = await freePort();
    const first = start({ PORT: String(port) });
    await waitHealthy(first, port);
    const call = await browserSession(port);
    const setup = await call('POST', '/api/setup', {
      email: 'durable@exemple.fr',
      password: 'mot de passe durable',
      displayName: 'Dominique',
    });
    expect(setup.status).toBe(201);

    // A second process on the same folder gets a clear error, not a corrupted store.
    const second = start({ PORT: String(await freePort()) });
    expect(await second.exited).toBe(1);
    expect(second.output()).toContain('déjà ouvert par le processus');

    first.child.kill('SIGKILL');
    await first.exited;

    const port2 = await freePort();
    const restarted = start({ PORT: String(port2) });
    await waitHealthy(restarted, port2);
    const call2 = await browserSession(port2);
    const login = await call2('POST', '/api/session', { email: 'durable@exemple.fr', password: 'mot de passe durable' });
    expect(login.status).toBe(200);
    expect(login.body.user.displayName).toBe('Dominique');

    restarted.child.kill('SIGTERM');
    expect(await restarted.exited).toBe(0);
    expect(existsSync(join(dataDir, 'maillage.lock'))).toBe(false);
  }, 400_000);
});
