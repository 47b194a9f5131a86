import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';

/**
 * Runs the server in a child process (the CLI does not import apps/server), forwarding
 * signals so that Ctrl-C and SIGTERM shut it down gracefully.
 */
export function runServer(env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const require = createRequire(import.meta.url);
  const main = require.resolve('@maillage/server/main');
  const child = spawn(process.execPath, ['--import', 'tsx', main], { stdio: 'inherit', env });
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
