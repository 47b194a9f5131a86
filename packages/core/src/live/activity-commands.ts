import { type MixingParticipant, type MixingPlan, type MixingProblem, planMixing, replanMixing } from '../mixing';
import { fail, ok, type Result } from '../shared/result';
import {
  COLLECTIVE_MAX_SIZE,
  COLLECTIVE_MIN_SIZE,
  type CafeRound,
  type CafeState,
  hostedTable,
  IDEAS_PER_PARTICIPANT,
  membersOf,
  urgencyWords,
} from './activities';
import { nameCollectives, sameCollectiveName } from './collective-name';
import { keywordKey } from './keyword';
import type { ProposalDecision, SubmissionInput, SubmitErrorCode } from './protocol';
import type { LiveEvent, RoomState } from './room';

/**
 * The commands of the world café, the idea wall and the forming of collectives, as pure deciders
 * (see commands.ts): the state and an intent in, the events to store (or a failure) out.
 */

export type ActivityCommandError =
  | 'activity_not_found'
  | 'wrong_kind'
  | 'unknown_table'
  | 'unknown_participant'
  | 'host_twice'
  | 'not_planned'
  | 'invalid_round'
  | 'nothing_to_plan'
  | 'too_few_participants'
  | 'idea_not_found'
  | 'unknown_theme'
  | 'empty_keyword'
  | 'already_created'
  | 'plan_failed';

type Submission = Exclude<
  SubmissionInput,
  { kind: 'keyword' } | { kind: 'vote' } | { kind: 'codev-proposal' } | { kind: 'codev-text' } | { kind: 'quiz' }
>;

/** A participant's submission to a world café, an idea wall or the forming of collectives. */
export function decideActivitySubmission(
  state: RoomState,
  participantId: string,
  activityId: string,
  input: Submission,
): Result<LiveEvent, SubmitErrorCode> {
  const activity = state.activities.get(activityId);
  if (!activity) return fail('activity_not_found');
  if (!activity.open) return fail('activity_closed');
  switch (input.kind) {
    case 'synthesis': {
      const cafe = activity.cafe;
      if (!cafe) return fail('wrong_kind');
      if (cafe.hosts.get(input.table) !== participantId) return fail('not_host');
      return ok({
        type: 'synthesis.written',
        activityId,
        table: input.table,
        round: Math.max(0, cafe.round),
        participantId,
        text: input.text,
      });
    }
    case 'idea': {
      const wall = activity.wall;
      if (!wall) return fail('wrong_kind');
      if (input.theme >= Math.max(1, activity.options.length)) return fail('unknown_theme');
      if ((wall.postedBy.get(participantId) ?? 0) >= IDEAS_PER_PARTICIPANT) return fail('too_many_ideas');
      return ok({ type: 'idea.posted', activityId, participantId, theme: input.theme, text: input.text.replace(/\s+/g, ' ') });
    }
    case 'idea-vote': {
      const idea = activity.wall?.ideas.get(input.idea);
      if (!activity.wall) return fail('wrong_kind');
      if (!idea || idea.hidden) return fail('idea_not_found');
      return ok({ type: 'idea.voted', activityId, idea: input.idea, participantId, vote: input.vote });
    }
    case 'urgency': {
      if (!activity.forming) return fail('wrong_kind');
      return ok({
        type: 'urgency.declared',
        activityId,
        participantId,
        text: input.text.replace(/\s+/g, ' '),
        themes: [...new Set(input.themes)],
        territory: input.territory?.trim() || null,
      });
    }
    case 'collective': {
      const forming = activity.forming;
      if (!forming) return fail('wrong_kind');
      if (!forming.proposal) return fail('no_proposal');
      if (!forming.proposal.some((c) => c.number === input.number)) return fail('collective_not_found');
      const current = forming.membership.get(participantId);
      if (current?.number !== input.number && membersOf(forming, input.number).length >= COLLECTIVE_MAX_SIZE)
        return fail('collective_full');
      return ok({ type: 'collective.chosen', activityId, participantId, number: input.number, accepted: input.accepted });
    }
    case 'collective-name': {
      const forming = activity.forming;
      if (!forming) return fail('wrong_kind');
      if (forming.proposal && forming.membership.get(participantId)?.number !== input.number) return fail('not_collective_member');
      return decideRenameCollective(state, activityId, input.number, input.name);
    }
  }
}

