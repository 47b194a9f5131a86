import { keywordKey } from './keyword';
import type { ActivityResults, CafeTableView, CollectiveView, IdeaView, MeView, ProposalDecision, SeatView } from './protocol';

/**
 * What these functions read of a room and of an activity (room.ts holds the full types; they are
 * structural here so that room.ts may import this module without a cycle).
 */
interface RoomState {
  readonly participants: ReadonlyMap<string, { readonly name: string }>;
  readonly activities: ReadonlyMap<string, ActivityState>;
}
interface ActivityState {
  readonly options: readonly string[];
  readonly groups?: readonly { readonly members: readonly string[] }[] | undefined;
  readonly cafe?: CafeState | undefined;
  readonly wall?: IdeaWall | undefined;
  readonly forming?: Forming | undefined;
}

/**
 * The state of the three longer activities of a cooperation day, folded from the room's log:
 * the world café (themed tables, hosts, rounds, syntheses), the idea wall (ideas per theme,
 * votes, groups) and the forming of small collectives (declared urgencies, proposals, choices).
 */

// ---- world café --------------------------------------------------------------------------------

export interface CafeTable {
  readonly id: string;
  readonly theme: string;
  readonly place: string;
}

/** One round of a plan: table id → the participants who move there (hosts are not listed). */
export type CafeRound = readonly { readonly table: string; readonly members: readonly string[] }[];

export interface CafeState {
  readonly tables: readonly CafeTable[];
  readonly rounds: number;
  readonly minutes: number;
  /** Current round, 0-based; -1 before the first. */
  round: number;
  /** Table id → the participant who hosts it (stays there every round). */
  readonly hosts: Map<string, string>;
  /** The plan of every round (movers only), or null before planning. */
  plan: readonly CafeRound[] | null;
  /** participant → table id, per round: derived from `plan` for the phones. */
  seats: Map<string, string>[];
  /** Table id → round → the latest synthesis of that round. */
  readonly syntheses: Map<string, Map<number, string>>;
}

export function newCafe(tables: readonly CafeTable[], rounds: number, minutes: number): CafeState {
  return { tables, rounds, minutes, round: -1, hosts: new Map(), plan: null, seats: [], syntheses: new Map() };
}

export function setCafePlan(cafe: CafeState, plan: readonly CafeRound[]): void {
  cafe.plan = plan;
  cafe.seats = plan.map((round) => {
    const seats = new Map<string, string>();
    for (const t of round) for (const m of t.members) seats.set(m, t.table);
    return seats;
  });
}

export function cafeTableView(cafe: CafeState, tableId: string): CafeTableView | null {
  const index = cafe.tables.findIndex((t) => t.id === tableId);
  const t = cafe.tables[index];
  return t ? { id: t.id, number: index + 1, theme: t.theme, place: t.place } : null;
}

/** The table a participant hosts, or null. */
export function hostedTable(cafe: CafeState, participantId: string): string | null {
  for (const [table, host] of cafe.hosts) if (host === participantId) return table;
  return null;
}

/** Where a participant sits at each round (a host stays at their table). */
export function itinerary(cafe: CafeState, participantId: string): (SeatView | null)[] {
  const hosted = hostedTable(cafe, participantId);
  return Array.from({ length: cafe.rounds }, (_, round) => {
    const tableId = hosted ?? cafe.seats[round]?.get(participantId) ?? null;
    const table = tableId ? cafeTableView(cafe, tableId) : null;
    return table ? { round, table } : null;
  });
}

export function cafeResults(state: RoomState, cafe: CafeState): ActivityResults {
  const round = Math.max(0, cafe.round);
  return {
    kind: 'worldcafe',
    round: cafe.round,
    rounds: cafe.rounds,
    planned: cafe.plan !== null,
    tables: cafe.tables.map((t) => {
      const host = cafe.hosts.get(t.id);
      const moving = cafe.plan?.[round]?.find((r) => r.table === t.id)?.members.length ?? 0;
      const syntheses = [...(cafe.syntheses.get(t.id) ?? new Map<number, string>()).entries()]
        .sort((a, b) => a[0] - b[0])
        .map(([r, text]) => ({ round: r, text }));
      return { id: t.id, host: host ? (state.participants.get(host)?.name ?? null) : null, seated: moving + (host ? 1 : 0), syntheses };
    }),
  };
}

