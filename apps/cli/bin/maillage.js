#!/usr/bin/env node
// Runs the TypeScript CLI through tsx, so that `npx maillage` works without a build step.
import { register } from 'tsx/esm/api';

register();
const { run } = await import('../src/main.ts');
process.exitCode = await run(process.argv.slice(2));