// ---- world café --------------------------------------------------------------------------------

function cafeOf(state: RoomState, activityId: string): Result<CafeState, ActivityCommandError> {
  const a = state.activities.get(activityId);
  if (!a) return fail('activity_not_found');
  if (!a.cafe) return fail('wrong_kind');
  return ok(a.cafe);
}

/** Names the hosts of tables (a participant hosts one table at most; null frees a table). */
export function decideSetHosts(
  state: RoomState,
  activityId: string,
  hosts: readonly { table: string; participantId: string | null }[],
): Result<LiveEvent[], ActivityCommandError> {
  const cafe = cafeOf(state, activityId);
  if (!cafe.ok) return cafe;
  const after = new Map(cafe.value.hosts);
  for (const h of hosts) {
    if (!cafe.value.tables.some((t) => t.id === h.table)) return fail('unknown_table');
    if (h.participantId && !state.participants.has(h.participantId)) return fail('unknown_participant');
    if (h.participantId) after.set(h.table, h.participantId);
    else after.delete(h.table);
  }
  if (new Set(after.values()).size !== after.size) return fail('host_twice');
  const events: LiveEvent[] = [{ type: 'cafe.hosts', activityId, hosts }];
  // A plan exists: a new host leaves the rounds still to come as a mover (they stay at their table);
  // a re-plan then seats the others, the freed host included.
  const plan = cafe.value.plan;
  const newHosts = new Set(hosts.flatMap((h) => (h.participantId ? [h.participantId] : [])));
  if (plan && [...newHosts].some((id) => plan.some((round, r) => r > cafe.value.round && round.some((t) => t.members.includes(id))))) {
    events.push({
      type: 'cafe.planned',
      activityId,
      rounds: plan.map((round, r) =>
        r > cafe.value.round ? round.map((t) => ({ table: t.table, members: t.members.filter((m) => !newHosts.has(m)) })) : round,
      ),
    });
  }
  return ok(events);
}

export interface CafePlanInput {
  /** Pairs of participants who already know each other (ecosystem acquaintances). */
  readonly acquainted?: readonly (readonly [string, string])[];
}

export interface SolverBudget {
  readonly seed?: number;
  readonly timeLimitMs?: number;
  readonly maxIterations?: number;
  /** The solver's clock, in milliseconds. */
  readonly now: () => number;
}

/** Pairs who shared a group of an earlier mise en route in this room. */
function metInGroups(state: RoomState): [string, string][] {
  const pairs: [string, string][] = [];
  for (const a of state.activities.values()) {
    for (const g of a.groups ?? []) {
      for (let i = 0; i < g.members.length; i++) {
        for (let j = i + 1; j < g.members.length; j++) pairs.push([g.members[i] as string, g.members[j] as string]);
      }
    }
  }
  return pairs;
}

/**
 * One round of a world café made fair after the solver (which may leave a table empty: a table's
 * minimum binds only a table in use): every table used when there are people enough, nobody alone
 * at a table (a host counts as seated there), sizes differing by at most one. Movers go, one at a
 * time, from the fullest table to the emptiest; each time the one who has not yet visited that
 * table's theme and has met the fewest of the people there (then the first listed: deterministic).
 */
