/**
 * The generic group-assignment problem: items are seated in groups over rounds.
 * Indices are 0-based everywhere (items, rounds, groups, categories, attribute values).
 */
export interface GroupSpec {
  /** Most items the group can hold in a round. */
  readonly capacity: number;
  /** Fewest items the group may hold when it is used in a round (an unused group is empty). */
  readonly minSize: number;
  /** Category of the group (e.g. a theme), or -1/undefined for none. */
  readonly category?: number;
}

/** A cap on how many items sharing one value of an attribute may sit in one group. */
export interface AttributeRule {
  /** values[item] = the item's value (non-negative integer), or -1 when unknown. */
  readonly values: readonly number[];
  readonly maxPerGroup: number;
}

/** An item held in one group, in the given rounds (all the rounds it attends when absent). */
export interface FixedSeat {
  readonly item: number;
  readonly group: number;
  readonly rounds?: readonly number[];
}

/** Relative weights of the soft goals (higher = more important). */
export interface Weights {
  /** Each round in which an avoided pair shares a group. */
  readonly avoid: number;
  /** Each extra meeting of a pair beyond the first. */
  readonly repeat: number;
  /** Each item above an attribute cap in a group. */
  readonly excess: number;
  /** Reward for each shared tag between two items that meet (first meeting only). */
  readonly affinity: number;
  /** Reward for each round an item spends in a category it wished for. */
  readonly wish: number;
}

export interface Problem {
  /** Number of items. */
  readonly items: number;
  /** Number of rounds. */
  readonly rounds: number;
  /** The groups, the same in every round. */
  readonly groups: readonly GroupSpec[];
  /** availability[item] = rounds the item attends (absent or undefined = all rounds). */
  readonly availability?: readonly (readonly number[] | undefined | null)[];
  /** Pairs that must share a group in every round both attend (hard). Pair goals ignore them. */
  readonly keepTogether?: readonly (readonly [number, number])[];
  /** Items held at a group (hard). */
  readonly fixed?: readonly FixedSeat[];
  /** When true, no item sits twice in groups of the same category (hard). */
  readonly distinctCategories?: boolean;
  /** Pairs that should not share a group (soft, highest priority). */
  readonly avoidPairs?: readonly (readonly [number, number])[];
  /** Attribute caps (soft). */
  readonly attributes?: readonly AttributeRule[];
  /** tags[item] = labels the item declared; pairs sharing labels are rewarded for meeting. */
  readonly tags?: readonly (readonly number[])[];
  /** wishes[item] = categories the item would like to visit. */
  readonly wishes?: readonly (readonly number[])[];
  /**
   * Rounds already played, in order from round 0: frozen[r][item] = group or -1. They are kept
   * as they are and count in the pair goals; only the later rounds are (re)assigned.
   */
  readonly frozen?: readonly (readonly number[])[];
  readonly weights?: Partial<Weights>;
}

/** assignment[round][item] = group index, or -1 when the item does not sit in that round. */
export interface Plan {
  readonly assignment: number[][];
}

export type ViolationKind =
  | 'not-seated'
  | 'absent-seated'
  | 'group-size'
  | 'kept-apart'
  | 'fixed-seat'
  | 'category-twice'
  | 'frozen-changed'
  | 'bad-index';

export interface Violation {
  readonly kind: ViolationKind;
  readonly round: number;
  readonly item?: number;
  readonly other?: number;
  readonly group?: number;
}

/** Plain counts describing a plan. */
export interface Metrics {
  /** Number of hard-rule violations (0 for a valid plan). */
  readonly hardViolations: number;
  /** Σ over pairs (kept pairs excluded) of max(0, meetings − 1). */
  readonly repeats: number;
  /** Group-rounds in which an avoided pair sits together. */
  readonly avoidMeetings: number;
  /** Σ over groups, rounds and attribute rules of the items above the cap for one value. */
  readonly diversityExcess: number;
  /** Pairs who met at least once and are not avoided pairs (kept pairs excluded). */
  readonly distinctNewContacts: number;
  /** Fewest and most new contacts of one item (items attending at least one round). */
  readonly newContactsMin: number;
  readonly newContactsMax: number;
  /** Σ over pairs who met of their shared tags. */
  readonly sharedTags: number;
  /** Item-rounds spent in a wished category. */
  readonly wishesMet: number;
}

export interface Progress {
  readonly elapsedMs: number;
  readonly timeLimitMs: number;
  readonly iterations: number;
  /** Metrics of the best plan so far. */
  readonly best: Metrics;
  /** A copy of the best plan so far. */
  readonly snapshot: () => Plan;
}

export interface SolveOptions {
  readonly seed?: number;
  /** Wall-clock budget; the search stops earlier when nothing is left to improve. */
  readonly timeLimitMs?: number;
  /** Iteration budget, for runs that must replay exactly whatever the machine speed. */
  readonly maxIterations?: number;
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: Progress) => void;
  /** Minimum time between two progress reports. */
  readonly progressEveryMs?: number;
  /** Use design constructions when the problem matches one (default true). */
  readonly useConstructions?: boolean;
  /**
   * The clock of the time box, in milliseconds (callers pass `performance.now`, tests a fake
   * one): the solver reads no clock of its own, so a run replays from its inputs.
   */
  readonly now: () => number;
}

export type ExplanationNote =
  | { readonly kind: 'construction'; readonly design: string }
  | { readonly kind: 'optimal'; readonly metric: 'repeats' | 'avoidMeetings' | 'diversityExcess' }
  | {
      readonly kind: 'counting-bound';
      readonly metric: 'repeats' | 'repeats+avoidMeetings';
      readonly lowerBound: number;
      readonly reached: number;
    }
  | {
      /** Items chained by kept pairs (a, b) and (a, c) always share a group, so b and c meet every round. */
      readonly kind: 'forced-by-kept';
      readonly repeats: number;
      readonly avoidMeetings: number;
      readonly diversityExcess: number;
    }
  | { readonly kind: 'attribute-bound'; readonly attribute: number; readonly lowerBound: number; readonly reached: number }
  | { readonly kind: 'infeasible'; readonly round: number; readonly reason: 'too-many-items' | 'too-few-items' | 'packing' | 'categories' }
  | { readonly kind: 'stopped'; readonly reason: 'time-limit' | 'iterations' | 'aborted'; readonly remaining: readonly string[] };

export interface Explanation {
  readonly notes: readonly ExplanationNote[];
}

export interface SolveResult {
  readonly plan: Plan;
  readonly metrics: Metrics;
  readonly explanation: Explanation;
  readonly iterations: number;
  readonly elapsedMs: number;
}
