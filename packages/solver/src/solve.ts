import { construct } from './construct';
import { findDesign } from './designs';
import { evaluate } from './evaluate';
import { createRng, shuffle } from './prng';
import type { Rng } from './prng';
import { relabel, tabuSearch } from './search';
import { DEFAULT_WEIGHTS, State } from './state';
import type { ExplanationNote, Metrics, Plan, Problem, SolveOptions, SolveResult } from './types';

/** Checks the shape of a problem; a malformed one is a bug of the caller, so it throws. */
export function assertProblem(problem: Problem): void {
  const bad = (why: string): never => {
    throw new RangeError(`invalid problem: ${why}`);
  };
  if (!Number.isInteger(problem.items) || problem.items < 0) bad('items must be a non-negative integer');
  if (!Number.isInteger(problem.rounds) || problem.rounds < 0) bad('rounds must be a non-negative integer');
  for (const g of problem.groups) {
    if (!Number.isInteger(g.capacity) || g.capacity < 1) bad('group capacity must be a positive integer');
    if (!Number.isInteger(g.minSize) || g.minSize < 0) bad('group minSize must be a non-negative integer');
  }
  for (const [a, b] of [...(problem.keepTogether ?? []), ...(problem.avoidPairs ?? [])]) {
    if (!(a >= 0 && a < problem.items && b >= 0 && b < problem.items)) bad('pair item out of range');
  }
  for (const rule of problem.attributes ?? []) {
    if (rule.values.length !== problem.items) bad('attribute values must have one entry per item');
  }
  if ((problem.frozen?.length ?? 0) > problem.rounds) bad('more frozen rounds than rounds');
}

function planOf(st: State, asg: Int32Array): Plan {
  const assignment: number[][] = [];
  for (let r = 0; r < st.R; r++) assignment.push(Array.from(asg.subarray(r * st.n, (r + 1) * st.n)));
  return { assignment };
}

/** Metrics read from the search state's own counts (tests compare them with `evaluate`). */
function stateMetrics(st: State, problem: Problem): Metrics {
  const { n, R, G, F } = st;
  let hard = st.catViolations;
  for (let r = F; r < R; r++) {
    for (let i = 0; i < n; i++) {
      const g = st.asg[r * n + i] as number;
      if (st.attends[r * n + i] && g < 0) hard++;
      if (!st.attends[r * n + i] && g >= 0) hard++;
      const fixed = st.fixedGroup[r * n + i] as number;
      if (fixed >= 0 && g !== fixed) hard++;
    }
    for (let g = 0; g < G; g++) {
      const s = st.size[r * G + g] as number;
      if (s > 0 && (s < (st.minSize[g] as number) || s > (st.cap[g] as number))) hard++;
    }
    for (const [a, b] of problem.keepTogether ?? []) {
      if (a === b || !st.attends[r * n + a] || !st.attends[r * n + b]) continue;
      if (st.asg[r * n + a] !== st.asg[r * n + b]) hard++;
    }
  }
  const contacts = new Int32Array(n);
  let distinct = 0;
  for (let a = 0; a < n; a++) {
    for (let b = a + 1; b < n; b++) {
      if ((st.meet[a * n + b] as number) > 0 && st.kind[a * n + b] === 0) {
        distinct++;
        contacts[a] = (contacts[a] as number) + 1;
        contacts[b] = (contacts[b] as number) + 1;
      }
    }
  }
  let min = Number.POSITIVE_INFINITY;
  let max = 0;
  for (let i = 0; i < n; i++) {
    let present = false;
    for (let r = 0; r < R && !present; r++) present = st.attends[r * n + i] === 1;
    if (!present) continue;
    min = Math.min(min, contacts[i] as number);
    max = Math.max(max, contacts[i] as number);
  }
  return {
    hardViolations: hard,
    repeats: st.repeats,
    avoidMeetings: st.avoidMeetings,
    diversityExcess: st.excess,
    distinctNewContacts: distinct,
    newContactsMin: min === Number.POSITIVE_INFINITY ? 0 : min,
    newContactsMax: max,
    sharedTags: st.affinity,
    wishesMet: st.wishes,
  };
}

/**
 * Counting bounds: item i sits with at least m_i others over the rounds but can only meet P_i
 * distinct partners, so Σ max(0, m_i − P_i) / 2 repeats are unavoidable; leaving the avoided
 * partners out of P_i bounds repeats + avoided meetings together.
 */