export function balanceCafeRound(
  rounds: readonly CafeRound[],
  r: number,
  tables: readonly { readonly id: string; readonly theme: string }[],
  hosts: ReadonlyMap<string, string>,
  known: readonly (readonly [string, string])[],
  /** The order people are listed in at a table (the room's order, as the solver lists them). */
  rank: (participantId: string) => number,
): CafeRound {
  const members = new Map<string, string[]>(tables.map((t) => [t.id, []]));
  for (const t of rounds[r] ?? []) members.set(t.table, [...(members.get(t.table) ?? []), ...t.members]);
  const hostAt = (table: string) => (hosts.has(table) ? 1 : 0);
  const size = (table: string) => (members.get(table)?.length ?? 0) + hostAt(table);
  const total = tables.reduce((n, t) => n + size(t.id), 0);
  if (total < 2) return rounds[r] ?? [];
  const met = new Set<string>();
  const pair = (a: string, b: string) => (a < b ? `${a} ${b}` : `${b} ${a}`);
  for (const [a, b] of known) met.add(pair(a, b));
  const themeOf = new Map(tables.map((t) => [t.id, t.theme]));
  const visited = new Map<string, Set<string>>();
  rounds.forEach((round, k) => {
    for (const t of round) {
      const seated = [...t.members, ...(hosts.has(t.table) ? [hosts.get(t.table) as string] : [])];
      if (k !== r) for (const a of seated) for (const b of seated) if (a < b) met.add(pair(a, b));
      if (k !== r) for (const m of t.members) visited.set(m, (visited.get(m) ?? new Set()).add(themeOf.get(t.table) ?? ''));
    }
  });
  // With fewer than two people a table, some tables stay empty: the ones without a host, last ones first.
  const usable = Math.min(tables.length, Math.floor(total / 2));
  const used = [...tables]
    .map((t, i) => ({ id: t.id, i }))
    .sort((a, b) => hostAt(b.id) - hostAt(a.id) || size(b.id) - size(a.id) || a.i - b.i)
    .slice(0, Math.max(usable, tables.filter((t) => hosts.has(t.id)).length))
    .map((t) => t.id);
  const usedSet = new Set(used);
  const move = (from: string, to: string): boolean => {
    const candidates = members.get(from) ?? [];
    if (candidates.length === 0) return false;
    const there = [...(members.get(to) ?? []), ...(hosts.has(to) ? [hosts.get(to) as string] : [])];
    let best = -1;
    let bestScore = Number.POSITIVE_INFINITY;
    candidates.forEach((m, i) => {
      const repeatsTheme = visited.get(m)?.has(themeOf.get(to) ?? '') ? 1000 : 0;
      const score = repeatsTheme + there.filter((o) => met.has(pair(m, o))).length;
      if (score < bestScore) {
        best = i;
        bestScore = score;
      }
    });
    const [moved] = candidates.splice(best, 1);
    members.get(to)?.push(moved as string);
    return true;
  };
  // Empty the tables left out, into the smallest tables in use.
  for (const t of tables) {
    if (usedSet.has(t.id)) continue;
    while ((members.get(t.id)?.length ?? 0) > 0) {
      const target = used.reduce((a, b) => (size(b) < size(a) ? b : a));
      move(t.id, target);
    }
  }
  for (let guard = 0; guard < total * tables.length + 10; guard++) {
    const small = used.reduce((a, b) => (size(b) < size(a) ? b : a));
    const large = used.reduce((a, b) => (size(b) > size(a) ? b : a));
    if (size(large) - size(small) <= 1 || !move(large, small)) break;
  }
  const listed = new Set((rounds[r] ?? []).map((t) => t.table));
  return tables
    .map((t) => ({ table: t.id, members: [...(members.get(t.id) ?? [])].sort((a, b) => rank(a) - rank(b)) }))
    .filter((t) => t.members.length > 0 || listed.has(t.table));
}

/**
 * Plans the world café's rotations/**
 * Plans the world café's rotations, or re-plans the rounds still to come: everyone present moves
 * from table to table so that they meet new people and visit distinct themes; hosts stay. The
 * rounds already started are kept as they were played (they count for who already met whom);
 * people marked as gone leave the later rounds, people who joined since are seated in them.
 */
