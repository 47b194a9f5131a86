import type { AuditEntryInput } from '../accounts/index';
import type {
  CollectiveHistoryView,
  CollectiveMemberView,
  CollectiveStepView,
  SectionCommentView,
  SectionRevisionView,
  SheetSectionView,
  SupportRequestView,
} from './api';
import type { MemberRole, SheetSection, StepStatus, SupportKind, SupportStatus } from './workspace';

/** A line of the collective's history, written with the change it tells, in its transaction. */
export interface HistoryLine {
  readonly kind: CollectiveHistoryView['kind'];
  readonly section?: SheetSection | null;
  readonly version?: number | null;
  /** The member the line is about (erasure finds the lines naming her). */
  readonly memberId?: string | null;
  readonly summary: string;
}

/** Who makes a change: the caller's account (the store reads the name it has at that time). */
export interface ChangeBy {
  readonly userId: string | null;
  readonly at: Date;
}

/** A member's seat as stored: the view with contacts, and the account linked to it. */
export interface MemberRecord extends CollectiveMemberView {
  readonly userId: string | null;
}

/** A section as stored (version 0 and the empty content when never written). */
export type SectionRecord = SheetSectionView;

export interface CollectiveOrigin {
  readonly roomId: string;
  readonly roomTitle: string;
  readonly event: { readonly id: string; readonly title: string } | null;
}

/** Everything the detail view and the fiche read about one collective. */
export interface CollectiveWorkspaceRecord {
  readonly id: string;
  readonly territoryId: string;
  readonly territoryName: string;
  readonly name: string;
  readonly urgency: string;
  readonly themes: readonly string[];
  readonly createdAt: string;
  readonly originRoomId: string | null;
  /** The room that formed it, and the day that room belongs to (when it does). */
  readonly origin: CollectiveOrigin | null;
  readonly members: readonly MemberRecord[];
  readonly answers: readonly { readonly question: number; readonly answer: string; readonly updatedAt: string }[];
  readonly sections: readonly SectionRecord[];
  readonly steps: readonly CollectiveStepView[];
  readonly openRequests: number;
  /** For each pair of the current members' organisations, the ecosystem's latest level (either side). */
  readonly pairs: readonly {
    readonly a: { readonly id: string; readonly name: string };
    readonly b: { readonly id: string; readonly name: string };
    readonly level: number | null;
    readonly assessedAt: string | null;
  }[];
}

export type SaveSectionOutcome = { readonly saved: SheetSectionView } | { readonly conflict: SheetSectionView };

export interface NewMember {
  readonly name: string;
  readonly personId: string | null;
  readonly organisationName: string | null;
  readonly email: string | null;
  readonly phone: string | null;
  readonly roles: readonly MemberRole[];
  readonly customRoles: readonly string[];
}

export interface MemberChanges {
  readonly organisationName?: string | undefined;
  readonly email?: string | undefined;
  readonly phone?: string | undefined;
  readonly roles?: readonly MemberRole[] | undefined;
  readonly customRoles?: readonly string[] | undefined;
}

export interface StepChanges {
  readonly title?: string | undefined;
  readonly ownerMemberId?: string | null | undefined;
  readonly dueOn?: string | null | undefined;
  readonly status?: StepStatus | undefined;
}

/**
 * The store of collectives' workspaces. Every write takes its history line and its audit entry
 * and keeps the three together in one transaction; `saveSection` compares and writes atomically.
 */
