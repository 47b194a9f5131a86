import { type Problem, type SolveOptions, solve } from '@maillage/solver';
import { HORIZON_LABELS, HORIZONS } from '../change/index';
import { fail, ok, type Result } from '../shared/result';
import type { CafeTable } from './activities';
import { decideActivitySubmission } from './activity-commands';
import { decideCodevSubmission } from './codev-commands';
import { keywordKey, MAX_WORDS_PER_PERSON } from './keyword';
import { decideQuizAnswer } from './quiz-room';
import { type ActivityKind, liveContinuumOptions, type PollKind, type SubmissionInput, type SubmitErrorCode } from './protocol';
import { type FormedGroup, keywordAuthor, type LiveEvent, type RoomState, wordSlotKey } from './room';

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
    const key = keywordKey(input.text);
    if (!key) return fail('empty_keyword');
    const author = keywordAuthor(state, activity, participantId);
    if (!author) return fail('not_in_group');
    const slot = input.slot ?? 0;
    if (slot >= activity.wordsPerPerson) return fail('too_many_words');
    // One person's words are different words: the same twice would count them twice.
    for (let other = 0; other < activity.wordsPerPerson; other++) {
      if (other !== slot && activity.board?.byAuthor.get(wordSlotKey(author, other))?.key === key) return fail('same_word_twice');
    }
    const text = input.text.replace(/\s+/g, ' ').trim();
    return ok({ type: 'keyword.submitted', activityId, participantId, text, ...(slot > 0 ? { slot } : {}) });
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
  /** keyword: words asked of each person or group (1 to 3; absent: one). */
  readonly wordsPerPerson?: number;
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
    const words = input.wordsPerPerson ?? 1;
    if (!Number.isInteger(words) || words < 1 || words > MAX_WORDS_PER_PERSON) return fail('invalid_options');
    return ok([
      {
        type: 'activity.added',
        activityId,
        kind: 'keyword',
        prompt: input.prompt,
        mode: input.mode ?? 'person',
        ...(words > 1 ? { wordsPerPerson: words } : {}),
      },
    ]);
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
 * How `people` split into groups of about `size`: as many groups as groups of `size` need, all of
 * them used, sizes differing by at most one, and never a group of one (three people asked in
 * pairs make one group of three). Fewer than two people make no group.
 */
export function groupSizes(people: number, size: number): { groupCount: number; minSize: number; capacity: number } {
  if (people < 2) return { groupCount: 0, minSize: 0, capacity: 0 };
  const wanted = Math.max(2, Math.min(Math.floor(size), people));
  const groupCount = Math.max(1, Math.min(Math.ceil(people / wanted), Math.floor(people / 2)));
  return { groupCount, minSize: Math.floor(people / groupCount), capacity: Math.ceil(people / groupCount) };
}

/**
 * The solver may leave a group empty (a group's minimum size binds only a group in use): moves
 * people, one at a time, from the largest group to the smallest until every group is used and
 * sizes differ by at most one. Each time it moves the person of the largest group who knows the
 * fewest people in the smallest one (then the lowest index: deterministic).
 */
export function spreadOverEveryGroup(row: number[], groupCount: number, avoidPairs: readonly (readonly [number, number])[]): number[] {
  if (groupCount < 2) return row;
  const known = new Map<number, number[]>();
  for (const [a, b] of avoidPairs) {
    known.set(a, [...(known.get(a) ?? []), b]);
    known.set(b, [...(known.get(b) ?? []), a]);
  }
  for (;;) {
    const sizes = Array.from({ length: groupCount }, () => 0);
    for (const g of row) if (g >= 0 && g < groupCount) sizes[g] = (sizes[g] as number) + 1;
    let small = 0;
    let large = 0;
    for (let g = 1; g < groupCount; g++) {
      if ((sizes[g] as number) < (sizes[small] as number)) small = g;
      if ((sizes[g] as number) > (sizes[large] as number)) large = g;
    }
    if ((sizes[large] as number) - (sizes[small] as number) <= 1) return row;
    let best = -1;
    let bestKnown = Number.POSITIVE_INFINITY;
    row.forEach((g, i) => {
      if (g !== large) return;
      const k = (known.get(i) ?? []).filter((j) => row[j] === small).length;
      if (k < bestKnown) {
        best = i;
        bestKnown = k;
      }
    });
    row[best] = small;
  }
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
  const { groupCount, minSize, capacity } = groupSizes(people.length, input.size);
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
    groups: Array.from({ length: groupCount }, () => ({ capacity, minSize })),
    avoidPairs,
    attributes: [
      { values: valuesOf((p) => p.organisationKind), maxPerGroup: Math.max(1, Math.ceil(capacity / 3)) },
      { values: valuesOf((p) => p.territory), maxPerGroup: Math.max(1, Math.ceil(capacity / 2)) },
    ],
  };
  const result = solve(problem, { useConstructions: false, ...solver });
  const row = spreadOverEveryGroup([...(result.plan.assignment[0] ?? [])], groupCount, avoidPairs);
  const groups: FormedGroup[] = Array.from({ length: groupCount }, (_, g) => ({
    number: g + 1,
    place: input.places?.[g]?.trim() || `Panneau ${g + 1}`,
    members: people.filter((_, i) => row[i] === g).map((p) => p.id),
  })).filter((g) => g.members.length > 0);
  return ok([{ type: 'groups.formed', activityId, groups }]);
}