export function decidePlanCafe(
  state: RoomState,
  activityId: string,
  input: CafePlanInput,
  budget: SolverBudget,
): Result<LiveEvent[], ActivityCommandError> {
  const found = cafeOf(state, activityId);
  if (!found.ok) return found;
  const cafe = found.value;
  // Rounds already started stay as played.
  const played = cafe.plan ? Math.max(0, cafe.round + 1) : 0;
  if (played >= cafe.rounds) return fail('nothing_to_plan');
  const hosts = new Set(cafe.hosts.values());
  const participants: MixingParticipant[] = [];
  for (const p of state.participants.values()) {
    const rounds: number[] = [];
    for (let r = 0; r < played; r++) if (cafe.seats[r]?.has(p.id)) rounds.push(r + 1);
    if (p.present && !hosts.has(p.id)) for (let r = played; r < cafe.rounds; r++) rounds.push(r + 1);
    if (rounds.length === 0) continue;
    participants.push({
      id: p.id,
      ...(p.organisationKind ? { type: p.organisationKind } : {}),
      ...(p.territory ? { territory: p.territory } : {}),
      availableRounds: rounds,
    });
  }
  const movers = participants.filter((p) => (p.availableRounds ?? []).some((r) => r > played)).length;
  if (movers < 2) return fail('too_few_participants');
  const tableCount = cafe.tables.length;
  // Tight tables, so that every table is used at every round; rounds already played keep theirs.
  const playedMost = Math.max(0, ...(cafe.plan ?? []).slice(0, played).flatMap((round) => round.map((t) => t.members.length)));
  const capacity = Math.max(Math.ceil(movers / tableCount), playedMost);
  const ids = new Set(participants.map((p) => p.id));
  const inRoom = (pairs: readonly (readonly [string, string])[]) =>
    pairs.filter(([a, b]) => a !== b && ids.has(a) && ids.has(b)) as [string, string][];
  const themes = new Set(cafe.tables.map((t) => keywordKey(t.theme)));
  const problem: MixingProblem = {
    mode: 'worldcafe',
    rounds: cafe.rounds,
    rules: {
      noRepeatPairs: true,
      separateKnownPairs: true,
      themeAtMostOncePerParticipant: cafe.rounds <= themes.size,
      diversity: [
        { attribute: 'type', maxPerTable: Math.max(1, Math.ceil(capacity / 3)) },
        { attribute: 'territory', maxPerTable: Math.max(1, Math.ceil(capacity / 2)) },
      ],
    },
    participants,
    tables: cafe.tables.map((t) => ({
      id: t.id,
      capacity,
      minSize: Math.max(1, Math.floor(movers / tableCount) - 1),
      theme: keywordKey(t.theme),
    })),
    knownPairs: inRoom(input.acquainted ?? []),
    metBefore: inRoom(metInGroups(state)),
    keepTogether: [],
  };
  const previous: MixingPlan | undefined = cafe.plan
    ? { rounds: cafe.plan.slice(0, played).map((round) => ({ tables: round.map((t) => ({ table: t.table, participants: t.members })) })) }
    : undefined;
  const options = { ...budget, useConstructions: false };
  const outcome = previous && played > 0 ? replanMixing(problem, previous, played, options) : planMixing(problem, options);
  if (!outcome.ok) return fail('plan_failed', outcome.details);
  const rounds: CafeRound[] = outcome.value.plan.rounds.map((round) =>
    round.tables.map((t) => ({ table: t.table, members: t.participants })),
  );
  while (rounds.length < cafe.rounds) rounds.push([]);
  const known = [...(problem.knownPairs ?? []), ...(problem.metBefore ?? [])];
  const order = new Map(participants.map((p, i) => [p.id, i]));
  const rank = (id: string) => order.get(id) ?? Number.MAX_SAFE_INTEGER;
  for (let r = played; r < rounds.length; r++) {
    rounds[r] = balanceCafeRound(rounds, r, cafe.tables, cafe.hosts, known, rank);
  }
  return ok([{ type: 'cafe.planned', activityId, rounds }]);
}

