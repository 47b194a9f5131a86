/**
 * The dependency and purity rules of core and the solver (ARCHITECTURE.md) hold only if the
 * tools really refuse what they say they refuse. Each probe below is a file of one forbidden
 * kind, written into packages/core/src or packages/solver/src, checked by the tool that owns the
 * rule (dependency-cruiser or biome), and removed afterwards. A clean probe must pass both.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');
const tag = `${process.pid}-${randomBytes(3).toString('hex')}`;

interface Probe {
  readonly name: string;
  /** Folder, from the repository's root. */
  readonly dir: string;
  readonly source: string;
  readonly tool: 'depcruise' | 'biome';
  /** The rule the tool must name (dependency-cruiser rule, or biome rule / plugin message). */
  readonly rule: string;
}

const core = 'packages/core/src/events';
const solver = 'packages/solver/src';
const probes: readonly Probe[] = [
  {
    name: 'core-pg',
    dir: core,
    source: "import pg from 'pg';\nexport const x = pg;\n",
    tool: 'depcruise',
    rule: 'core-imports-only-core-solver-zod',
  },
  {
    name: 'core-kysely',
    dir: core,
    source: "import { sql } from 'kysely';\nexport const x = sql;\n",
    tool: 'depcruise',
    rule: 'core-imports-only-core-solver-zod',
  },
  {
    name: 'core-crypto',
    dir: core,
    source: "import { createHash } from 'node:crypto';\nexport const x = createHash;\n",
    tool: 'depcruise',
    rule: 'core-imports-only-core-solver-zod',
  },
  {
    name: 'core-os',
    dir: core,
    source: "import { hostname } from 'node:os';\nexport const x = hostname;\n",
    tool: 'depcruise',
    rule: 'core-imports-only-core-solver-zod',
  },
  {
    name: 'core-fs',
    dir: core,
    source: "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n",
    tool: 'depcruise',
    rule: 'core-imports-only-core-solver-zod',
  },
  {
    name: 'core-other-capability',
    dir: core,
    source: "import type { LiveEvent } from '../live/protocol';\nexport type X = LiveEvent;\n",
    tool: 'depcruise',
    rule: 'core-capabilities-meet-through-index',
  },
  { name: 'core-date-now', dir: core, source: 'export const x = Date.now();\n', tool: 'biome', rule: 'pure-core/no-clock' },
  { name: 'core-new-date', dir: core, source: 'export const x = new Date();\n', tool: 'biome', rule: 'pure-core/no-clock' },
  { name: 'core-random', dir: core, source: 'export const x = Math.random();\n', tool: 'biome', rule: 'pure-core/no-randomness' },
  { name: 'core-env', dir: core, source: 'export const x = process.env.X;\n', tool: 'biome', rule: 'lint/style/noRestrictedGlobals' },
  {
    name: 'solver-zod',
    dir: solver,
    source: "import { z } from 'zod';\nexport const x = z;\n",
    tool: 'depcruise',
    rule: 'solver-imports-only-itself',
  },
  {
    name: 'solver-fs',
    dir: solver,
    source: "import { readFile } from 'node:fs/promises';\nexport const x = readFile;\n",
    tool: 'depcruise',
    rule: 'solver-imports-only-itself',
  },
  { name: 'solver-date-now', dir: solver, source: 'export const x = Date.now();\n', tool: 'biome', rule: 'pure-core/no-clock' },
  { name: 'solver-random', dir: solver, source: 'export const x = Math.random();\n', tool: 'biome', rule: 'pure-core/no-randomness' },
  { name: 'solver-env', dir: solver, source: 'export const x = process.env.X;\n', tool: 'biome', rule: 'lint/style/noRestrictedGlobals' },
];

/** What both tools accept: core importing zod and its own index, a date given in full. */
const clean = {
  dir: core,
  source:
    "import { z } from 'zod';\nimport type { Actor } from '../accounts/index';\nexport const x = [z, new Date(0)];\nexport type A = Actor;\n",
};

const fileOf = (p: { name: string; dir: string }) => join(p.dir, `zz-purity-probe-${p.name}-${tag}.ts`);

function run(command: string, args: readonly string[]) {
  const result = spawnSync(join(root, 'node_modules', '.bin', command), args, { cwd: root, encoding: 'utf8' });
  return { status: result.status, output: `${result.stdout}\n${result.stderr}` };
}

describe('the purity and dependency rules of core and the solver catch probe files', () => {
  const depcruise = new Map<string, { status: number | null; output: string }>();
  const biome = new Map<string, { status: number | null; output: string }>();

  beforeAll(() => {
    const all = [...probes, { ...clean, name: 'clean' }];
    try {
      for (const p of all) writeFileSync(join(root, fileOf(p)), p.source);
      // One run of each tool over its probes (each refusal names its file), one over the clean probe.
      const depcruiseProbes = probes.filter((p) => p.tool === 'depcruise');
      const biomeProbes = probes.filter((p) => p.tool === 'biome');
      const dc = run('depcruise', ['--config', '.dependency-cruiser.cjs', ...depcruiseProbes.map(fileOf)]);
      for (const p of depcruiseProbes) depcruise.set(p.name, dc);
      depcruise.set('clean', run('depcruise', ['--config', '.dependency-cruiser.cjs', fileOf({ ...clean, name: 'clean' })]));
      const bi = run('biome', ['lint', '--reporter=github', '--max-diagnostics=200', ...biomeProbes.map(fileOf)]);
      for (const p of biomeProbes) biome.set(p.name, bi);
      biome.set('clean', run('biome', ['lint', '--reporter=github', fileOf({ ...clean, name: 'clean' })]));
    } finally {
      for (const p of all) rmSync(join(root, fileOf(p)), { force: true });
    }
  }, 180_000);

  afterAll(() => {
    for (const p of [...probes, { ...clean, name: 'clean' }]) rmSync(join(root, fileOf(p)), { force: true });
  });

  it('accepts a clean probe (so that the refusals below come from the rules, not from the set-up)', () => {
    expect(depcruise.get('clean')?.status, depcruise.get('clean')?.output).toBe(0);
    expect(biome.get('clean')?.status, biome.get('clean')?.output).toBe(0);
  });

  it.each(probes.map((p) => [p.name, p] as const))('refuses %s', (_name, p) => {
    const result = (p.tool === 'depcruise' ? depcruise : biome).get(p.name);
    expect(result?.status, result?.output).not.toBe(0);
    const file = relative(root, join(root, fileOf(p)));
    const lines = result!.output.split('\n').filter((l) => l.includes(file.split('/').pop()!));
    expect(
      lines.some((l) => l.includes(p.rule)),
      `${p.tool} did not name ${p.rule} for ${file}:\n${result?.output}`,
    ).toBe(true);
  });
});
