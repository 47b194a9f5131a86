import {
  COLLECTIVE_MAX_SIZE,
  IDEAS_PER_PARTICIPANT,
  membersOf,
  type CafeRound,
  type CafeState,
  type CafeTable,
  cafeResults,
  type Forming,
  formingResults,
  type IdeaWall,
  meActivityPart,
  newCafe,
  newForming,
  newWall,
  setCafePlan,
  wallResults,
} from './activities';
import {
  applyCodevEvent,
  type CodevConfig,
  type CodevEvent,
  type CodevState,
  codevActivityView,
  codevMeView,
  codevResults,
  newCodev,
} from './codev';
import { keywordKey, keywordLabel } from './keyword';
import { applyQuizAnswer, newQuizRoom, type QuizRoomState, quizMeView, quizRoomResults } from './quiz-room';
import type {
  ActivityKind,
  ActivityResults,
  ActivityView,
  CloudWord,
  GroupView,
  MeView,
  PollKind,
  ProposalDecision,
  RoomView,
  TimerView,
} from './protocol';

/**
 * The events of a live room: what the append-only `live_events` log stores, in `seq` order.
 * The room's state is the fold of its events (`applyEvent`), so any server process can rebuild a
 * room from the log, and a restarted process loses nothing that was acknowledged.
 */
export type LiveEvent =
  | {
      readonly type: 'participant.joined';
      readonly participantId: string;
      readonly name: string;
      readonly organisationKind: string | null;
      readonly territory: string | null;
      /** The ecosystem's person of a recognised registered participant (for acquaintances). */
      readonly personId?: string | null;
    }
  | {
      readonly type: 'activity.added';
      readonly activityId: string;
      readonly kind: ActivityKind;
      readonly prompt: string;
      readonly mode?: 'person' | 'group';
      /** keyword: words asked of each person (absent: one). */
      readonly wordsPerPerson?: number;
      readonly pollKind?: PollKind;
      readonly options?: readonly string[];
      /** World café: the themed tables, the number of rounds and their length. */
      readonly tables?: readonly CafeTable[];
      readonly rounds?: number;
      readonly minutes?: number;
      /** Co-development: subject type, steps, porteur, collective. */
      readonly codev?: CodevConfig;
    }
  | CodevEvent
  /** « Quel coopérateur je suis ? »: a participant's answers (their latest replace the earlier ones). */
  | { readonly type: 'quiz.answered'; readonly activityId: string; readonly participantId: string; readonly answers: readonly number[] }
  | { readonly type: 'activity.started'; readonly activityId: string }
  | { readonly type: 'activity.closed'; readonly activityId: string }
  | { readonly type: 'timer.started'; readonly startedAt: number; readonly endsAt: number; readonly warnBeforeMs: number }
  | { readonly type: 'timer.stopped' }
  /** A participant's word; `slot` (1 or 2) when it is their second or third word (absent: the first). */
  | {
      readonly type: 'keyword.submitted';
      readonly activityId: string;
      readonly participantId: string;
      readonly text: string;
      readonly slot?: number;
    }
  /** A keyword typed from a paper sheet by the facilitator: for a group (group mode) or on its own. */
  | { readonly type: 'keyword.typed'; readonly activityId: string; readonly group: number | null; readonly text: string }
  | { readonly type: 'words.merged'; readonly activityId: string; readonly from: string; readonly into: string }
  | { readonly type: 'word.hidden'; readonly activityId: string; readonly key: string; readonly hidden: boolean }
  | { readonly type: 'vote.cast'; readonly activityId: string; readonly participantId: string; readonly choices: readonly number[] }
  | { readonly type: 'groups.formed'; readonly activityId: string; readonly groups: readonly FormedGroup[] }
  /** The facilitator closed the room: no more answers; who sat together became acquaintances. */
  | { readonly type: 'room.closed' }
  /** The facilitator marks someone as gone (or back): re-plans leave them out (or in). */
  | { readonly type: 'participant.presence'; readonly participantId: string; readonly present: boolean }
  | {
      readonly type: 'cafe.hosts';
      readonly activityId: string;
      readonly hosts: readonly { readonly table: string; readonly participantId: string | null }[];
    }
  /** Every round of the world café (rounds already played are copied unchanged by a re-plan). */
  | { readonly type: 'cafe.planned'; readonly activityId: string; readonly rounds: readonly CafeRound[] }
  | { readonly type: 'cafe.round'; readonly activityId: string; readonly round: number }
  | {
      readonly type: 'synthesis.written';
      readonly activityId: string;
      readonly table: string;
      readonly round: number;
      /** The host, or null when the facilitator typed it from paper. */
      readonly participantId: string | null;
      readonly text: string;
    }
  | {
      readonly type: 'idea.posted';
      readonly activityId: string;
      readonly participantId: string | null;
      readonly theme: number;
      readonly text: string;
    }
  | {
      readonly type: 'idea.voted';
      readonly activityId: string;
      readonly idea: number;
      readonly participantId: string;
      readonly vote: boolean;
    }
  | { readonly type: 'ideas.grouped'; readonly activityId: string; readonly ideas: readonly number[]; readonly label: string }
  | { readonly type: 'ideas.ungrouped'; readonly activityId: string; readonly group: number }
  | { readonly type: 'idea.hidden'; readonly activityId: string; readonly idea: number; readonly hidden: boolean }
  /** Pathway workshop: the facilitator accepted a proposal as a change, merged it into one, or discarded it. */
  | {
      readonly type: 'proposal.decided';
      readonly activityId: string;
      readonly idea: number;
      readonly decision: ProposalDecision['decision'];
      readonly into: string;
    }
  | {
      readonly type: 'urgency.declared';
      readonly activityId: string;
      readonly participantId: string;
      readonly text: string;
      readonly themes: readonly string[];
      readonly territory: string | null;
    }
  | {
      readonly type: 'collectives.proposed';
      readonly activityId: string;
      readonly collectives: readonly {
        readonly number: number;
        readonly name: string;
        readonly themes: readonly string[];
        readonly members: readonly string[];
      }[];
    }
  | {
      readonly type: 'collective.chosen';
      readonly activityId: string;
      readonly participantId: string;
      readonly number: number;
      readonly accepted: boolean;
    }
  | {
      readonly type: 'collective.renamed';
      readonly activityId: string;
      readonly number: number;
      readonly name: string;
    }
  | {
      readonly type: 'collectives.created';
      readonly activityId: string;
      readonly created: readonly { readonly number: number; readonly collectiveId: string }[];
    };

