import { type Problem, type SolveOptions, solve } from '@maillage/solver';
import { HORIZON_LABELS, HORIZONS } from '../change/index';
import { fail, ok, type Result } from '../shared/result';
import type { CafeTable } from './activities';
import { decideActivitySubmission } from './activity-commands';
import { decideCodevSubmission } from './codev-commands';
import { keywordKey } from './keyword';
import { decideQuizAnswer } from './quiz-room';
import { type ActivityKind, liveContinuumOptions, type PollKind, type SubmissionInput, type SubmitErrorCode } from './protocol';
import { type FormedGroup, keywordAuthor, type LiveEvent, type RoomState } from './room';

/**
 * The commands of a live room, as pure deciders: given the room's state and an intent, they
 * return the events to append, or an expected failure. The server appends the events to the
 * log (stored before any acknowledgement) and folds them into the state with `applyEvent`.
 */

export type CommandError =
  | 'activity_not_found'
  | 'activity_closed'
  | 'wrong_kind'
  | 'word_not_found'
  | 'too_few_participants'
  | 'invalid_options';

/** What a participant sends to an activity → the event to store. */
export function decideSubmission(
  state: RoomState,
  participantId: string,
  activityId: string,
  input: SubmissionInput,
): Result<LiveEvent, SubmitErrorCode> {
  if (state.closed) return fail('room_closed');
  if (input.kind === 'codev-proposal' || input.kind === 'codev-text') return decideCodevSubmission(state, participantId, activityId, input);
  if (input.kind === 'quiz') return decideQuizAnswer(state.activities.get(activityId), activityId, participantId, input.answers);
  if (input.kind !== 'keyword' && input.kind !== 'vote') return decideActivitySubmission(state, participantId, activityId, input);
  const activity = state.activities.get(activityId);
  if (!activity) return fail('activity_not_found');
  if (!activity.open) return fail('activity_closed');
  if (input.kind === 'keyword') {
    if (activity.kind !== 'keyword') return fail('wrong_kind');
    if (!keywordKey(input.text)) return fail('empty_keyword');
    if (!keywordAuthor(state, activity, participantId)) return fail('not_in_group');
    return ok({ type: 'keyword.submitted', activityId, participantId, text: input.text.replace(/\s+/g, ' ').trim() });
  }
  if (activity.kind !== 'poll') return fail('wrong_kind');
  const choices = [...new Set(input.choices)].sort((a, b) => a - b);
  if (choices.some((c) => c >= activity.options.length)) return fail('invalid_choice');
  if (activity.pollKind !== 'multiple' && choices.length !== 1) return fail('invalid_choice');
  return ok({ type: 'vote.cast', activityId, participantId, choices });
}

export interface NewActivity {
  readonly kind: ActivityKind;
  readonly prompt: string;
  readonly mode?: 'person' | 'group';
  readonly pollKind?: PollKind;
  /** poll: the answers; ideas and collectives: the themes. */
  readonly options?: readonly string[];
  /** World café: the themed tables (where each stands is optional), rounds and minutes per round. */
  readonly tables?: readonly { readonly theme: string; readonly place?: string }[];
  readonly rounds?: number;
  readonly minutes?: number;
}

/** Adds an activity to the room's sequence; a continuum poll gets the 7 levels as options. */
export function decideAddActivity(activityId: string, input: NewActivity): Result<LiveEvent[], CommandError> {
  if (input.kind === 'worldcafe') {
    const tables: CafeTable[] = (input.tables ?? []).map((t, i) => ({
      id: `t${i + 1}`,
      theme: t.theme,
      place: t.place?.trim() || `Table ${i + 1}`,
    }));
    if (tables.length < 2) return fail('invalid_options');
    const rounds = input.rounds ?? Math.min(4, tables.length);
    return ok([
      { type: 'activity.added', activityId, kind: 'worldcafe', prompt: input.prompt, tables, rounds, minutes: input.minutes ?? 20 },
    ]);
  }
  if (input.kind === 'pathway') {
    // A pathway workshop is an idea wall whose themes are the three horizons, in their order.
    const options = HORIZONS.map((h) => HORIZON_LABELS[h].fr);
    return ok([{ type: 'activity.added', activityId, kind: 'pathway', prompt: input.prompt, options }]);
  }
  if (input.kind === 'ideas' || input.kind === 'collectives') {
    const themes = [...new Set((input.options ?? []).map((o) => o.trim()).filter(Boolean))];
    const options = input.kind === 'ideas' && themes.length === 0 ? ['Idées'] : themes;
    return ok([{ type: 'activity.added', activityId, kind: input.kind, prompt: input.prompt, options }]);
  }
  let options = input.options ?? [];
  if (input.kind === 'poll') {
    const pollKind = input.pollKind ?? 'single';
    if (pollKind === 'continuum') options = [...liveContinuumOptions];
    else if (pollKind === 'scale' && options.length === 0) options = ['1', '2', '3', '4', '5'];
    if (options.length < 2) return fail('invalid_options');
    return ok([{ type: 'activity.added', activityId, kind: 'poll', prompt: input.prompt, pollKind, options }]);
  }
  if (input.kind === 'keyword') {
    return ok([{ type: 'activity.added', activityId, kind: 'keyword', prompt: input.prompt, mode: input.mode ?? 'person' }]);
  }
  return ok([{ type: 'activity.added', activityId, kind: input.kind, prompt: input.prompt }]);
}

