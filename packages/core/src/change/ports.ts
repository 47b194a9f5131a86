import type { AuditEntryInput } from '../accounts/index';
import type { Result } from '../shared/result';
import type { PathwayView } from './api';
import type { Horizon, Light, MarkerLevel } from './model';

/** A pathway's stored state, as the rules read it inside the write transaction. */
export interface PathwayChangeRecord {
  readonly id: string;
  readonly horizon: Horizon;
  readonly text: string;
  readonly organisationIds: readonly string[];
  readonly kinds: readonly string[];
  readonly markers: readonly { readonly level: MarkerLevel; readonly text: string }[];
  /** Changes of other pathways (the territory's) this change contributes to. */
  readonly contributesTo: readonly string[];
}

export interface PathwayLinkRecord {
  readonly id: string;
  readonly from: string;
  readonly to: string | null;
  readonly rationale: string;
  readonly assumptions: string;
}

export interface PathwayActionRecord {
  readonly id: string;
  readonly changeId: string;
  readonly text: string;
  readonly collectiveId: string | null;
  readonly organisationId: string | null;
  readonly byName: string;
}

export interface PathwayIndicatorRecord {
  readonly id: string;
  readonly changeId: string | null;
  readonly name: string;
  readonly unit: string;
  readonly source: string;
  readonly method: string;
  readonly frequency: 'mensuelle' | 'trimestrielle' | 'semestrielle' | 'annuelle' | 'ponctuelle';
  readonly reporter: string;
  readonly baselineValue: number | null;
  readonly baselineYear: number | null;
  readonly targetValue: number | null;
  readonly targetYear: number | null;
}

export interface PathwayReviewRecord {
  readonly id: string;
  readonly heldOn: string;
  readonly summary: string;
  readonly lights: readonly { readonly changeId: string; readonly light: Light; readonly comment: string }[];
}

export interface PathwayJournalRecord {
  readonly id: string;
  readonly on: string;
  readonly text: string;
}

export interface PathwayVisionRecord {
  readonly sentence: string;
  readonly frontPageTitle: string;
  readonly frontPageStory: string;
}

export interface PathwayState {
  readonly id: string;
  readonly title: string;
  readonly territoryId: string;
  readonly collectiveId: string | null;
  readonly version: number;
  readonly vision: PathwayVisionRecord;
  readonly changes: readonly PathwayChangeRecord[];
  readonly links: readonly PathwayLinkRecord[];
  readonly actions: readonly PathwayActionRecord[];
  readonly indicators: readonly PathwayIndicatorRecord[];
  readonly reviews: readonly PathwayReviewRecord[];
}

/** One effect of a decision on the stored pathway; the store applies them in order. */
export type PathwayOp =
  | { readonly op: 'title'; readonly title: string }
  | { readonly op: 'vision'; readonly vision: PathwayVisionRecord }
  | { readonly op: 'addChange'; readonly change: PathwayChangeRecord }
  | { readonly op: 'updateChange'; readonly change: PathwayChangeRecord }
  | { readonly op: 'deleteChange'; readonly id: string }
  | { readonly op: 'addLink'; readonly link: PathwayLinkRecord }
  | { readonly op: 'deleteLink'; readonly id: string }
  | { readonly op: 'addAction'; readonly action: PathwayActionRecord }
  | { readonly op: 'deleteAction'; readonly id: string }
  | { readonly op: 'putIndicator'; readonly indicator: PathwayIndicatorRecord; readonly isNew: boolean }
  | { readonly op: 'deleteIndicator'; readonly id: string }
  | { readonly op: 'addReview'; readonly review: PathwayReviewRecord }
  | { readonly op: 'addJournal'; readonly note: PathwayJournalRecord };

/** What a write decided: its effects and the version's short French summary. */
export interface PathwayDecision {
  readonly ops: readonly PathwayOp[];
  readonly summary: string;
}

/** A pure rule run on the locked state; `newId` hands out fresh ids (passed in: core draws no randomness). */
export type PathwayDecider<E extends string> = (state: PathwayState, newId: () => string) => Result<PathwayDecision, E>;

/** Who writes, for the version and the journal (the name is kept with them). */
export interface PathwayAuthor {
  readonly userId: string | null;
  readonly name: string | null;
}

/** The stored view, without the reader's permissions (`may`), as snapshots keep it. */
export type StoredPathwayView = Omit<PathwayView, 'may'>;

export interface NewPathway {
  readonly title: string;
  readonly territoryId: string;
  readonly collectiveId: string | null;
}

/** The store behind change pathways (packages/db/src/change/store.ts). */
export interface PathwaysRepo {
  /** Creates the pathway (version 0), then applies `decide` as its version 1, with the audit entry, in one transaction. */
  create(
    input: NewPathway,
    decide: PathwayDecider<never>,
    author: PathwayAuthor,
    audit: (pathwayId: string) => AuditEntryInput,
  ): Promise<StoredPathwayView>;
  /**
   * Locks the pathway's row, reads its state, runs `decide`; on success applies its effects,
   * bumps the version, stores the snapshot and writes the audit entry, all in one transaction.
   * On failure nothing is written.
   */
  write<E extends string>(
    pathwayId: string,
    decide: PathwayDecider<E>,
    author: PathwayAuthor,
    audit: AuditEntryInput,
  ): Promise<Result<StoredPathwayView, E | 'pathway_not_found'>>;
  /** Of `ids`, the changes this pathway may contribute to: changes of a territory's pathway covering its territory. */
  contributable(pathwayId: string, ids: readonly string[]): Promise<Set<string>>;
}