/** Starts a round: phones show their table, the projector the timer (warning 2 minutes before the end). */
export function decideCafeRound(
  state: RoomState,
  activityId: string,
  round: number,
  now: number,
): Result<LiveEvent[], ActivityCommandError> {
  const found = cafeOf(state, activityId);
  if (!found.ok) return found;
  const cafe = found.value;
  if (!cafe.plan) return fail('not_planned');
  if (!Number.isInteger(round) || round < 0 || round >= cafe.rounds) return fail('invalid_round');
  const seconds = cafe.minutes * 60;
  return ok([
    { type: 'cafe.round', activityId, round },
    { type: 'timer.started', startedAt: now, endsAt: now + seconds * 1000, warnBeforeMs: Math.min(120, Math.floor(seconds / 5)) * 1000 },
  ]);
}

/** A synthesis typed from a paper table card by the facilitator. */
export function decideTypedSynthesis(
  state: RoomState,
  activityId: string,
  table: string,
  round: number,
  text: string,
): Result<LiveEvent[], ActivityCommandError> {
  const found = cafeOf(state, activityId);
  if (!found.ok) return found;
  if (!found.value.tables.some((t) => t.id === table)) return fail('unknown_table');
  if (!Number.isInteger(round) || round < 0 || round >= found.value.rounds) return fail('invalid_round');
  return ok([{ type: 'synthesis.written', activityId, table, round, participantId: null, text }]);
}

export function decidePresence(state: RoomState, participantId: string, present: boolean): Result<LiveEvent[], ActivityCommandError> {
  if (!state.participants.has(participantId)) return fail('unknown_participant');
  return ok([{ type: 'participant.presence', participantId, present }]);
}

/** Whether a participant hosts a table of the world café (for the phone's synthesis form). */
export function isHost(state: RoomState, activityId: string, participantId: string): boolean {
  const cafe = state.activities.get(activityId)?.cafe;
  return cafe ? hostedTable(cafe, participantId) !== null : false;
}

// ---- idea wall ---------------------------------------------------------------------------------

function wallActivity(state: RoomState, activityId: string) {
  const a = state.activities.get(activityId);
  if (!a) return fail('activity_not_found');
  if (!a.wall) return fail('wrong_kind');
  return ok({ activity: a, wall: a.wall });
}

/** The facilitator gathers similar ideas under one label. */
export function decideGroupIdeas(
  state: RoomState,
  activityId: string,
  ideas: readonly number[],
  label: string,
): Result<LiveEvent[], ActivityCommandError> {
  const found = wallActivity(state, activityId);
  if (!found.ok) return found;
  if (ideas.length === 0 || ideas.some((id) => !found.value.wall.ideas.has(id))) return fail('idea_not_found');
  return ok([{ type: 'ideas.grouped', activityId, ideas: [...new Set(ideas)], label }]);
}

export function decideUngroupIdeas(state: RoomState, activityId: string, group: number): Result<LiveEvent[], ActivityCommandError> {
  const found = wallActivity(state, activityId);
  if (!found.ok) return found;
  if (!found.value.wall.groups.has(group)) return fail('idea_not_found');
  return ok([{ type: 'ideas.ungrouped', activityId, group }]);
}

export function decideHideIdea(
  state: RoomState,
  activityId: string,
  idea: number,
  hidden: boolean,
): Result<LiveEvent[], ActivityCommandError> {
  const found = wallActivity(state, activityId);
  if (!found.ok) return found;
  if (!found.value.wall.ideas.has(idea)) return fail('idea_not_found');
  return ok([{ type: 'idea.hidden', activityId, idea, hidden }]);
}