export function countingBounds(st: State): { repeats: number; joint: number; excess: number[] } {
  const { n, R, G, F } = st;
  const sMin = new Int32Array(R);
  let minMin = Number.POSITIVE_INFINITY;
  let minCap = Number.POSITIVE_INFINITY;
  let sumCap = 0;
  for (let g = 0; g < G; g++) {
    minMin = Math.min(minMin, Math.max(1, st.minSize[g] as number));
    minCap = Math.min(minCap, st.cap[g] as number);
    sumCap += st.cap[g] as number;
  }
  for (let r = 0; r < R; r++) {
    let N = 0;
    for (let i = 0; i < n; i++) N += st.attends[r * n + i] as number;
    sMin[r] = Math.max(G > 0 ? minMin : 1, N - (sumCap - (G > 0 ? minCap : 0)));
  }
  let sumRep = 0;
  let sumJoint = 0;
  for (let i = 0; i < n; i++) {
    let m = 0;
    for (let r = 0; r < R; r++) {
      if (!st.attends[r * n + i]) continue;
      if (r < F) {
        const g = st.asg[r * n + i] as number;
        if (g < 0) continue;
        const base = (r * G + g) * st.stride;
        for (let k = 0; k < (st.size[r * G + g] as number); k++) {
          const z = st.members[base + k] as number;
          if (z !== i && st.kind[i * n + z] !== 2) m++;
        }
      } else {
        const U = st.unit[r * n + i] as number;
        m += Math.max(0, (sMin[r] as number) - st.unitSize(U));
      }
    }
    let P = 0;
    let Pn = 0;
    for (let j = 0; j < n; j++) {
      if (j === i) continue;
      const kd = st.kind[i * n + j];
      if (kd === 2) continue;
      let co = false;
      for (let r = 0; r < R && !co; r++) co = st.attends[r * n + i] === 1 && st.attends[r * n + j] === 1;
      if (!co) continue;
      P++;
      if (kd === 0) Pn++;
    }
    sumRep += Math.max(0, m - P);
    sumJoint += Math.max(0, m - Pn);
  }
  const excess = st.attrVals.map((vals, a) => {
    let lb = 0;
    for (let r = F; r < R; r++) {
      const count = new Map<number, number>();
      for (let i = 0; i < n; i++) {
        const v = vals[i] as number;
        if (v >= 0 && st.attends[r * n + i]) count.set(v, (count.get(v) ?? 0) + 1);
      }
      for (const c of count.values()) lb += Math.max(0, c - (st.attrMax[a] as number) * G);
    }
    return lb;
  });
  return { repeats: Math.ceil(sumRep / 2), joint: Math.ceil(sumJoint / 2), excess };
}

/** Repeats, avoided meetings and excess that units of kept items impose whatever the plan. */
function forcedByUnits(st: State): { repeats: number; avoidMeetings: number; diversityExcess: number } {
  const { n } = st;
  const meetings = new Map<number, number>();
  let avoidMeetings = 0;
  let diversityExcess = 0;
  for (let U = 0; U < st.unitRound.length; U++) {
    const s = st.unitStart[U] as number;
    const e = st.unitStart[U + 1] as number;
    if (e - s < 2) continue;
    for (let a = s; a < e; a++) {
      for (let b = a + 1; b < e; b++) {
        const i = st.unitItems[a] as number;
        const j = st.unitItems[b] as number;
        const kd = st.kind[i * n + j];
        if (kd === 2) continue;
        const key = Math.min(i, j) * n + Math.max(i, j);
        meetings.set(key, (meetings.get(key) ?? 0) + 1);
        if (kd === 1) avoidMeetings++;
      }
    }
    st.attrVals.forEach((vals, a) => {
      const count = new Map<number, number>();
      for (let k = s; k < e; k++) {
        const v = vals[st.unitItems[k] as number] as number;
        if (v >= 0) count.set(v, (count.get(v) ?? 0) + 1);
      }
      for (const c of count.values()) diversityExcess += Math.max(0, c - (st.attrMax[a] as number));
    });
  }
  let repeats = 0;
  for (const c of meetings.values()) repeats += Math.max(0, c - 1);
  return { repeats, avoidMeetings, diversityExcess };
}

/** Seats the free rounds from a known design when the problem is a plain one that matches it. */
function tryDesign(st: State, problem: Problem, rng: Rng): string | null {
  if (st.F > 0 || problem.fixed?.length || problem.keepTogether?.length || st.C > 0) return null;
  if (st.attends.some((a) => a === 0)) return null;
  const g0 = problem.groups[0];
  if (!g0 || problem.groups.some((g) => g.capacity !== g0.capacity || g.minSize !== g0.minSize)) return null;
  const n = st.n;
  for (let k = g0.capacity; k >= Math.max(2, g0.minSize); k--) {
    if (n % k !== 0 || n / k > st.G) continue;
    const design = findDesign(n / k, k, st.R);
    if (!design) continue;
    const perm = shuffle(
      rng,
      Array.from({ length: n }, (_, i) => i),
    );
    design.rounds.forEach((groups, r) => {
      groups.forEach((members, c) => {
        for (const d of members) st.place(r, perm[d] as number, c);
      });
    });
    return design.name;
  }
  return null;
}

/**
 * Solves a group-assignment problem: seats every attending item once per round in groups within
 * their size bounds, keeps kept pairs and fixed seats, and minimises, in this order, avoided-pair
 * meetings, repeated meetings and attribute excess (then rewards shared tags and wishes).
 * Anytime: `onProgress` sees the best plan so far. Seeded: a seed replays the same plan when the
 * run ends by its iteration budget or by reaching a perfect plan, not by the clock.
 */