export type LiveEventType = LiveEvent['type'];

export interface FormedGroup {
  readonly number: number;
  readonly place: string;
  readonly members: readonly string[];
}

/** An event as stored: its sequence number in the room and who sent it. */
export interface StoredLiveEvent {
  readonly seq: number;
  readonly event: LiveEvent;
  /** The participant who sent it and their idempotency key (submissions only). */
  readonly participantId?: string | null;
  readonly key?: string | null;
}

export interface ParticipantState {
  readonly id: string;
  readonly name: string;
  readonly organisationKind: string | null;
  readonly territory: string | null;
  /** The ecosystem's person, when the participant was recognised from their registration. */
  readonly personId?: string;
  /** Group number of the latest mise en route, or null. */
  group: number | null;
  /** False once the facilitator marked them as gone. */
  present: boolean;
}

interface WordCount {
  count: number;
  /** How each typed form was spelled, to show the most common one. */
  forms: Map<string, number>;
}

export interface KeywordBoard {
  /**
   * The author (participant, or `g:<n>` in group mode) → the key and text of their keyword; their
   * second and third words (several asked) under `<author>#1` and `<author>#2`.
   */
  readonly byAuthor: Map<string, { key: string; text: string }>;
  readonly counts: Map<string, WordCount>;
  /** Merged key → the key it now counts as (the facilitator's "same word"). */
  readonly merges: Map<string, string>;
  readonly hidden: Set<string>;
}

export interface Tally {
  readonly byParticipant: Map<string, readonly number[]>;
  readonly counts: number[];
}