export interface CollectivesWorkspaceRepo {
  /** The collective's id, territory and name, or undefined. */
  head(collectiveId: string): Promise<{ readonly id: string; readonly territoryId: string; readonly name: string } | undefined>;
  /** Everything about one collective; its steps' `overdue` as of `today` (YYYY-MM-DD, Paris). */
  workspace(collectiveId: string, today: string): Promise<CollectiveWorkspaceRecord | undefined>;
  /** The eleven sections, in SHEET_SECTIONS order (version 0 for a section never written). */
  sheet(collectiveId: string): Promise<SectionRecord[]>;
  section(collectiveId: string, section: SheetSection): Promise<SectionRecord>;
  /** Names of organisations of the ecosystem (the key actors a sheet names), by id. */
  organisationNames(ids: readonly string[]): Promise<Map<string, string>>;
  /**
   * Writes a section as version `baseVersion + 1` if its current version is still `baseVersion`,
   * with its revision; else writes nothing and answers the section now stored.
   */
  saveSection(
    input: {
      readonly collectiveId: string;
      readonly section: SheetSection;
      readonly baseVersion: number;
      readonly content: Readonly<Record<string, unknown>>;
      readonly restoredFrom: number | null;
      readonly by: ChangeBy;
    },
    history: (version: number) => HistoryLine,
    audit: (version: number) => AuditEntryInput,
  ): Promise<SaveSectionOutcome>;
  revisions(collectiveId: string, section: SheetSection): Promise<SectionRevisionView[]>;
  comments(collectiveId: string, section: SheetSection): Promise<SectionCommentView[]>;
  addComment(
    input: { readonly collectiveId: string; readonly section: SheetSection; readonly text: string; readonly by: ChangeBy },
    audit: AuditEntryInput,
  ): Promise<SectionCommentView>;
  resolveComment(
    input: { readonly collectiveId: string; readonly commentId: string; readonly resolved: boolean; readonly by: ChangeBy },
    audit: AuditEntryInput,
  ): Promise<SectionCommentView | undefined>;
  history(collectiveId: string): Promise<CollectiveHistoryView[]>;
  member(collectiveId: string, memberId: string): Promise<MemberRecord | undefined>;
  addMember(
    input: { readonly collectiveId: string; readonly member: NewMember; readonly by: ChangeBy },
    history: HistoryLine,
    audit: AuditEntryInput,
  ): Promise<MemberRecord>;
  updateMember(
    input: { readonly collectiveId: string; readonly memberId: string; readonly changes: MemberChanges; readonly by: ChangeBy },
    history: HistoryLine,
    audit: AuditEntryInput,
  ): Promise<MemberRecord | undefined>;
  removeMember(
    input: { readonly collectiveId: string; readonly memberId: string; readonly by: ChangeBy },
    history: HistoryLine,
    audit: AuditEntryInput,
  ): Promise<MemberRecord | undefined>;
  /** Links an accounts invitation (role `member` on the collective's territory) to the seat. */
  inviteMember(
    input: {
      readonly collectiveId: string;
      readonly memberId: string;
      readonly territoryId: string;
      readonly email: string;
      readonly tokenHash: string;
      readonly expiresAt: Date;
      readonly by: ChangeBy;
    },
    history: HistoryLine,
    audit: (invitationId: string) => AuditEntryInput,
  ): Promise<MemberRecord>;
  steps(collectiveId: string, today: string): Promise<CollectiveStepView[]>;
  addStep(
    input: {
      readonly collectiveId: string;
      readonly title: string;
      readonly ownerMemberId: string | null;
      readonly dueOn: string | null;
      readonly by: ChangeBy;
      readonly today: string;
    },
    history: HistoryLine,
    audit: AuditEntryInput,
  ): Promise<CollectiveStepView>;
  updateStep(
    input: {
      readonly collectiveId: string;
      readonly stepId: string;
      readonly changes: StepChanges;
      readonly by: ChangeBy;
      readonly today: string;
    },
    history: HistoryLine,
    audit: AuditEntryInput,
  ): Promise<CollectiveStepView | undefined>;
  deleteStep(
    input: { readonly collectiveId: string; readonly stepId: string; readonly by: ChangeBy },
    history: HistoryLine,
    audit: AuditEntryInput,
  ): Promise<boolean>;
  step(collectiveId: string, stepId: string, today: string): Promise<CollectiveStepView | undefined>;
  requests(
    filter: { readonly collectiveId: string } | { readonly territoryIds: readonly string[]; readonly status?: SupportStatus | undefined },
  ): Promise<SupportRequestView[]>;
  askSupport(
    input: { readonly collectiveId: string; readonly kind: SupportKind; readonly text: string; readonly by: ChangeBy },
    history: HistoryLine,
    audit: AuditEntryInput,
  ): Promise<SupportRequestView>;
  answerSupport(
    input: {
      readonly collectiveId: string;
      readonly requestId: string;
      readonly status: SupportStatus;
      readonly answer: string;
      readonly by: ChangeBy;
    },
    history: HistoryLine,
    audit: AuditEntryInput,
  ): Promise<SupportRequestView | undefined>;
  createCollective(
    input: {
      readonly territoryId: string;
      readonly name: string;
      readonly urgency: string;
      readonly themes: readonly string[];
      readonly personIds: readonly string[];
      readonly by: ChangeBy;
    },
    history: HistoryLine,
    audit: (id: string) => AuditEntryInput,
  ): Promise<string>;
  updateCollective(
    input: {
      readonly collectiveId: string;
      readonly name?: string | undefined;
      readonly urgency?: string | undefined;
      readonly themes?: readonly string[] | undefined;
      readonly by: ChangeBy;
    },
    history: HistoryLine,
    audit: AuditEntryInput,
  ): Promise<void>;
}