export function solve(problem: Problem, options: SolveOptions): SolveResult {
  assertProblem(problem);
  const now = options.now;
  const t0 = now();
  const timeLimitMs = options.timeLimitMs ?? 1000;
  const deadline = t0 + timeLimitMs;
  const maxIterations = options.maxIterations ?? Number.POSITIVE_INFINITY;
  const rng = createRng(options.seed ?? 1);
  const st = new State(problem, { ...DEFAULT_WEIGHTS, ...problem.weights });
  const notes: ExplanationNote[] = [];

  problem.frozen?.forEach((row, r) => {
    for (let i = 0; i < st.n; i++) {
      const g = row[i] ?? -1;
      if (g >= 0 && g < st.G) st.place(r, i, g);
    }
  });

  let stopReason: 'time-limit' | 'iterations' | 'aborted' | null = null;
  const shouldStop = (iterations: number): boolean => {
    if (options.signal?.aborted) stopReason = 'aborted';
    else if (iterations >= maxIterations) stopReason = 'iterations';
    else if (now() >= deadline) stopReason = 'time-limit';
    return stopReason !== null;
  };

  const design = options.useConstructions === false ? null : tryDesign(st, problem, rng);
  if (design) {
    notes.push({ kind: 'construction', design });
    if (st.penalty() > 0) relabel(st, rng, (it) => it >= maxIterations / 2 || now() >= t0 + timeLimitMs / 2 || shouldStop(0));
    stopReason = null;
  } else {
    const seen = new Set<string>();
    for (const note of construct(st, rng)) {
      const key = JSON.stringify(note);
      if (!seen.has(key)) notes.push(note);
      seen.add(key);
    }
  }

  let bestSnapshot: Int32Array = st.asg.slice();
  let lastReport = Number.NEGATIVE_INFINITY;
  const progressEvery = options.progressEveryMs ?? 100;
  const report = (iterations: number, force: boolean): void => {
    if (!options.onProgress) return;
    const t = now();
    if (!force && t - lastReport < progressEvery) return;
    lastReport = t;
    const snap = bestSnapshot.slice();
    const plan = planOf(st, snap);
    options.onProgress({
      elapsedMs: t - t0,
      timeLimitMs,
      iterations,
      best: evaluate(problem, plan).metrics,
      snapshot: () => planOf(st, snap),
    });
  };

  const bounds = countingBounds(st);
  const forced = forcedByUnits(st);
  const penaltyFloor = Math.max(
    forced.repeats + forced.avoidMeetings + forced.diversityExcess,
    Math.max(bounds.joint, bounds.repeats + forced.avoidMeetings) + forced.diversityExcess,
  );
  const outcome = tabuSearch(
    st,
    rng,
    {
      shouldStop,
      onBest: () => {
        if (options.onProgress) bestSnapshot = st.asg.slice();
      },
      onTick: (it) => report(it, false),
    },
    penaltyFloor,
  );
  st.load(outcome.best);
  bestSnapshot = outcome.best;
  report(outcome.iterations, true);

  const metrics = stateMetrics(st, problem);
  if (metrics.repeats === 0) notes.push({ kind: 'optimal', metric: 'repeats' });
  if (metrics.avoidMeetings === 0 && (problem.avoidPairs?.length ?? 0) > 0) notes.push({ kind: 'optimal', metric: 'avoidMeetings' });
  if (metrics.diversityExcess === 0 && (problem.attributes?.length ?? 0) > 0) notes.push({ kind: 'optimal', metric: 'diversityExcess' });
  if (metrics.repeats > 0) notes.push({ kind: 'counting-bound', metric: 'repeats', lowerBound: bounds.repeats, reached: metrics.repeats });
  if (metrics.avoidMeetings > 0) {
    notes.push({
      kind: 'counting-bound',
      metric: 'repeats+avoidMeetings',
      lowerBound: bounds.joint,
      reached: metrics.repeats + metrics.avoidMeetings,
    });
  }
  bounds.excess.forEach((lb, a) => {
    if (lb > 0) notes.push({ kind: 'attribute-bound', attribute: a, lowerBound: lb, reached: metrics.diversityExcess });
  });
  if (forced.repeats + forced.avoidMeetings + forced.diversityExcess > 0) notes.push({ kind: 'forced-by-kept', ...forced });
  if (st.catViolations > 0) notes.push({ kind: 'infeasible', round: -1, reason: 'categories' });
  const remaining: string[] = [];
  if (metrics.repeats > Math.max(bounds.repeats, forced.repeats)) remaining.push('repeats');
  if (metrics.avoidMeetings > forced.avoidMeetings && metrics.repeats + metrics.avoidMeetings > bounds.joint)
    remaining.push('avoidMeetings');
  if (
    metrics.diversityExcess >
    Math.max(
      forced.diversityExcess,
      bounds.excess.reduce((a, b) => a + b, 0),
    )
  )
    remaining.push('diversityExcess');
  if (stopReason && remaining.length > 0) notes.push({ kind: 'stopped', reason: stopReason, remaining });

  return {
    plan: planOf(st, outcome.best),
    metrics,
    explanation: { notes },
    iterations: outcome.iterations,
    elapsedMs: now() - t0,
  };
}
