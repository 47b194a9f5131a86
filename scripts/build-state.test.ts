import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { staleBuild } from './build-state.mjs';

describe('npm start refuses a missing or outdated build, in French', () => {
  let root = '';
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  const write = (path: string, at: number) => {
    const file = join(root, path);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, '');
    utimesSync(file, at, at);
  };

  it('names what is missing, then what is older than its sources, then accepts a current build', () => {
    root = mkdtempSync(join(tmpdir(), 'maillage-build-'));
    write('packages/core/src/index.ts', 1000);
    write('apps/server/src/main.ts', 1000);
    write('apps/web/src/main.tsx', 1000);
    expect(staleBuild(root)).toBe('La version construite du serveur est absente (apps/server/dist/main.js).');
    write('apps/server/dist/main.js', 2000);
    write('apps/web/dist/index.html', 2000);
    expect(staleBuild(root)).toBeUndefined();
    write('packages/db/migrations/0004_rate_limits.sql', 3000);
    expect(staleBuild(root)).toBe('La version construite du serveur est plus ancienne que ses sources (apps/server/dist/main.js).');
    write('apps/server/dist/main.js', 4000);
    write('apps/web/src/app/page.tsx', 5000);
    expect(staleBuild(root)).toBe('La version construite de l’interface web est plus ancienne que ses sources (apps/web/dist/index.html).');
    // A test file changed is not a reason to rebuild.
    write('apps/web/dist/index.html', 6000);
    write('apps/server/src/main.test.ts', 7000);
    expect(staleBuild(root)).toBeUndefined();
  });
});