export interface ActivityState {
  readonly id: string;
  readonly kind: ActivityKind;
  readonly prompt: string;
  readonly mode: 'person' | 'group';
  /** keyword: words asked of each person or group (1 to 3). */
  readonly wordsPerPerson: number;
  readonly pollKind?: PollKind;
  readonly options: readonly string[];
  open: boolean;
  readonly board?: KeywordBoard;
  readonly tally?: Tally;
  groups?: readonly FormedGroup[];
  readonly cafe?: CafeState;
  readonly wall?: IdeaWall;
  readonly forming?: Forming;
  readonly codev?: CodevState;
  readonly quiz?: QuizRoomState;
}

export interface RoomState {
  readonly roomId: string;
  readonly code: string;
  readonly title: string;
  seq: number;
  readonly participants: Map<string, ParticipantState>;
  readonly activities: Map<string, ActivityState>;
  currentActivityId: string | null;
  timer: TimerView | null;
  /** The latest groups (mise en route): number → group, for the phones. */
  groups: Map<number, FormedGroup>;
  /** True once the facilitator closed the room. */
  closed: boolean;
}

/** An empty room, before its first event. */
export function emptyRoom(roomId: string, code: string, title: string): RoomState {
  return {
    roomId,
    code,
    title,
    seq: 0,
    participants: new Map(),
    activities: new Map(),
    currentActivityId: null,
    timer: null,
    groups: new Map(),
    closed: false,
  };
}

function addWord(board: KeywordBoard, key: string, text: string, delta: 1 | -1): void {
  const entry = board.counts.get(key) ?? { count: 0, forms: new Map<string, number>() };
  entry.count += delta;
  const label = keywordLabel(text);
  entry.forms.set(label, (entry.forms.get(label) ?? 0) + delta);
  if ((entry.forms.get(label) ?? 0) <= 0) entry.forms.delete(label);
  if (entry.count <= 0) board.counts.delete(key);
  else board.counts.set(key, entry);
}

/** Where an author's word of a slot is kept: the first under the author, the others under `<author>#<slot>`. */
export function wordSlotKey(author: string, slot: number | undefined): string {
  return slot ? `${author}#${slot}` : author;
}

/** The author a keyword counts for: the participant, or their group in group mode. */
export function keywordAuthor(state: RoomState, activity: ActivityState, participantId: string): string | null {
  if (activity.mode === 'person') return participantId;
  const group = state.participants.get(participantId)?.group;
  return group === null || group === undefined ? null : `g:${group}`;
}

/**
 * Applies one stored event to the state, in place (a room of 10,000 phones must not copy its maps
 * on every keyword). Events at or below the state's `seq` are ignored, so replays are harmless.
 * @returns what the event changed: what everyone sees ('room': activity, timer), the results
 * (projector, facilitator), what each participant sees of themselves ('me'), what the sender alone
 * sees of themselves besides the results ('mine'), or nothing.
 */
