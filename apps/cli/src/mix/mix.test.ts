import { describe, expect, it } from 'vitest';
import { runMix } from './index';

const run = async (argv: string[], files: Record<string, string>) => {
  const out: string[] = [];
  const err: string[] = [];
  const written: Record<string, string> = {};
  const code = await runMix(argv, {
    stdout: (s) => out.push(s),
    stderr: (s) => err.push(s),
    readFile: async (p) => {
      const f = files[p];
      if (f === undefined) throw new Error('introuvable');
      return new TextEncoder().encode(f);
    },
    writeFile: async (p, d) => {
      written[p] = d;
    },
  });
  return { code, out: out.join('\n'), err: err.join('\n'), written };
};

describe('maillage mix', () => {
  it('solves a classic instance and writes the plan with metrics', async () => {
    const r = await run(['k.json', '--seed', '2', '--time', '300', '--out', 'plan.json'], {
      'k.json': JSON.stringify({ name: 'k', players: 15, groupSize: 3, groups: 5, rounds: 7 }),
    });
    expect(r.code).toBe(0);
    const plan = JSON.parse(r.written['plan.json'] ?? '{}');
    expect(plan.rounds).toHaveLength(7);
    expect(plan.rounds[0].tables[0].table).toBe('g1');
    expect(plan.metrics.repeats).toBe(0);
    expect(typeof plan.solveMs).toBe('number');
  });

  it('builds a problem from a spreadsheet and writes one line per person', async () => {
    const csv = 'nom;organisation;type\nA;O1;x\nB;O2;y\nC;O3;x\nD;O1;y\nE;O2;x\nF;O3;y\n';
    const r = await run(['--csv', 'p.csv', '--rounds', '2', '--table-size', '3', '--format', 'csv'], { 'p.csv': csv });
    expect(r.code).toBe(0);
    expect(r.out).toContain('tour 2');
    expect(r.out.trim().split('\r\n')).toHaveLength(7);
  });

  it('fails with a French message naming line and field', async () => {
    const r = await run(['--csv', 'p.csv', '--rounds', '2', '--table-size', '3'], { 'p.csv': 'nom;organisation\nA;O1\nB;\n' });
    expect(r.code).not.toBe(0);
    expect(r.err).toContain('ligne 3, colonne « organisation » : valeur manquante');
    const bad = await run(['x.json'], { 'x.json': '{"schema":"workshop-instance/v1","rounds":0}' });
    expect(bad.code).not.toBe(0);
    expect(bad.err).toContain('champ « rounds »');
  });
});
