import type { Metrics, Plan, Problem, Violation } from './types';

export interface Evaluation {
  readonly metrics: Metrics;
  readonly violations: readonly Violation[];
}

const pairKey = (a: number, b: number): number => (a < b ? a * 1_000_003 + b : b * 1_000_003 + a);

/**
 * Recounts a plan from scratch, independently of the search's incremental bookkeeping:
 * hard violations, repeats, avoided-pair meetings, diversity excess, new contacts, shared tags
 * and wishes met. Used by tests and the bench to check what the solver reports.
 */
export function evaluate(problem: Problem, plan: Plan): Evaluation {
  const n = problem.items;
  const violations: Violation[] = [];
  const attends = (item: number, round: number): boolean => {
    const a = problem.availability?.[item];
    return a == null ? true : a.includes(round);
  };
  const kept = new Set<number>();
  for (const [a, b] of problem.keepTogether ?? []) if (a !== b) kept.add(pairKey(a, b));
  const avoid = new Set<number>();
  for (const [a, b] of problem.avoidPairs ?? []) if (a !== b) avoid.add(pairKey(a, b));

  const met = new Map<number, number>();
  let avoidMeetings = 0;
  let diversityExcess = 0;
  let wishesMet = 0;
  const categoryVisits = new Map<string, number>();

  for (let r = 0; r < problem.rounds; r++) {
    const row = plan.assignment[r];
    const frozenRow = problem.frozen?.[r];
    const members: number[][] = problem.groups.map(() => []);
    for (let i = 0; i < n; i++) {
      const g = row?.[i] ?? -1;
      if (g === -1) {
        if (!frozenRow && attends(i, r)) violations.push({ kind: 'not-seated', round: r, item: i });
        continue;
      }
      if (!Number.isInteger(g) || g < 0 || g >= problem.groups.length) {
        violations.push({ kind: 'bad-index', round: r, item: i });
        continue;
      }
      if (!frozenRow && !attends(i, r)) violations.push({ kind: 'absent-seated', round: r, item: i });
      members[g]?.push(i);
      const category = problem.groups[g]?.category ?? -1;
      if (category >= 0) {
        const key = `${i}:${category}`;
        categoryVisits.set(key, (categoryVisits.get(key) ?? 0) + 1);
        if (problem.wishes?.[i]?.includes(category)) wishesMet++;
      }
    }
    if (frozenRow) {
      for (let i = 0; i < n; i++) {
        if ((frozenRow[i] ?? -1) !== (row?.[i] ?? -1)) violations.push({ kind: 'frozen-changed', round: r, item: i });
      }
    }
    members.forEach((list, g) => {
      const spec = problem.groups[g];
      if (!spec) return;
      if (list.length > 0 && !frozenRow && (list.length < spec.minSize || list.length > spec.capacity)) {
        violations.push({ kind: 'group-size', round: r, group: g });
      }
      for (let x = 0; x < list.length; x++) {
        for (let y = x + 1; y < list.length; y++) {
          const a = list[x] as number;
          const b = list[y] as number;
          const key = pairKey(a, b);
          if (kept.has(key)) continue;
          met.set(key, (met.get(key) ?? 0) + 1);
          if (avoid.has(key)) avoidMeetings++;
        }
      }
      for (const rule of problem.attributes ?? []) {
        const counts = new Map<number, number>();
        for (const i of list) {
          const v = rule.values[i] ?? -1;
          if (v >= 0) counts.set(v, (counts.get(v) ?? 0) + 1);
        }
        for (const c of counts.values()) diversityExcess += Math.max(0, c - rule.maxPerGroup);
      }
    });
    if (!frozenRow) {
      for (const [a, b] of problem.keepTogether ?? []) {
        if (!attends(a, r) || !attends(b, r)) continue;
        const ga = row?.[a] ?? -1;
        const gb = row?.[b] ?? -1;
        if (ga !== gb) violations.push({ kind: 'kept-apart', round: r, item: a, other: b });
      }
      for (const seat of problem.fixed ?? []) {
        const rounds = seat.rounds;
        if (rounds ? !rounds.includes(r) : !attends(seat.item, r)) continue;
        if (!attends(seat.item, r)) continue;
        if ((row?.[seat.item] ?? -1) !== seat.group) {
          violations.push({ kind: 'fixed-seat', round: r, item: seat.item, group: seat.group });
        }
      }
    }
  }
  if (problem.distinctCategories) {
    for (const [key, count] of categoryVisits) {
      if (count > 1) {
        const item = Number(key.split(':')[0]);
        for (let k = 1; k < count; k++) violations.push({ kind: 'category-twice', round: -1, item });
      }
    }
  }

  let repeats = 0;
  let distinctNewContacts = 0;
  let sharedTags = 0;
  const contacts = new Array<number>(n).fill(0);
  const tagSets = problem.tags?.map((t) => new Set(t));
  for (const [key, count] of met) {
    repeats += Math.max(0, count - 1);
    const a = Math.floor(key / 1_000_003);
    const b = key % 1_000_003;
    if (tagSets) {
      const ta = tagSets[a];
      const tb = tagSets[b];
      if (ta && tb) for (const t of ta) if (tb.has(t)) sharedTags++;
    }
    if (!avoid.has(key)) {
      distinctNewContacts++;
      contacts[a] = (contacts[a] ?? 0) + 1;
      contacts[b] = (contacts[b] ?? 0) + 1;
    }
  }
  let newContactsMin = Number.POSITIVE_INFINITY;
  let newContactsMax = 0;
  for (let i = 0; i < n; i++) {
    let present = false;
    for (let r = 0; r < problem.rounds && !present; r++) present = attends(i, r);
    if (!present) continue;
    const c = contacts[i] ?? 0;
    newContactsMin = Math.min(newContactsMin, c);
    newContactsMax = Math.max(newContactsMax, c);
  }
  if (newContactsMin === Number.POSITIVE_INFINITY) newContactsMin = 0;

  return {
    metrics: {
      hardViolations: violations.length,
      repeats,
      avoidMeetings,
      diversityExcess,
      distinctNewContacts,
      newContactsMin,
      newContactsMax,
      sharedTags,
      wishesMet,
    },
    violations,
  };
}