/**
 * Pathway workshop: the facilitator's decision on a proposal — accepted (it became a change of the
 * pathway, written by the console through the pathway's own route), merged into an existing
 * change, or discarded. Decided again, the latest decision holds.
 */
export function decideProposal(
  state: RoomState,
  activityId: string,
  idea: number,
  decision: ProposalDecision['decision'],
  into: string,
): Result<LiveEvent[], ActivityCommandError> {
  const found = wallActivity(state, activityId);
  if (!found.ok) return found;
  if (found.value.activity.kind !== 'pathway') return fail('wrong_kind');
  if (!found.value.wall.ideas.has(idea)) return fail('idea_not_found');
  return ok([{ type: 'proposal.decided', activityId, idea, decision, into: decision === 'discarded' ? '' : into }]);
}

/** Ideas typed from the paper sheets, by theme. */
export function decideTypedIdeas(
  state: RoomState,
  activityId: string,
  ideas: readonly { theme: number; text: string }[],
): Result<LiveEvent[], ActivityCommandError> {
  const found = wallActivity(state, activityId);
  if (!found.ok) return found;
  const themes = Math.max(1, found.value.activity.options.length);
  if (ideas.some((i) => i.theme < 0 || i.theme >= themes)) return fail('unknown_theme');
  return ok(ideas.map((i) => ({ type: 'idea.posted' as const, activityId, participantId: null, theme: i.theme, text: i.text })));
}

/** Keywords typed from the paper sheets (one per group in group mode). */
export function decideTypedKeywords(
  state: RoomState,
  activityId: string,
  keywords: readonly { group: number | null; text: string }[],
): Result<LiveEvent[], ActivityCommandError> {
  const a = state.activities.get(activityId);
  if (!a) return fail('activity_not_found');
  if (!a.board) return fail('wrong_kind');
  if (keywords.some((k) => !keywordKey(k.text))) return fail('empty_keyword');
  return ok(
    keywords.map((k) => ({
      type: 'keyword.typed' as const,
      activityId,
      group: a.mode === 'group' ? k.group : null,
      text: k.text.replace(/\s+/g, ' ').trim(),
    })),
  );
}

// ---- forming collectives -----------------------------------------------------------------------

/**
 * Proposes small collectives (3 to 5) of people who declared an urgency: people sharing themes
 * and words of their urgency are brought together, organisation kinds mixed. Each collective is
 * named from what brought it together (`nameCollectives`: its most shared theme and words).
 */
