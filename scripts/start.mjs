#!/usr/bin/env node
// `npm start`: serves what `npm run build` produced (apps/server/dist/main.js and apps/web/dist),
// with no TypeScript compilation and no web build. When the output is missing or older than the
// sources, says so in French and stops: a server silently running yesterday's code is worse.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { staleBuild } from './build-state.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const problem = staleBuild(root);
if (problem) {
  console.error(`${problem}\nLancez « npm run build », puis « npm start ».`);
  process.exit(1);
}
const main = join(root, 'apps/server/dist/main.js');
if (!existsSync(main)) process.exit(1); // staleBuild already said so
await import(pathToFileURL(main).href);