export function applyEvent(state: RoomState, stored: StoredLiveEvent): 'room' | 'results' | 'me' | 'mine' | 'none' {
  if (stored.seq <= state.seq) return 'none';
  state.seq = stored.seq;
  const e = stored.event;
  switch (e.type) {
    case 'participant.joined': {
      if (!state.participants.has(e.participantId)) {
        state.participants.set(e.participantId, {
          id: e.participantId,
          name: e.name,
          organisationKind: e.organisationKind,
          territory: e.territory,
          ...(e.personId ? { personId: e.personId } : {}),
          group: null,
          present: true,
        });
      }
      // The head count travels with the results (projector), not to every phone.
      return 'results';
    }
    case 'activity.added': {
      const isKeyword = e.kind === 'keyword';
      const isPoll = e.kind === 'poll';
      const options = e.options ?? [];
      state.activities.set(e.activityId, {
        id: e.activityId,
        kind: e.kind,
        prompt: e.prompt,
        mode: e.mode ?? 'person',
        wordsPerPerson: e.wordsPerPerson ?? 1,
        ...(e.pollKind ? { pollKind: e.pollKind } : {}),
        options,
        open: false,
        ...(isKeyword ? { board: { byAuthor: new Map(), counts: new Map(), merges: new Map(), hidden: new Set<string>() } } : {}),
        ...(isPoll ? { tally: { byParticipant: new Map(), counts: options.map(() => 0) } } : {}),
        ...(e.kind === 'worldcafe' ? { cafe: newCafe(e.tables ?? [], e.rounds ?? 1, e.minutes ?? 20) } : {}),
        ...(e.kind === 'ideas' || e.kind === 'pathway' ? { wall: newWall() } : {}),
        ...(e.kind === 'collectives' ? { forming: newForming() } : {}),
        ...(e.kind === 'codev' && e.codev ? { codev: newCodev(e.codev) } : {}),
        ...(e.kind === 'quiz' ? { quiz: newQuizRoom() } : {}),
      });
      return 'room';
    }
    case 'activity.started': {
      const activity = state.activities.get(e.activityId);
      if (!activity) return 'none';
      activity.open = true;
      state.currentActivityId = e.activityId;
      return 'room';
    }
    case 'activity.closed': {
      const activity = state.activities.get(e.activityId);
      if (!activity) return 'none';
      activity.open = false;
      return 'room';
    }
    case 'timer.started':
      state.timer = { startedAt: e.startedAt, endsAt: e.endsAt, warnBeforeMs: e.warnBeforeMs };
      return 'room';
    case 'timer.stopped':
      state.timer = null;
      return 'room';
    case 'keyword.submitted': {
      const activity = state.activities.get(e.activityId);
      const board = activity?.board;
      if (!activity || !board) return 'none';
      const owner = keywordAuthor(state, activity, e.participantId);
      if (!owner) return 'none';
      const author = wordSlotKey(owner, e.slot);
      const key = keywordKey(e.text);
      if (!key) return 'none';
      const previous = board.byAuthor.get(author);
      if (previous) addWord(board, previous.key, previous.text, -1);
      board.byAuthor.set(author, { key, text: e.text });
      addWord(board, key, e.text, 1);
      return 'results';
    }
    case 'keyword.typed': {
      const board = state.activities.get(e.activityId)?.board;
      const key = keywordKey(e.text);
      if (!board || !key) return 'none';
      const author = e.group !== null ? `g:${e.group}` : `paper:${stored.seq}`;
      const previous = board.byAuthor.get(author);
      if (previous) addWord(board, previous.key, previous.text, -1);
      board.byAuthor.set(author, { key, text: e.text });
      addWord(board, key, e.text, 1);
      return 'results';
    }
    case 'words.merged': {
      const board = state.activities.get(e.activityId)?.board;
      if (!board || e.from === e.into) return 'none';
      board.merges.set(e.from, e.into);
      return 'results';
    }
    case 'word.hidden': {
      const board = state.activities.get(e.activityId)?.board;
      if (!board) return 'none';
      if (e.hidden) board.hidden.add(e.key);
      else board.hidden.delete(e.key);
      return 'results';
    }
    case 'vote.cast': {
      const tally = state.activities.get(e.activityId)?.tally;
      if (!tally) return 'none';
      const previous = tally.byParticipant.get(e.participantId);
      for (const c of previous ?? []) tally.counts[c] = (tally.counts[c] ?? 1) - 1;
      for (const c of e.choices) tally.counts[c] = (tally.counts[c] ?? 0) + 1;
      tally.byParticipant.set(e.participantId, e.choices);
      return 'results';
    }
    case 'room.closed':
      state.closed = true;
      state.timer = null;
      return 'room';
    case 'participant.presence': {
      const p = state.participants.get(e.participantId);
      if (!p) return 'none';
      p.present = e.present;
      return 'results';
    }
    case 'cafe.hosts': {
      const cafe = state.activities.get(e.activityId)?.cafe;
      if (!cafe) return 'none';
      for (const h of e.hosts) {
        if (h.participantId) cafe.hosts.set(h.table, h.participantId);
        else cafe.hosts.delete(h.table);
      }
      return 'me';
    }
    case 'cafe.planned': {
      const cafe = state.activities.get(e.activityId)?.cafe;
      if (!cafe) return 'none';
      setCafePlan(cafe, e.rounds);
      return 'me';
    }
    case 'cafe.round': {
      const cafe = state.activities.get(e.activityId)?.cafe;
      if (!cafe) return 'none';
      cafe.round = e.round;
      return 'room';
    }
    case 'synthesis.written': {
      const cafe = state.activities.get(e.activityId)?.cafe;
      if (!cafe) return 'none';
      const byRound = cafe.syntheses.get(e.table) ?? new Map<number, string>();
      byRound.set(e.round, e.text);
      cafe.syntheses.set(e.table, byRound);
      return 'results';
    }
    case 'idea.posted': {
      const wall = state.activities.get(e.activityId)?.wall;
      if (!wall) return 'none';
      // The limit holds in log order, whatever was checked before (several phones decide at once).
      if (e.participantId && (wall.postedBy.get(e.participantId) ?? 0) >= IDEAS_PER_PARTICIPANT) return 'none';
      wall.ideas.set(stored.seq, {
        id: stored.seq,
        theme: e.theme,
        text: e.text,
        by: e.participantId,
        votes: new Set(),
        hidden: false,
        group: null,
      });
      if (e.participantId) wall.postedBy.set(e.participantId, (wall.postedBy.get(e.participantId) ?? 0) + 1);
      return e.participantId ? 'mine' : 'results';
    }
    case 'idea.voted': {
      const idea = state.activities.get(e.activityId)?.wall?.ideas.get(e.idea);
      if (!idea) return 'none';
      if (e.vote) idea.votes.add(e.participantId);
      else idea.votes.delete(e.participantId);
      return 'mine';
    }
    case 'ideas.grouped': {
      const wall = state.activities.get(e.activityId)?.wall;
      if (!wall) return 'none';
      wall.groups.set(stored.seq, e.label);
      for (const id of e.ideas) {
        const idea = wall.ideas.get(id);
        if (idea) idea.group = stored.seq;
      }
      return 'results';
    }
    case 'ideas.ungrouped': {
      const wall = state.activities.get(e.activityId)?.wall;
      if (!wall) return 'none';
      wall.groups.delete(e.group);
      for (const idea of wall.ideas.values()) if (idea.group === e.group) idea.group = null;
      return 'results';
    }
    case 'idea.hidden': {
      const idea = state.activities.get(e.activityId)?.wall?.ideas.get(e.idea);
      if (!idea) return 'none';
      idea.hidden = e.hidden;
      return 'results';
    }
    case 'proposal.decided': {
      const idea = state.activities.get(e.activityId)?.wall?.ideas.get(e.idea);
      if (!idea) return 'none';
      idea.decision = { decision: e.decision, into: e.into };
      return 'results';
    }
    case 'urgency.declared': {
      const forming = state.activities.get(e.activityId)?.forming;
      if (!forming) return 'none';
      forming.urgencies.set(e.participantId, { text: e.text, themes: e.themes, territory: e.territory });
      return 'mine';
    }
    case 'collectives.proposed': {
      const forming = state.activities.get(e.activityId)?.forming;
      if (!forming) return 'none';
      forming.proposal = e.collectives.map((c) => ({ number: c.number, name: c.name, themes: c.themes }));
      forming.membership.clear();
      forming.created = null;
      for (const c of e.collectives) for (const m of c.members) forming.membership.set(m, { number: c.number, accepted: false });
      return 'me';
    }
    case 'collective.chosen': {
      const forming = state.activities.get(e.activityId)?.forming;
      if (!forming) return 'none';
      // A full collective stays full in log order (two phones may have decided on the same state).
      const current = forming.membership.get(e.participantId);
      if (current?.number !== e.number && membersOf(forming, e.number).length >= COLLECTIVE_MAX_SIZE) return 'none';
      forming.membership.set(e.participantId, { number: e.number, accepted: e.accepted });
      // The members of the collective they left or joined see the change too.
      return 'me';
    }
    case 'collective.renamed': {
      const forming = state.activities.get(e.activityId)?.forming;
      if (!forming?.proposal?.some((p) => p.number === e.number)) return 'none';
      forming.proposal = forming.proposal.map((p) => (p.number === e.number ? { ...p, name: e.name } : p));
      // Its members' phones show the name too.
      return 'me';
    }
    case 'collectives.created': {
      const forming = state.activities.get(e.activityId)?.forming;
      if (!forming) return 'none';
      forming.created = new Map(e.created.map((c) => [c.number, c.collectiveId]));
      return 'results';
    }
    case 'codev.porteur':
    case 'codev.step':
    case 'codev.paused':
    case 'codev.proposal':
    case 'codev.written': {
      const codev = state.activities.get(e.activityId)?.codev;
      if (!codev) return 'none';
      const changed = applyCodevEvent(codev, e, stored.seq);
      // A new porteur changes what two phones see of themselves.
      return e.type === 'codev.porteur' ? 'room' : changed;
    }
    case 'quiz.answered': {
      const quiz = state.activities.get(e.activityId)?.quiz;
      if (!quiz) return 'none';
      // Only the sender's phone changes; the distribution travels with the results.
      return applyQuizAnswer(quiz, e.participantId, e.answers);
    }
    case 'groups.formed': {
      const activity = state.activities.get(e.activityId);
      if (activity) activity.groups = e.groups;
      for (const p of state.participants.values()) p.group = null;
      state.groups = new Map(e.groups.map((g) => [g.number, g]));
      for (const g of e.groups) {
        for (const m of g.members) {
          const p = state.participants.get(m);
          if (p) p.group = g.number;
        }
      }
      return 'me';
    }
  }
}

