/**
 * Mixing benchmark: every instance of ../shared/bench/mixing (or $MIXING_BENCH_DIR), median of
 * 5 seeds, single thread. Prints a table and writes bench/results/mixing.json.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { evaluate, solve } from '@maillage/solver';
import { fromClassic, parseMixingJson, toSolverProblem } from '@maillage/core';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const dir = process.env.MIXING_BENCH_DIR ?? path.resolve(repoRoot, '../shared/bench/mixing');
const SEEDS = [1, 2, 3, 4, 5];

interface Row {
  instance: string;
  mode: string;
  solveMs: number;
  repeats: number;
  knownMeetings: number;
  diversityExcess: number;
  hardViolations: number;
  note: string;
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
};

function run(
  name: string,
  mode: string,
  problem: ReturnType<typeof toSolverProblem>,
  timeLimitMs: number,
  useConstructions = true,
  note = '',
): Row {
  if (!problem.ok) throw new Error(`${name}: ${problem.error}`);
  const runs = SEEDS.map((seed) => {
    const r = solve(problem.value.problem, { seed, timeLimitMs, useConstructions, now: () => performance.now() });
    const check = evaluate(problem.value.problem, r.plan).metrics;
    if (JSON.stringify(check) !== JSON.stringify(r.metrics)) throw new Error(`${name}: reported metrics differ from the recount`);
    return { ms: r.elapsedMs, m: check };
  });
  return {
    instance: name,
    mode,
    solveMs: Math.round(median(runs.map((r) => r.ms)) * 10) / 10,
    repeats: median(runs.map((r) => r.m.repeats)),
    knownMeetings: median(runs.map((r) => r.m.avoidMeetings)),
    diversityExcess: median(runs.map((r) => r.m.diversityExcess)),
    hardViolations: Math.max(...runs.map((r) => r.m.hardViolations)),
    note,
  };
}

const rows: Row[] = [];
const classic = JSON.parse(readFileSync(path.join(dir, 'classic.json'), 'utf8')) as {
  name: string;
  players: number;
  groupSize: number;
  groups: number;
  rounds: number;
  knownFeasible: boolean | null;
}[];
for (const c of classic) {
  const mapped = toSolverProblem(fromClassic(c));
  const isBench = /^[a-e]-/.test(c.name);
  if (isBench) {
    rows.push(run(c.name, 'classic', mapped, 2000));
    if (c.name.startsWith('a-')) rows.push(run(`${c.name} (search only)`, 'classic', mapped, 2000, false, 'no construction, 2 s'));
    continue;
  }
  const full = run(c.name, 'classic', mapped, 1000, true, `feasible=${c.knownFeasible}`);
  // Rounds reached with 0 repeats: the largest round count (up to the instance's) solved repeat-free.
  let reached = full.repeats === 0 ? c.rounds : 0;
  for (let w = c.rounds - 1; w >= 1 && reached === 0; w--) {
    const sub = toSolverProblem(fromClassic({ ...c, rounds: w }));
    if (!sub.ok) break;
    const r = solve(sub.value.problem, { seed: 1, timeLimitMs: 1000, now: () => performance.now() });
    if (r.metrics.repeats === 0) reached = w;
  }
  rows.push({ ...full, note: `${full.note}; 0-repeat rounds: ${reached}/${c.rounds}` });
}
for (const file of readdirSync(dir)
  .filter((f) => f.startsWith('pub-') && f.endsWith('.json'))
  .sort()) {
  const parsed = parseMixingJson(readFileSync(path.join(dir, file), 'utf8'));
  if (!parsed.ok) throw new Error(`${file}: ${parsed.error}`);
  const name = file.replace(/\.json$/, '');
  const limit = name.includes('scale') ? 4000 : 900;
  rows.push(run(name, parsed.value.mode ?? 'workshop', toSolverProblem(parsed.value), limit));
}

const cols: (keyof Row)[] = ['instance', 'mode', 'solveMs', 'repeats', 'knownMeetings', 'diversityExcess', 'hardViolations', 'note'];
const widths = cols.map((c) => Math.max(c.length, ...rows.map((r) => String(r[c]).length)));
const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i] as number)).join(' | ')} |`;
console.log(line(cols));
console.log(line(widths.map((w) => '-'.repeat(w))));
for (const r of rows) console.log(line(cols.map((c) => String(r[c]))));
mkdirSync(path.join(repoRoot, 'bench/results'), { recursive: true });
writeFileSync(path.join(repoRoot, 'bench/results/mixing.json'), `${JSON.stringify({ seeds: SEEDS, rows }, null, 2)}\n`);
