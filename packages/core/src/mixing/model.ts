/**
 * Mixing: seating participants at tables over rounds (ice-breaker, rotation, world café, small
 * collectives). Domain types; the engine is `@maillage/solver`.
 */

export type MixingMode = 'icebreaker' | 'rotation' | 'worldcafe' | 'collectives';
export const MIXING_MODES: readonly MixingMode[] = ['icebreaker', 'rotation', 'worldcafe', 'collectives'];

export type DiversityAttribute = 'type' | 'territory';

export interface MixingParticipant {
  readonly id: string;
  readonly name?: string;
  readonly organisation?: string;
  /** Kind of organisation (association, collectivité, État…). */
  readonly type?: string;
  readonly territory?: string;
  /** 1-based rounds the person attends (absent: all). */
  readonly availableRounds?: readonly number[];
  /** Collectives: the themes the person declared a concern for. */
  readonly themes?: readonly string[];
  /** Collectives: the urgency the person declared (shared urgency brings people together). */
  readonly urgency?: string;
  /** World café: the themes the person would like to visit. */
  readonly wishes?: readonly string[];
  /** World café: the table the person hosts (they stay there every round). */
  readonly host?: string;
}

export interface MixingTable {
  readonly id: string;
  readonly capacity: number;
  readonly minSize: number;
  readonly theme: string | null;
}

export interface MixingRules {
  readonly noRepeatPairs: boolean;
  readonly separateKnownPairs: boolean;
  readonly themeAtMostOncePerParticipant: boolean;
  readonly diversity: readonly { readonly attribute: DiversityAttribute; readonly maxPerTable: number }[];
}

export interface MixingProblem {
  readonly name?: string;
  readonly mode?: MixingMode;
  readonly rounds: number;
  readonly rules: MixingRules;
  readonly participants: readonly MixingParticipant[];
  readonly tables: readonly MixingTable[];
  /** People who already know each other (declared); same organisation is added automatically. */
  readonly knownPairs: readonly (readonly [string, string])[];
  /** People who met at an earlier event. */
  readonly metBefore?: readonly (readonly [string, string])[];
  /** A person and their interpreter: always at the same table; pair rules do not apply. */
  readonly keepTogether: readonly (readonly [string, string])[];
}

/** The plan format of the bench README: rounds in order, a table absent from a round is empty. */
export interface MixingPlan {
  readonly rounds: readonly { readonly tables: readonly { readonly table: string; readonly participants: readonly string[] }[] }[];
}

/** Plain counts (lower is better except new contacts, shared concerns and wishes met). */
export interface MixingMetrics {
  readonly hardViolations: number;
  readonly repeats: number;
  readonly knownMeetings: number;
  readonly diversityExcess: number;
  readonly distinctNewContacts: number;
  readonly newContactsMin: number;
  readonly newContactsMax: number;
  readonly sharedConcerns: number;
  readonly wishesMet: number;
}

export interface MixingOutcome {
  readonly plan: MixingPlan;
  readonly metrics: MixingMetrics;
  /** Why what remains could not be removed, in French. */
  readonly explanation: readonly string[];
  readonly solveMs: number;
}

export type MixingErrorCode =
  | 'unknown_participant'
  | 'unknown_table'
  | 'duplicate_participant'
  | 'duplicate_table'
  | 'invalid_round'
  | 'plan_mismatch'
  | 'no_tables';

export interface MixingError {
  readonly code: MixingErrorCode;
  /** French message for the person who prepared the file. */
  readonly message: string;
}