/** Follows merges to the key a word finally counts as (cycles are cut). */
export function rootKey(board: KeywordBoard, key: string): string {
  let current = key;
  const seen = new Set<string>();
  while (board.merges.has(current) && !seen.has(current)) {
    seen.add(current);
    current = board.merges.get(current) as string;
  }
  return current;
}

/** The word cloud of a keyword activity: merged words summed, hidden words left out (or flagged). */
export function cloudOf(board: KeywordBoard, options: { limit?: number; includeHidden?: boolean } = {}): ActivityResults {
  const merged = new Map<string, { count: number; forms: Map<string, number> }>();
  let total = 0;
  for (const [key, entry] of board.counts) {
    const root = rootKey(board, key);
    const target = merged.get(root) ?? { count: 0, forms: new Map<string, number>() };
    target.count += entry.count;
    // The root's own spellings win the label; merged words only add to the count.
    const weight = key === root ? 1_000_000 : 1;
    for (const [form, n] of entry.forms) target.forms.set(form, (target.forms.get(form) ?? 0) + n * weight);
    merged.set(root, target);
  }
  const words: CloudWord[] = [];
  for (const [key, entry] of merged) {
    const hidden = board.hidden.has(key);
    if (!hidden) total += entry.count;
    if (hidden && !options.includeHidden) continue;
    let label = key;
    let best = -1;
    for (const [form, n] of entry.forms) {
      if (n > best || (n === best && form < label)) {
        best = n;
        label = form;
      }
    }
    words.push(options.includeHidden ? { key, label, count: entry.count, hidden } : { key, label, count: entry.count });
  }
  words.sort((a, b) => b.count - a.count || a.label.localeCompare(b.label, 'fr'));
  return { kind: 'cloud', total, words: words.slice(0, options.limit ?? 80) };
}