/** Makes an activity the current one and opens it to submissions. */
export function decideStartActivity(state: RoomState, activityId: string): Result<LiveEvent[], CommandError> {
  if (!state.activities.has(activityId)) return fail('activity_not_found');
  return ok([{ type: 'activity.started', activityId }]);
}

export function decideCloseActivity(state: RoomState, activityId: string): Result<LiveEvent[], CommandError> {
  const a = state.activities.get(activityId);
  if (!a) return fail('activity_not_found');
  // A co-development session closes through its own command, which keeps its record.
  if (a.codev) return fail('wrong_kind');
  if (!a.open) return fail('activity_closed');
  return ok([{ type: 'activity.closed', activityId }]);
}

/** Starts (or restarts) the room's timer; the warning shows `warnSeconds` before the end. */
export function decideStartTimer(now: number, seconds: number, warnSeconds: number): LiveEvent[] {
  return [{ type: 'timer.started', startedAt: now, endsAt: now + seconds * 1000, warnBeforeMs: Math.min(warnSeconds, seconds) * 1000 }];
}

/** Merges one word of the cloud into another (both are keys or typed forms). */
export function decideMergeWords(state: RoomState, activityId: string, from: string, into: string): Result<LiveEvent[], CommandError> {
  const board = state.activities.get(activityId)?.board;
  if (!board) return fail('activity_not_found');
  const fromKey = keywordKey(from);
  const intoKey = keywordKey(into);
  if (!board.counts.has(fromKey) || !board.counts.has(intoKey) || fromKey === intoKey) return fail('word_not_found');
  return ok([{ type: 'words.merged', activityId, from: fromKey, into: intoKey }]);
}

export function decideHideWord(state: RoomState, activityId: string, word: string, hidden: boolean): Result<LiveEvent[], CommandError> {
  const board = state.activities.get(activityId)?.board;
  if (!board) return fail('activity_not_found');
  const key = keywordKey(word);
  if (!board.counts.has(key) && !board.hidden.has(key)) return fail('word_not_found');
  return ok([{ type: 'word.hidden', activityId, key, hidden }]);
}

export interface GroupingInput {
  /** People per group (the seeds: 5). */
  readonly size: number;
  /** Where each group meets, by group number (1-based); defaults to "Panneau n". */
  readonly places?: readonly string[];
  /** Pairs of participants who already know each other (ecosystem acquaintances, earlier events). */
  readonly acquainted?: readonly (readonly [string, string])[];
}

/**
 * Mise en route: groups of `size` people who do not know each other, mixing organisation kinds
 * and territories, from the participants who joined. The solver's one-round mode does the work.
 */
export function decideFormGroups(
  state: RoomState,
  activityId: string,
  input: GroupingInput,
  solver: Pick<SolveOptions, 'seed' | 'timeLimitMs' | 'maxIterations' | 'now'>,
): Result<LiveEvent[], CommandError> {
  const activity = state.activities.get(activityId);
  if (!activity) return fail('activity_not_found');
  if (activity.kind !== 'icebreaker') return fail('wrong_kind');
  const people = [...state.participants.values()];
  if (people.length < 2) return fail('too_few_participants');
  const size = Math.max(2, Math.min(input.size, people.length));
  const groupCount = Math.ceil(people.length / size);
  const minSize = Math.floor(people.length / groupCount);
  const index = new Map(people.map((p, i) => [p.id, i]));
  const valuesOf = (pick: (p: (typeof people)[number]) => string | null) => {
    const codes = new Map<string, number>();
    return people.map((p) => {
      const v = pick(p);
      if (!v) return -1;
      if (!codes.has(v)) codes.set(v, codes.size);
      return codes.get(v) as number;
    });
  };
  const avoidPairs: [number, number][] = [];
  for (const [a, b] of input.acquainted ?? []) {
    const i = index.get(a);
    const j = index.get(b);
    if (i !== undefined && j !== undefined && i !== j) avoidPairs.push([i, j]);
  }
  const problem: Problem = {
    items: people.length,
    rounds: 1,
    groups: Array.from({ length: groupCount }, () => ({ capacity: size, minSize })),
    avoidPairs,
    attributes: [
      { values: valuesOf((p) => p.organisationKind), maxPerGroup: Math.max(1, Math.ceil(size / 3)) },
      { values: valuesOf((p) => p.territory), maxPerGroup: Math.max(1, Math.ceil(size / 2)) },
    ],
  };
  const result = solve(problem, { useConstructions: false, ...solver });
  const row = result.plan.assignment[0] ?? [];
  const groups: FormedGroup[] = Array.from({ length: groupCount }, (_, g) => ({
    number: g + 1,
    place: input.places?.[g]?.trim() || `Panneau ${g + 1}`,
    members: people.filter((_, i) => row[i] === g).map((p) => p.id),
  })).filter((g) => g.members.length > 0);
  return ok([{ type: 'groups.formed', activityId, groups }]);
}
