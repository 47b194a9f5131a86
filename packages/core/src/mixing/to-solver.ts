import type { Plan, Problem } from '@maillage/solver';
import { fail, ok, type Result } from '../shared/result';
import type { MixingErrorCode, MixingPlan, MixingProblem } from './model';

export interface SolverMapping {
  readonly problem: Problem;
  readonly participantIds: readonly string[];
  readonly tableIds: readonly string[];
}

const msg = (code: MixingErrorCode, message: string) => fail(code, { message });

/**
 * Turns a mixing problem into the solver's generic problem: participants become items, tables
 * groups, themes categories, hosts fixed seats, known pairs (declared, met before, same
 * organisation) avoided pairs, kinds and territories capped attributes, declared themes and
 * urgency tags. `frozen` holds the rounds already played (re-plan).
 */
export function toSolverProblem(problem: MixingProblem, frozen?: MixingPlan): Result<SolverMapping, MixingErrorCode> {
  const index = new Map<string, number>();
  for (const p of problem.participants) {
    if (index.has(p.id)) return msg('duplicate_participant', `participant « ${p.id} » en double`);
    index.set(p.id, index.size);
  }
  const tableIndex = new Map<string, number>();
  for (const t of problem.tables) {
    if (tableIndex.has(t.id)) return msg('duplicate_table', `table « ${t.id} » en double`);
    tableIndex.set(t.id, tableIndex.size);
  }
  if (problem.tables.length === 0) return msg('no_tables', 'aucune table');
  const pairs = (list: readonly (readonly [string, string])[] | undefined, what: string): Result<[number, number][], MixingErrorCode> => {
    const out: [number, number][] = [];
    for (const [a, b] of list ?? []) {
      const ia = index.get(a);
      const ib = index.get(b);
      if (ia === undefined || ib === undefined) {
        return msg('unknown_participant', `${what} : participant « ${ia === undefined ? a : b} » inconnu`);
      }
      out.push([ia, ib]);
    }
    return ok(out);
  };
  const kept = pairs(problem.keepTogether, 'binômes à garder ensemble');
  if (!kept.ok) return kept;
  const known = pairs(problem.knownPairs, 'paires connues');
  if (!known.ok) return known;
  const met = pairs(problem.metBefore, 'rencontres passées');
  if (!met.ok) return met;

  const avoid: [number, number][] = [];
  if (problem.rules.separateKnownPairs) {
    avoid.push(...known.value, ...met.value);
    const byOrg = new Map<string, number[]>();
    problem.participants.forEach((p, i) => {
      if (!p.organisation) return;
      const list = byOrg.get(p.organisation);
      if (list) list.push(i);
      else byOrg.set(p.organisation, [i]);
    });
    for (const list of byOrg.values()) {
      for (let a = 0; a < list.length; a++) for (let b = a + 1; b < list.length; b++) avoid.push([list[a] as number, list[b] as number]);
    }
  }

  const themes = new Map<string, number>();
  for (const t of problem.tables) if (t.theme !== null && !themes.has(t.theme)) themes.set(t.theme, themes.size);
  const fixed: { item: number; group: number }[] = [];
  for (const [i, p] of problem.participants.entries()) {
    if (!p.host) continue;
    const g = tableIndex.get(p.host);
    if (g === undefined) return msg('unknown_table', `participant « ${p.id} » : table hôte « ${p.host} » inconnue`);
    fixed.push({ item: i, group: g });
  }
  const availability: (number[] | undefined)[] = [];
  for (const p of problem.participants) {
    if (!p.availableRounds) {
      availability.push(undefined);
      continue;
    }
    for (const r of p.availableRounds) {
      if (r < 1 || r > problem.rounds) return msg('invalid_round', `participant « ${p.id} » : tour ${r} hors de 1..${problem.rounds}`);
    }
    availability.push(p.availableRounds.map((r) => r - 1));
  }
  const attributes = problem.rules.diversity.map((rule) => {
    const values = new Map<string, number>();
    return {
      maxPerTable: rule.maxPerTable,
      values: problem.participants.map((p) => {
        const v = rule.attribute === 'type' ? p.type : p.territory;
        if (!v) return -1;
        if (!values.has(v)) values.set(v, values.size);
        return values.get(v) as number;
      }),
    };
  });
  const tagIds = new Map<string, number>();
  const tagOf = (t: string) => {
    if (!tagIds.has(t)) tagIds.set(t, tagIds.size);
    return tagIds.get(t) as number;
  };
  const tags = problem.participants.map((p) => [
    ...(p.themes ?? []).map((t) => tagOf(`theme:${t}`)),
    ...(p.urgency ? [tagOf(`urgency:${p.urgency}`)] : []),
  ]);
  const wishes = problem.participants.map((p) => (p.wishes ?? []).flatMap((w) => (themes.has(w) ? [themes.get(w) as number] : [])));

  let frozenRows: number[][] | undefined;
  if (frozen) {
    frozenRows = [];
    for (const [r, round] of frozen.rounds.entries()) {
      const row = new Array<number>(problem.participants.length).fill(-1);
      for (const t of round.tables) {
        const g = tableIndex.get(t.table);
        if (g === undefined) return msg('unknown_table', `plan joué, tour ${r + 1} : table « ${t.table} » inconnue`);
        for (const pid of t.participants) {
          const i = index.get(pid);
          if (i === undefined) return msg('unknown_participant', `plan joué, tour ${r + 1} : participant « ${pid} » inconnu`);
          row[i] = g;
        }
      }
      frozenRows.push(row);
    }
    if (frozenRows.length > problem.rounds) return msg('plan_mismatch', 'le plan joué a plus de tours que le problème');
  }

  return ok({
    participantIds: problem.participants.map((p) => p.id),
    tableIds: problem.tables.map((t) => t.id),
    problem: {
      items: problem.participants.length,
      rounds: problem.rounds,
      groups: problem.tables.map((t) => ({
        capacity: t.capacity,
        minSize: t.minSize,
        category: t.theme === null ? -1 : (themes.get(t.theme) as number),
      })),
      availability,
      keepTogether: kept.value,
      fixed,
      distinctCategories: problem.rules.themeAtMostOncePerParticipant,
      avoidPairs: avoid,
      attributes: attributes.map((a) => ({ values: a.values, maxPerGroup: a.maxPerTable })),
      ...(tagIds.size > 0 ? { tags } : {}),
      ...(wishes.some((w) => w.length > 0) ? { wishes } : {}),
      ...(frozenRows ? { frozen: frozenRows } : {}),
      ...(problem.rules.noRepeatPairs ? {} : { weights: { repeat: 0 } }),
    },
  });
}

/** Turns a solver plan back into tables of participant ids (empty tables left out). */
export function fromSolverPlan(plan: Plan, mapping: SolverMapping): MixingPlan {
  return {
    rounds: plan.assignment.map((row) => {
      const tables = mapping.tableIds.map((table) => ({ table, participants: [] as string[] }));
      row.forEach((g, i) => {
        if (g >= 0) tables[g]?.participants.push(mapping.participantIds[i] as string);
      });
      return { tables: tables.filter((t) => t.participants.length > 0) };
    }),
  };
}