export function activityView(a: ActivityState, state: Pick<RoomState, 'participants'>): ActivityView {
  return {
    id: a.id,
    kind: a.kind,
    prompt: a.prompt,
    open: a.open,
    ...(a.kind === 'keyword' ? { mode: a.mode, ...(a.wordsPerPerson > 1 ? { wordsPerPerson: a.wordsPerPerson } : {}) } : {}),
    ...(a.pollKind ? { pollKind: a.pollKind } : {}),
    ...(a.options.length ? { options: a.options } : {}),
    ...(a.cafe
      ? {
          tables: a.cafe.tables.map((t, i) => ({ id: t.id, number: i + 1, theme: t.theme, place: t.place })),
          rounds: a.cafe.rounds,
          minutes: a.cafe.minutes,
          round: a.cafe.round,
        }
      : {}),
    ...(a.codev ? { codev: codevActivityView(state, a.codev) } : {}),
  };
}

/** What everyone in the room sees. */
export function roomView(state: RoomState): RoomView {
  const current = state.currentActivityId ? state.activities.get(state.currentActivityId) : undefined;
  return {
    code: state.code,
    title: state.title,
    ...(state.closed ? { closed: true } : {}),
    participants: state.participants.size,
    activity: current ? activityView(current, state) : null,
    timer: state.timer,
  };
}