// ---- idea wall ---------------------------------------------------------------------------------

/** Most ideas one participant may post to one idea wall. */
export const IDEAS_PER_PARTICIPANT = 20;

export interface Idea {
  /** The seq of the event that posted it: stable, and the same on every server process. */
  readonly id: number;
  readonly theme: number;
  readonly text: string;
  readonly by: string | null;
  readonly votes: Set<string>;
  hidden: boolean;
  group: number | null;
  /** Pathway workshop: the facilitator's decision on this proposal. */
  decision?: ProposalDecision;
}

export interface IdeaWall {
  readonly ideas: Map<number, Idea>;
  /** Group id (the seq of the grouping event) → its label. */
  readonly groups: Map<number, string>;
  readonly postedBy: Map<string, number>;
}

export function newWall(): IdeaWall {
  return { ideas: new Map(), groups: new Map(), postedBy: new Map() };
}

/** The wall, most voted first; hidden ideas only for the facilitator. */
export function wallResults(a: ActivityState, wall: IdeaWall, options: { includeHidden?: boolean; limit?: number }): ActivityResults {
  const ideas: IdeaView[] = [];
  let total = 0;
  const groupVotes = new Map<number, number>();
  for (const idea of wall.ideas.values()) {
    if (!idea.hidden) {
      total++;
      if (idea.group !== null) groupVotes.set(idea.group, (groupVotes.get(idea.group) ?? 0) + idea.votes.size);
    }
    if (idea.hidden && !options.includeHidden) continue;
    const view: IdeaView = {
      id: idea.id,
      theme: idea.theme,
      text: idea.text,
      votes: idea.votes.size,
      group: idea.group,
      ...(idea.decision ? { decision: idea.decision } : {}),
    };
    ideas.push(options.includeHidden ? { ...view, hidden: idea.hidden } : view);
  }
  ideas.sort((x, y) => y.votes - x.votes || x.id - y.id);
  return {
    kind: 'ideas',
    themes: a.options,
    total,
    ideas: ideas.slice(0, options.limit ?? 300),
    groups: [...wall.groups.entries()].map(([id, label]) => ({ id, label, votes: groupVotes.get(id) ?? 0 })),
  };
}

// ---- forming collectives -----------------------------------------------------------------------

export interface Urgency {
  readonly text: string;
  readonly themes: readonly string[];
  readonly territory: string | null;
}

export interface ProposedCollective {
  readonly number: number;
  readonly name: string;
  readonly themes: readonly string[];
}

export interface Forming {
  readonly urgencies: Map<string, Urgency>;
  /** The proposal, or null before the facilitator asks for one. */
  proposal: ProposedCollective[] | null;
  /** participant → the collective they are in, and whether they accepted it. */
  readonly membership: Map<string, { number: number; accepted: boolean }>;
  /** Collective number → its id in maillage, once created. */
  created: Map<number, string> | null;
}

/** Largest collective (DOMAIN.md: small collectives of 3 to 5). */
export const COLLECTIVE_MAX_SIZE = 5;
export const COLLECTIVE_MIN_SIZE = 3;

export function newForming(): Forming {
  return { urgencies: new Map(), proposal: null, membership: new Map(), created: null };
}

export function membersOf(forming: Forming, number: number): string[] {
  const out: string[] = [];
  for (const [pid, m] of forming.membership) if (m.number === number) out.push(pid);
  return out;
}

export function collectiveViews(state: RoomState, forming: Forming): CollectiveView[] {
  return (forming.proposal ?? []).map((c) => ({
    number: c.number,
    name: c.name,
    themes: c.themes,
    members: membersOf(forming, c.number).map((id) => ({
      id,
      name: state.participants.get(id)?.name ?? '?',
      accepted: forming.membership.get(id)?.accepted ?? false,
      urgency: forming.urgencies.get(id)?.text ?? null,
    })),
    collectiveId: forming.created?.get(c.number) ?? null,
  }));
}