export function decideProposeCollectives(
  state: RoomState,
  activityId: string,
  budget: SolverBudget,
): Result<LiveEvent[], ActivityCommandError> {
  const a = state.activities.get(activityId);
  if (!a) return fail('activity_not_found');
  const forming = a.forming;
  if (!forming) return fail('wrong_kind');
  // Stored collectives keep their members: a new proposal would no longer match them.
  if (forming.created) return fail('already_created');
  const people = [...forming.urgencies.entries()].filter(([id]) => state.participants.get(id)?.present);
  if (people.length < COLLECTIVE_MIN_SIZE) return fail('too_few_participants');
  const tags = (u: (typeof people)[number][1]) => [
    ...u.themes.map((t) => `t:${keywordKey(t)}`),
    ...urgencyWords(u.text).map((w) => `w:${w}`),
  ];
  const participants: MixingParticipant[] = people.map(([id, u]) => {
    const p = state.participants.get(id);
    return {
      id,
      ...(p?.organisationKind ? { type: p.organisationKind } : {}),
      ...(u.territory ? { territory: u.territory } : {}),
      themes: tags(u),
    };
  });
  const count = Math.max(1, Math.ceil(people.length / 4));
  const problem: MixingProblem = {
    mode: 'collectives',
    rounds: 1,
    rules: {
      noRepeatPairs: false,
      separateKnownPairs: false,
      themeAtMostOncePerParticipant: false,
      diversity: [{ attribute: 'type', maxPerTable: 2 }],
    },
    participants,
    tables: Array.from({ length: count }, (_, i) => ({
      id: String(i + 1),
      capacity: COLLECTIVE_MAX_SIZE,
      minSize: COLLECTIVE_MIN_SIZE,
      theme: null,
    })),
    knownPairs: [],
    keepTogether: [],
  };
  const outcome = planMixing(problem, { ...budget, useConstructions: false });
  if (!outcome.ok) return fail('plan_failed', outcome.details);
  const byId = new Map(people);
  const tables = outcome.value.plan.rounds[0]?.tables ?? [];
  const names = nameCollectives(
    tables.map((t, i) => ({
      number: i + 1,
      urgencies: t.participants.map((id) => byId.get(id)).filter((u) => u !== undefined),
    })),
  );
  const collectives = tables.map((t, i) => {
    const themeCounts = new Map<string, { label: string; n: number }>();
    for (const id of t.participants) {
      for (const theme of byId.get(id)?.themes ?? []) {
        const key = keywordKey(theme);
        const entry = themeCounts.get(key) ?? { label: theme, n: 0 };
        entry.n++;
        themeCounts.set(key, entry);
      }
    }
    const themes = [...themeCounts.values()].sort((x, y) => y.n - x.n || x.label.localeCompare(y.label, 'fr'));
    return {
      number: i + 1,
      name: names[i] ?? `Collectif ${i + 1}`,
      themes: themes
        .filter((x) => x.n > 1 || themes.length <= 3)
        .slice(0, 3)
        .map((x) => x.label),
      members: t.participants,
    };
  });
  return ok([{ type: 'collectives.proposed', activityId, collectives }]);
}

/**
 * Renames a proposed collective (its members from their phones, the facilitator from the console):
 * a name of 1 to 60 characters that no other collective of the room bears. Once stored in maillage,
 * a collective is renamed from its page.
 */
export function decideRenameCollective(
  state: RoomState,
  activityId: string,
  number: number,
  rawName: string,
): Result<
  Extract<LiveEvent, { type: 'collective.renamed' }>,
  | 'activity_not_found'
  | 'wrong_kind'
  | 'no_proposal'
  | 'collective_not_found'
  | 'collective_stored'
  | 'collective_name_taken'
  | 'empty_text'
> {
  const a = state.activities.get(activityId);
  if (!a) return fail('activity_not_found');
  const forming = a.forming;
  if (!forming) return fail('wrong_kind');
  if (!forming.proposal) return fail('no_proposal');
  if (!forming.proposal.some((c) => c.number === number)) return fail('collective_not_found');
  if (forming.created) return fail('collective_stored');
  const name = rawName.replace(/\s+/g, ' ').trim();
  if (!name) return fail('empty_text');
  if (forming.proposal.some((c) => c.number !== number && sameCollectiveName(c.name, name))) return fail('collective_name_taken');
  return ok({ type: 'collective.renamed', activityId, number, name });
}

/** What the facilitator turns into collectives of maillage: each proposal with at least 2 members. */
export function collectivesToCreate(
  state: RoomState,
  activityId: string,
): Result<
  { number: number; name: string; themes: readonly string[]; urgency: string; members: { participantId: string; name: string }[] }[],
  ActivityCommandError
> {
  const forming = state.activities.get(activityId)?.forming;
  if (!forming) return fail(state.activities.has(activityId) ? 'wrong_kind' : 'activity_not_found');
  if (!forming.proposal) return fail('not_planned');
  const out = [];
  for (const c of forming.proposal) {
    const members = membersOf(forming, c.number);
    if (members.length < 2) continue;
    const urgencies = members.map((id) => forming.urgencies.get(id)?.text).filter((t): t is string => Boolean(t));
    out.push({
      number: c.number,
      name: c.name,
      themes: c.themes,
      urgency: urgencies.join('\n'),
      members: members.map((id) => ({ participantId: id, name: state.participants.get(id)?.name ?? '?' })),
    });
  }
  return ok(out);
}
