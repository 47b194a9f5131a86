import { type ExplanationNote, type Metrics, type Progress, solve } from '@maillage/solver';
import { fail, ok, type Result } from '../shared/result';
import type { MixingErrorCode, MixingMetrics, MixingOutcome, MixingParticipant, MixingPlan, MixingProblem } from './model';
import { fromSolverPlan, toSolverProblem } from './to-solver';

export interface MixingOptions {
  readonly seed?: number;
  readonly timeLimitMs?: number;
  readonly maxIterations?: number;
  readonly signal?: AbortSignal;
  /** Reports the best plan's metrics so far (for a progress bar). */
  readonly onProgress?: (progress: { elapsedMs: number; timeLimitMs: number; metrics: MixingMetrics }) => void;
  readonly useConstructions?: boolean;
  /** The solver's clock, in milliseconds (see `SolveOptions.now`). */
  readonly now: () => number;
}

/** Solver metrics in the domain's words. */
export function toMixingMetrics(m: Metrics): MixingMetrics {
  return {
    hardViolations: m.hardViolations,
    repeats: m.repeats,
    knownMeetings: m.avoidMeetings,
    diversityExcess: m.diversityExcess,
    distinctNewContacts: m.distinctNewContacts,
    newContactsMin: m.newContactsMin,
    newContactsMax: m.newContactsMax,
    sharedConcerns: m.sharedTags,
    wishesMet: m.wishesMet,
  };
}

const metricFr: Record<string, string> = {
  repeats: 'rencontres répétées',
  avoidMeetings: 'rencontres entre personnes qui se connaissent',
  diversityExcess: 'excès de diversité',
};

/** The solver's explanation, in French. */
export function explainFr(notes: readonly ExplanationNote[], problem: MixingProblem): string[] {
  return notes.map((note) => {
    switch (note.kind) {
      case 'construction':
        return `Plan bâti sur une construction combinatoire connue (${note.design}), puis participants réétiquetés pour les autres objectifs.`;
      case 'optimal':
        return `Aucune ${metricFr[note.metric] ?? note.metric} : optimal.`;
      case 'counting-bound':
        return note.metric === 'repeats'
          ? note.reached <= note.lowerBound
            ? `${note.reached} rencontre(s) répétée(s) : c'est le minimum, le calcul du nombre de places prouve qu'on ne peut pas faire moins (borne ${note.lowerBound}).`
            : `${note.reached} rencontre(s) répétée(s) ; le calcul du nombre de places en impose au moins ${note.lowerBound}.`
          : note.reached <= note.lowerBound
            ? `Rencontres répétées + rencontres entre connaissances = ${note.reached} : minimum prouvé par le nombre de places et de personnes inconnues disponibles (borne ${note.lowerBound}).`
            : `Rencontres répétées + rencontres entre connaissances = ${note.reached} ; le nombre de places et de personnes inconnues disponibles en impose au moins ${note.lowerBound}.`;
      case 'forced-by-kept':
        return `Imposé par les binômes à garder ensemble (une personne liée à deux autres les réunit à chaque tour) : ${note.repeats} rencontre(s) répétée(s), ${note.avoidMeetings} rencontre(s) entre connaissances et ${note.diversityExcess} d'excès de diversité, inévitables.`;
      case 'attribute-bound': {
        const rule = problem.rules.diversity[note.attribute];
        const what = rule?.attribute === 'territory' ? 'territoire' : "type d'organisation";
        return `Diversité par ${what} : il y a trop de personnes d'une même valeur pour le nombre de tables ; au moins ${note.lowerBound} personne(s) en excès.`;
      }
      case 'infeasible': {
        const round = note.round >= 0 ? `tour ${note.round + 1} : ` : '';
        const why = {
          'too-many-items': 'plus de personnes présentes que de places',
          'too-few-items': 'trop peu de personnes pour remplir les tables au minimum',
          packing: 'les binômes et les hôtes ne tiennent pas dans les tables',
          categories: "impossible d'éviter qu'une personne voie deux fois le même thème",
        }[note.reason];
        return `Règle impossible à tenir — ${round}${why}.`;
      }
      case 'stopped': {
        const why = { 'time-limit': 'temps imparti écoulé', iterations: "budget d'itérations épuisé", aborted: 'calcul interrompu' }[
          note.reason
        ];
        return `Recherche arrêtée (${why}) ; encore améliorable peut-être : ${note.remaining.map((m) => metricFr[m] ?? m).join(', ')}.`;
      }
    }
    return '';
  });
}

