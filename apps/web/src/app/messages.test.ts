import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalogues } from './messages';

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.(ts|tsx)$/.test(name) && !name.endsWith('.test.ts') ? [path] : [];
  });
}

describe('catalogues', () => {
  it('have the same keys in French and English', () => {
    expect(Object.keys(catalogues.en).sort()).toEqual(Object.keys(catalogues.fr).sort());
  });
  it('hold every key the sources use', () => {
    const root = join(import.meta.dirname, '..');
    const used = new Set<string>();
    for (const file of sources(root)) {
      for (const m of readFileSync(file, 'utf8').matchAll(/\bt\(\s*'([a-zA-Z0-9_.-]+)'/g)) used.add(m[1] as string);
    }
    const missing = [...used].filter((k) => !(k in catalogues.fr));
    expect(missing).toEqual([]);
    expect(used.size).toBeGreaterThan(5);
  });
});