/** The results of one activity, or null when it has none yet. */
export function activityResults(state: RoomState, a: ActivityState, options: { includeHidden?: boolean } = {}): ActivityResults | null {
  if (a.board) return cloudOf(a.board, options);
  if (a.tally) return { kind: 'tally', voters: a.tally.byParticipant.size, counts: [...a.tally.counts] };
  if (a.groups) return { kind: 'groups', groups: a.groups.length, seated: a.groups.reduce((n, g) => n + g.members.length, 0) };
  if (a.cafe) return cafeResults(state, a.cafe);
  if (a.wall) return wallResults(a, a.wall, options);
  if (a.forming) return formingResults(state, a.forming);
  if (a.codev) return codevResults(state, a.codev);
  if (a.quiz) return quizRoomResults(a.quiz);
  return null;
}

/** The results of the open activities and the current one (projector, facilitator). */
export function resultsView(state: RoomState, options: { includeHidden?: boolean } = {}): Record<string, ActivityResults> {
  const out: Record<string, ActivityResults> = {};
  for (const a of state.activities.values()) {
    if (!a.open && a.id !== state.currentActivityId) continue;
    const results = activityResults(state, a, options);
    if (results) out[a.id] = results;
  }
  return out;
}

/** What the phones see of the results: the current activity's only (a cloud, a tally, the wall). */
export function participantResultsView(state: RoomState): Record<string, ActivityResults> {
  const current = state.currentActivityId ? state.activities.get(state.currentActivityId) : undefined;
  if (!current || current.kind === 'icebreaker') return {};
  const results = activityResults(state, current);
  return results ? { [current.id]: results } : {};
}

/** Accessible colours (contrast ≥ 4.5:1 with white text), by group number. */
export const groupColours: readonly { name: string; hex: string }[] = [
  { name: 'Bleu', hex: '#0b4a8b' },
  { name: 'Rouge', hex: '#a0001c' },
  { name: 'Vert', hex: '#0b5e2e' },
  { name: 'Violet', hex: '#5b2a86' },
  { name: 'Orange', hex: '#9a3c00' },
  { name: 'Turquoise', hex: '#006266' },
  { name: 'Rose', hex: '#8e1b5c' },
  { name: 'Brun', hex: '#6b3e1d' },
  { name: 'Gris', hex: '#3d4550' },
  { name: 'Marine', hex: '#1f2a6b' },
  { name: 'Olive', hex: '#4d5a00' },
  { name: 'Prune', hex: '#6d1f3f' },
];

export function groupView(group: FormedGroup): GroupView {
  return {
    number: group.number,
    colour: groupColours[(group.number - 1) % groupColours.length] as { name: string; hex: string },
    place: group.place,
    size: group.members.length,
  };
}

/** What one participant sees about themselves. */
export function meView(state: RoomState, participantId: string): MeView | null {
  const p = state.participants.get(participantId);
  if (!p) return null;
  const group = p.group !== null ? state.groups.get(p.group) : undefined;
  const current = state.currentActivityId ? state.activities.get(state.currentActivityId) : undefined;
  let submitted: MeView['submitted'] = null;
  if (current?.board) {
    const author = keywordAuthor(state, current, participantId);
    const mine = author ? current.board.byAuthor.get(author) : undefined;
    if (author && current.wordsPerPerson > 1) {
      const board = current.board;
      const keywords = Array.from(
        { length: current.wordsPerPerson },
        (_, slot) => board.byAuthor.get(wordSlotKey(author, slot))?.text ?? '',
      );
      if (keywords.some(Boolean)) submitted = { ...(mine ? { keyword: mine.text } : {}), keywords };
    } else if (mine) submitted = { keyword: mine.text };
  } else if (current?.tally) {
    const choices = current.tally.byParticipant.get(participantId);
    if (choices) submitted = { choices };
  }
  const part = current ? meActivityPart(state, current, participantId) : {};
  if (current?.quiz)
    return { id: p.id, name: p.name, group: group ? groupView(group) : null, submitted, quiz: quizMeView(current.quiz, participantId) };
  if (current?.codev)
    return { id: p.id, name: p.name, group: group ? groupView(group) : null, submitted, codev: codevMeView(current.codev, participantId) };
  return { id: p.id, name: p.name, group: group ? groupView(group) : null, submitted, ...part };
}
