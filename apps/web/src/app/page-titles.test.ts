import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Every page gives the document its own title (WCAG 2.4.2): its module renders `PageTitle` (whose
 * heading becomes "Heading — maillage") or calls `usePageTitle`. Checked on the route table's
 * sources, so a new page that forgets it fails here (the browser journey checks the result).
 */
describe('page titles', () => {
  const routesSource = readFileSync(join(import.meta.dirname, 'routes.tsx'), 'utf8');
  const modules = [...routesSource.matchAll(/import\('(\.\.\/features\/[^']+)'\)/g)].map((m) => m[1] as string);
  modules.push('../features/home/home-page', '../features/shell/not-found-page', '../features/shell/access-denied-page');

  it('lists the route modules', () => {
    expect(modules.length).toBeGreaterThan(40);
  });

  it.each(modules)('%s names its page', (module) => {
    const source = readFileSync(join(import.meta.dirname, `${module}.tsx`), 'utf8');
    expect(/<PageTitle[\s>]|usePageTitle\(/.test(source)).toBe(true);
  });
});