function run(problem: MixingProblem, previous: MixingPlan | undefined, options: MixingOptions): Result<MixingOutcome, MixingErrorCode> {
  const mapping = toSolverProblem(problem, previous);
  if (!mapping.ok) return mapping;
  const onProgress = options.onProgress;
  const result = solve(mapping.value.problem, {
    ...(options.seed !== undefined ? { seed: options.seed } : {}),
    ...(options.timeLimitMs !== undefined ? { timeLimitMs: options.timeLimitMs } : {}),
    ...(options.maxIterations !== undefined ? { maxIterations: options.maxIterations } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.useConstructions !== undefined ? { useConstructions: options.useConstructions } : {}),
    now: options.now,
    ...(onProgress
      ? {
          onProgress: (p: Progress) => onProgress({ elapsedMs: p.elapsedMs, timeLimitMs: p.timeLimitMs, metrics: toMixingMetrics(p.best) }),
        }
      : {}),
  });
  return ok({
    plan: fromSolverPlan(result.plan, mapping.value),
    metrics: toMixingMetrics(result.metrics),
    explanation: explainFr(result.explanation.notes, problem),
    solveMs: Math.round(result.elapsedMs * 10) / 10,
  });
}

/** Seats the participants of a mixing problem at tables for every round. */
export function planMixing(problem: MixingProblem, options: MixingOptions): Result<MixingOutcome, MixingErrorCode> {
  return run(problem, undefined, options);
}

/**
 * Re-plans after changes of presence: the first `playedRounds` rounds of `previous` are kept as
 * played (they count for who already met whom), the later rounds are seated again.
 */
export function replanMixing(
  problem: MixingProblem,
  previous: MixingPlan,
  playedRounds: number,
  options: MixingOptions,
): Result<MixingOutcome, MixingErrorCode> {
  if (!Number.isInteger(playedRounds) || playedRounds < 0 || playedRounds > previous.rounds.length || playedRounds > problem.rounds) {
    return fail('invalid_round', { message: `nombre de tours joués invalide : ${playedRounds}` });
  }
  return run(problem, { rounds: previous.rounds.slice(0, playedRounds) }, options);
}

export interface PresenceChanges {
  /** People who leave: absent from `fromRound` (1-based) on. */
  readonly left?: readonly { readonly id: string; readonly fromRound: number }[];
  /** Registered people who arrive late: present from `fromRound` on. */
  readonly arrived?: readonly { readonly id: string; readonly fromRound: number }[];
  /** People who walk in without registration: added, present from `fromRound` on. */
  readonly walkIns?: readonly { readonly participant: MixingParticipant; readonly fromRound: number }[];
}

/** Applies arrivals, departures and walk-ins to a problem's availability (for a re-plan). */
export function applyPresenceChanges(problem: MixingProblem, changes: PresenceChanges): Result<MixingProblem, MixingErrorCode> {
  const all = Array.from({ length: problem.rounds }, (_, r) => r + 1);
  const known = new Set(problem.participants.map((p) => p.id));
  for (const c of [...(changes.left ?? []), ...(changes.arrived ?? [])]) {
    if (!known.has(c.id)) return fail('unknown_participant', { message: `participant « ${c.id} » inconnu` });
  }
  const participants = problem.participants.map((p) => {
    let rounds = p.availableRounds ?? all;
    for (const c of changes.left ?? []) if (c.id === p.id) rounds = rounds.filter((r) => r < c.fromRound);
    for (const c of changes.arrived ?? []) if (c.id === p.id) rounds = all.filter((r) => r >= c.fromRound);
    return { ...p, availableRounds: rounds };
  });
  for (const w of changes.walkIns ?? []) {
    if (known.has(w.participant.id)) return fail('duplicate_participant', { message: `participant « ${w.participant.id} » en double` });
    participants.push({ ...w.participant, availableRounds: all.filter((r) => r >= w.fromRound) });
  }
  return ok({ ...problem, participants });
}
