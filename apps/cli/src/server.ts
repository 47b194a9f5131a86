import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { staleBuild } from '../../../scripts/build-state.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/**
 * How to run the server: the bundle `npm run build` made when it is up to date (plain Node, no
 * compilation), else its TypeScript sources through tsx (a development checkout).
 */
export function serverCommand(): string[] {
  const built = join(root, 'apps', 'server', 'dist', 'main.js');
  if (existsSync(built) && !staleBuild(root)) return [built];
  const require = createRequire(import.meta.url);
  return ['--import', 'tsx', require.resolve('@maillage/server/main')];
}

/**
 * Runs the server in a child process (the CLI does not import apps/server), forwarding
 * signals so that Ctrl-C and SIGTERM shut it down gracefully.
 */
export function runServer(env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const child = spawn(process.execPath, serverCommand(), { stdio: 'inherit', env });
  const forward = (signal: NodeJS.Signals) => child.kill(signal);
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  return new Promise((resolve) => {
    child.on('exit', (code, signal) => {
      process.off('SIGINT', forward);
      process.off('SIGTERM', forward);
      resolve(code ?? (signal ? 1 : 0));
    });
  });
}