export function formingResults(state: RoomState, forming: Forming): ActivityResults {
  return {
    kind: 'collectives',
    declared: forming.urgencies.size,
    created: forming.created !== null,
    collectives: collectiveViews(state, forming),
  };
}

/** Stop words left out of the words that bring two urgencies together. */
const stopWords = new Set(
  'les des une pour avec dans sur par pas plus que qui quoi dont mais est sont ont aux ces ses leur leurs nos notre nous vous ils elles tout tous toute toutes entre faire etre avoir comme sans sous chez cette aussi tres peu bien trop meme autre autres encore donc car ainsi'.split(
    ' ',
  ),
);

/** The significant words of an urgency (normalised like keywords), to match concerns. */
export function urgencyWords(text: string): string[] {
  return urgencyWordForms(text).map((w) => w.key);
}

/** The significant words of an urgency, each once: its key (as `urgencyWords`) and the form first written. */
export function urgencyWordForms(text: string): { key: string; form: string }[] {
  const words = new Map<string, string>();
  for (const raw of text.split(/[\s,;.:!?'’()«»"/-]+/)) {
    const key = keywordKey(raw);
    if (key.length >= 4 && !stopWords.has(key) && !words.has(key)) words.set(key, raw);
  }
  return [...words].map(([key, form]) => ({ key, form }));
}

/** A participant's own part of the current activity (for `meView`). */
export function meActivityPart(state: RoomState, a: ActivityState, participantId: string): Partial<MeView> {
  if (a.cafe) {
    const hosted = hostedTable(a.cafe, participantId);
    return { cafe: { hosts: hosted ? cafeTableView(a.cafe, hosted) : null, itinerary: itinerary(a.cafe, participantId) } };
  }
  if (a.wall) {
    const votes: number[] = [];
    for (const idea of a.wall.ideas.values()) if (idea.votes.has(participantId)) votes.push(idea.id);
    return { submitted: { ideas: a.wall.postedBy.get(participantId) ?? 0, votes } };
  }
  if (a.forming) {
    const m = a.forming.membership.get(participantId);
    const c = m ? a.forming.proposal?.find((p) => p.number === m.number) : undefined;
    const urgency = a.forming.urgencies.get(participantId);
    return {
      ...(urgency ? { submitted: { urgency: urgency.text } } : { submitted: null }),
      collective:
        m && c
          ? {
              number: c.number,
              name: c.name,
              accepted: m.accepted,
              members: membersOf(a.forming, c.number).map((id) => state.participants.get(id)?.name ?? '?'),
            }
          : null,
    };
  }
  return {};
}

/**
 * Who sat with whom in a room: the groups of every mise en route, the tables of every world-café
 * round (hosts included) and the collectives formed. Each pair once, ids in order.
 */
export function pairsWhoMet(state: RoomState): [string, string][] {
  const pairs = new Map<string, [string, string]>();
  const seat = (members: readonly string[]) => {
    for (let i = 0; i < members.length; i++) {
      for (let j = i + 1; j < members.length; j++) {
        const a = members[i] as string;
        const b = members[j] as string;
        if (a === b) continue;
        const pair: [string, string] = a < b ? [a, b] : [b, a];
        pairs.set(`${pair[0]} ${pair[1]}`, pair);
      }
    }
  };
  for (const a of state.activities.values()) {
    for (const g of a.groups ?? []) seat(g.members);
    if (a.cafe?.plan) {
      // Only the rounds that were started: a planned round nobody played is no meeting.
      for (const round of a.cafe.plan.slice(0, a.cafe.round + 1)) {
        for (const t of round) {
          const host = a.cafe.hosts.get(t.table);
          seat(host ? [...t.members, host] : t.members);
        }
      }
    }
    // Collectives: their members once created, else only those who accepted their collective.
    const forming = a.forming;
    if (forming?.proposal) {
      for (const c of forming.proposal) {
        const members = membersOf(forming, c.number);
        seat(forming.created?.has(c.number) ? members : members.filter((id) => forming.membership.get(id)?.accepted));
      }
    }
  }
  return [...pairs.values()];
}
