import { parisDay } from '../shared/time';
import { type AuditEntryInput, INVITATION_DAYS } from '../accounts/index';
import { fail, ok, type Result } from '../shared/result';
import type {
  CollectiveDetailView,
  CollectiveMemberView,
  CollectiveProgressView,
  CollectiveStepView,
  SectionCommentView,
  SheetSectionView,
  SupportRequestView,
} from './api';
import { GUIDING_QUESTIONS } from './model';
import type { ChangeBy, CollectiveWorkspaceRecord, CollectivesWorkspaceRepo, HistoryLine, MemberRecord, StepChanges } from './ports';
import {
  type CooperationAim,
  type MemberRole,
  parseSectionContent,
  SHEET_SECTION_TITLES,
  SHEET_SECTIONS,
  type SheetSection,
  type StepStatus,
  type SupportKind,
  type SupportStatus,
  sectionFilled,
  stepOverdue,
} from './workspace';

/** What the workspace's use cases need: the store and the clock. */
export interface WorkspaceDeps {
  readonly repo: CollectivesWorkspaceRepo;
  readonly now: () => Date;
}

/** What the caller may do on a collective, decided by the policy at the edge. */
export interface CollectiveMay {
  readonly edit: boolean;
  readonly seeContacts: boolean;
  readonly answerRequests: boolean;
  readonly answerQuestions: boolean;
}

/** Today in Paris (YYYY-MM-DD): a step is overdue from the day after its due date, French time. */
export function parisToday(now: Date): string {
  return parisDay(now);
}

/** How far a collective has come (sections written of 11, steps, open requests). */
export function progressOf(
  record: Pick<CollectiveWorkspaceRecord, 'sections' | 'steps' | 'openRequests'>,
  today: string,
): CollectiveProgressView {
  const live = record.steps.filter((s) => s.status !== 'abandonne');
  return {
    sectionsFilled: record.sections.filter((s) => s.version > 0 && sectionFilled(s.content)).length,
    sectionsTotal: SHEET_SECTIONS.length,
    stepsDone: live.filter((s) => s.status === 'fait').length,
    stepsTotal: live.length,
    stepsOverdue: record.steps.filter((s) => stepOverdue(s, today)).length,
    openRequests: record.openRequests,
  };
}

/** A member as the caller sees them: contact details only for who may read them. */
export function presentMember(member: MemberRecord, seeContacts: boolean): CollectiveMemberView {
  const { userId: _userId, ...view } = member;
  return seeContacts ? view : { ...view, email: null, phone: null };
}

/** The detail view of a collective for a caller. */
export function presentDetail(record: CollectiveWorkspaceRecord, may: CollectiveMay, now: Date): CollectiveDetailView {
  const niveau = record.sections.find((s) => s.section === 'niveau');
  const aim = niveau && niveau.section === 'niveau' ? (niveau.content.aim as CooperationAim | null) : null;
  return {
    id: record.id,
    territoryId: record.territoryId,
    name: record.name,
    urgency: record.urgency,
    themes: [...record.themes],
    createdAt: record.createdAt,
    originRoomId: record.originRoomId,
    origin: record.origin ? { ...record.origin, event: record.origin.event ? { ...record.origin.event } : null } : null,
    territoryName: record.territoryName,
    members: record.members.map((m) => presentMember(m, may.seeContacts)),
    questions: GUIDING_QUESTIONS.map((text, i) => {
      const a = record.answers.find((x) => x.question === i + 1);
      return { question: i + 1, text, answer: a?.answer ?? '', updatedAt: a?.updatedAt ?? null };
    }),
    aim,
    pairs: record.pairs.map((p) => ({ ...p })),
    progress: progressOf(record, parisToday(now)),
    may: { ...may },
  };
}

/** The field errors of a section's content, named `body.content.<field>`, in French. */
export type FieldErrors = { readonly field: string; readonly message: string }[];

export type SaveError = 'validation' | 'sheet_conflict' | 'collective_not_found';

const sectionTitle = (section: SheetSection) => SHEET_SECTION_TITLES[section].fr;

function collectiveAudit(
  action: string,
  head: { readonly id: string; readonly territoryId: string },
  by: ChangeBy,
  details: Record<string, unknown>,
): AuditEntryInput {
  return { actorUserId: by.userId, action, entityType: 'collective', entityId: head.id, territoryId: head.territoryId, details };
}

/**
 * Saves a section from the version it was edited from. Another save landed since: refused with
 * the section now stored (`details.current`), nothing written, so nobody's edit is lost.
 */
export async function saveSheetSection(
  deps: WorkspaceDeps,
  input: { collectiveId: string; section: SheetSection; baseVersion: number; content: unknown; userId: string | null },
): Promise<Result<SheetSectionView, SaveError>> {
  const parsed = parseSectionContent(input.section, input.content);
  if (!parsed.success) {
    const errors: FieldErrors = parsed.error.issues.map((i) => ({
      field: ['body', 'content', ...i.path.map(String)].join('.'),
      message: i.message,
    }));
    return fail('validation', { errors });
  }
  const head = await deps.repo.head(input.collectiveId);
  if (!head) return fail('collective_not_found');
  const by = { userId: input.userId, at: deps.now() };
  const outcome = await deps.repo.saveSection(
    { collectiveId: head.id, section: input.section, baseVersion: input.baseVersion, content: parsed.data, restoredFrom: null, by },
    (version) => ({
      kind: 'section',
      section: input.section,
      version,
      summary: `a modifié « ${sectionTitle(input.section)} » (version ${version})`,
    }),
    (version) => collectiveAudit('collective.section.save', head, by, { section: input.section, version }),
  );
  if ('conflict' in outcome) return fail('sheet_conflict', { current: outcome.conflict });
  return ok(outcome.saved);
}

/** Restores an earlier version of a section: the current content is kept as a version, the restored one becomes the next. */
export async function restoreSheetSection(
  deps: WorkspaceDeps,
  input: { collectiveId: string; section: SheetSection; version: number; userId: string | null },
): Promise<Result<SheetSectionView, 'revision_not_found' | 'sheet_conflict' | 'collective_not_found'>> {
  const head = await deps.repo.head(input.collectiveId);
  if (!head) return fail('collective_not_found');
  const revision = (await deps.repo.revisions(head.id, input.section)).find((r) => r.version === input.version);
  if (!revision) return fail('revision_not_found');
  const current = await deps.repo.section(head.id, input.section);
  const parsed = parseSectionContent(input.section, revision.content);
  const content = parsed.success ? parsed.data : revision.content;
  const by = { userId: input.userId, at: deps.now() };
  const outcome = await deps.repo.saveSection(
    { collectiveId: head.id, section: input.section, baseVersion: current.version, content, restoredFrom: input.version, by },
    (version) => ({
      kind: 'restore',
      section: input.section,
      version,
      summary: `a rétabli la version ${input.version} de « ${sectionTitle(input.section)} » (version ${version})`,
    }),
    (version) => collectiveAudit('collective.section.restore', head, by, { section: input.section, version, restoredFrom: input.version }),
  );
  if ('conflict' in outcome) return fail('sheet_conflict', { current: outcome.conflict });
  return ok(outcome.saved);
}

export async function addSectionComment(
  deps: WorkspaceDeps,
  input: { collectiveId: string; section: SheetSection; text: string; userId: string | null },
): Promise<Result<SectionCommentView, 'collective_not_found'>> {
  const head = await deps.repo.head(input.collectiveId);
  if (!head) return fail('collective_not_found');
  const by = { userId: input.userId, at: deps.now() };
  return ok(
    await deps.repo.addComment(
      { collectiveId: head.id, section: input.section, text: input.text, by },
      collectiveAudit('collective.comment.add', head, by, { section: input.section }),
    ),
  );
}

export async function resolveSectionComment(
  deps: WorkspaceDeps,
  input: { collectiveId: string; commentId: string; resolved: boolean; userId: string | null },
): Promise<Result<SectionCommentView, 'collective_not_found' | 'comment_not_found'>> {
  const head = await deps.repo.head(input.collectiveId);
  if (!head) return fail('collective_not_found');
  const by = { userId: input.userId, at: deps.now() };
  const comment = await deps.repo.resolveComment(
    { collectiveId: head.id, commentId: input.commentId, resolved: input.resolved, by },
    collectiveAudit('collective.comment.resolve', head, by, { commentId: input.commentId, resolved: input.resolved }),
  );
  return comment ? ok(comment) : fail('comment_not_found');
}

/** A member joins: a person of the ecosystem (name and organisation read from her record) or a guest. */
export async function addCollectiveMember(
  deps: WorkspaceDeps,
  input: {
    collectiveId: string;
    userId: string | null;
    member:
      | { personId: string; roles?: MemberRole[] | undefined; customRoles?: string[] | undefined }
      | {
          name: string;
          organisationName?: string | undefined;
          email?: string | undefined;
          phone?: string | undefined;
          roles?: MemberRole[] | undefined;
          customRoles?: string[] | undefined;
        };
  },
): Promise<Result<MemberRecord, 'collective_not_found' | 'member_already_in'>> {
  const head = await deps.repo.head(input.collectiveId);
  if (!head) return fail('collective_not_found');
  const m = input.member;
  if ('personId' in m) {
    const record = await deps.repo.workspace(head.id, parisToday(deps.now()));
    if (record?.members.some((x) => x.personId === m.personId && x.leftAt === null)) return fail('member_already_in');
  }
  const by = { userId: input.userId, at: deps.now() };
  const added = await deps.repo.addMember(
    {
      collectiveId: head.id,
      member:
        'personId' in m
          ? {
              name: '',
              personId: m.personId,
              organisationName: null,
              email: null,
              phone: null,
              roles: m.roles ?? [],
              customRoles: m.customRoles ?? [],
            }
          : {
              name: m.name,
              personId: null,
              organisationName: m.organisationName || null,
              email: m.email || null,
              phone: m.phone || null,
              roles: m.roles ?? [],
              customRoles: m.customRoles ?? [],
            },
      by,
    },
    { kind: 'member_added', summary: 'a ajouté un membre' },
    collectiveAudit('collective.member.add', head, by, { personId: 'personId' in m ? m.personId : null }),
  );
  return ok(added);
}

export async function updateCollectiveMember(
  deps: WorkspaceDeps,
  input: {
    collectiveId: string;
    memberId: string;
    userId: string | null;
    changes: {
      organisationName?: string | undefined;
      email?: string | undefined;
      phone?: string | undefined;
      roles?: MemberRole[] | undefined;
      customRoles?: string[] | undefined;
    };
  },
): Promise<Result<MemberRecord, 'collective_not_found' | 'collective_member_not_found'>> {
  const head = await deps.repo.head(input.collectiveId);
  if (!head) return fail('collective_not_found');
  const member = await deps.repo.member(head.id, input.memberId);
  if (!member) return fail('collective_member_not_found');
  const by = { userId: input.userId, at: deps.now() };
  const changed = Object.keys(input.changes).filter((k) => input.changes[k as keyof typeof input.changes] !== undefined);
  const updated = await deps.repo.updateMember(
    { collectiveId: head.id, memberId: member.id, changes: input.changes, by },
    { kind: 'member_updated', memberId: member.id, summary: `a mis à jour ${member.name}` },
    collectiveAudit('collective.member.update', head, by, { memberId: member.id, fields: changed }),
  );
  return updated ? ok(updated) : fail('collective_member_not_found');
}

/** A member leaves: the seat stays (`leftAt`), with her past contributions. */
export async function removeCollectiveMember(
  deps: WorkspaceDeps,
  input: { collectiveId: string; memberId: string; userId: string | null },
): Promise<Result<MemberRecord, 'collective_not_found' | 'collective_member_not_found' | 'member_already_left'>> {
  const head = await deps.repo.head(input.collectiveId);
  if (!head) return fail('collective_not_found');
  const member = await deps.repo.member(head.id, input.memberId);
  if (!member) return fail('collective_member_not_found');
  if (member.leftAt) return fail('member_already_left');
  const by = { userId: input.userId, at: deps.now() };
  const removed = await deps.repo.removeMember(
    { collectiveId: head.id, memberId: member.id, by },
    { kind: 'member_left', memberId: member.id, summary: `${member.name} a quitté le collectif` },
    collectiveAudit('collective.member.leave', head, by, { memberId: member.id }),
  );
  return removed ? ok(removed) : fail('collective_member_not_found');
}

/** An invitation link is valid as long as the accounts' own invitations, once. */
const INVITATION_MS = INVITATION_DAYS * 86_400_000;

/**
 * An account for a member: an accounts invitation (role `member` on the collective's territory)
 * linked to the seat, so that accepting it links the new account to the seat. Needs her e-mail.
 */
export async function inviteCollectiveMember(
  deps: WorkspaceDeps & { readonly tokens: { random(): string; digest(token: string): string } },
  input: { collectiveId: string; memberId: string; userId: string | null },
): Promise<
  Result<
    { member: MemberRecord; token: string; expiresAt: Date },
    'collective_not_found' | 'collective_member_not_found' | 'member_email_required' | 'member_has_account' | 'member_already_left'
  >
> {
  const head = await deps.repo.head(input.collectiveId);
  if (!head) return fail('collective_not_found');
  const member = await deps.repo.member(head.id, input.memberId);
  if (!member) return fail('collective_member_not_found');
  if (member.leftAt) return fail('member_already_left');
  if (member.hasAccount) return fail('member_has_account');
  if (!member.email) return fail('member_email_required');
  const token = deps.tokens.random();
  const by = { userId: input.userId, at: deps.now() };
  const expiresAt = new Date(by.at.getTime() + INVITATION_MS);
  const invited = await deps.repo.inviteMember(
    {
      collectiveId: head.id,
      memberId: member.id,
      territoryId: head.territoryId,
      email: member.email,
      tokenHash: deps.tokens.digest(token),
      expiresAt,
      by,
    },
    { kind: 'member_updated', memberId: member.id, summary: `a invité ${member.name} à créer son compte` },
    (invitationId) => ({
      actorUserId: by.userId,
      action: 'invitation.create',
      entityType: 'invitation',
      entityId: invitationId,
      territoryId: head.territoryId,
      details: { role: 'member', collectiveId: head.id, memberId: member.id },
    }),
  );
  return ok({ member: invited, token, expiresAt });
}

export async function addCollectiveStep(
  deps: WorkspaceDeps,
  input: { collectiveId: string; title: string; ownerMemberId: string | null; dueOn: string | null; userId: string | null },
): Promise<Result<CollectiveStepView, 'collective_not_found' | 'collective_member_not_found'>> {
  const head = await deps.repo.head(input.collectiveId);
  if (!head) return fail('collective_not_found');
  if (input.ownerMemberId && !(await deps.repo.member(head.id, input.ownerMemberId))) return fail('collective_member_not_found');
  const by = { userId: input.userId, at: deps.now() };
  return ok(
    await deps.repo.addStep(
      { collectiveId: head.id, title: input.title, ownerMemberId: input.ownerMemberId, dueOn: input.dueOn, by, today: parisToday(by.at) },
      { kind: 'step', summary: `a ajouté l’étape « ${input.title} »` },
      collectiveAudit('collective.step.add', head, by, { title: input.title }),
    ),
  );
}

const stepStatusWords: Record<StepStatus, string> = { a_faire: 'à faire', en_cours: 'en cours', fait: 'faite', abandonne: 'abandonnée' };

export async function updateCollectiveStep(
  deps: WorkspaceDeps,
  input: { collectiveId: string; stepId: string; changes: StepChanges; userId: string | null },
): Promise<Result<CollectiveStepView, 'collective_not_found' | 'step_not_found' | 'collective_member_not_found'>> {
  const head = await deps.repo.head(input.collectiveId);
  if (!head) return fail('collective_not_found');
  const by = { userId: input.userId, at: deps.now() };
  const today = parisToday(by.at);
  const step = await deps.repo.step(head.id, input.stepId, today);
  if (!step) return fail('step_not_found');
  const owner = input.changes.ownerMemberId;
  if (owner && !(await deps.repo.member(head.id, owner))) return fail('collective_member_not_found');
  const summary = input.changes.status
    ? `a marqué l’étape « ${input.changes.title ?? step.title} » ${stepStatusWords[input.changes.status]}`
    : `a modifié l’étape « ${input.changes.title ?? step.title} »`;
  const updated = await deps.repo.updateStep(
    { collectiveId: head.id, stepId: step.id, changes: input.changes, by, today },
    { kind: 'step', summary },
    collectiveAudit('collective.step.update', head, by, { stepId: step.id, status: input.changes.status ?? null }),
  );
  return updated ? ok(updated) : fail('step_not_found');
}

export async function deleteCollectiveStep(
  deps: WorkspaceDeps,
  input: { collectiveId: string; stepId: string; userId: string | null },
): Promise<Result<{ id: string }, 'collective_not_found' | 'step_not_found'>> {
  const head = await deps.repo.head(input.collectiveId);
  if (!head) return fail('collective_not_found');
  const by = { userId: input.userId, at: deps.now() };
  const step = await deps.repo.step(head.id, input.stepId, parisToday(by.at));
  if (!step) return fail('step_not_found');
  const deleted = await deps.repo.deleteStep(
    { collectiveId: head.id, stepId: step.id, by },
    { kind: 'step', summary: `a retiré l’étape « ${step.title} »` },
    collectiveAudit('collective.step.delete', head, by, { stepId: step.id, title: step.title }),
  );
  return deleted ? ok({ id: step.id }) : fail('step_not_found');
}

export async function askCollectiveSupport(
  deps: WorkspaceDeps,
  input: { collectiveId: string; kind: SupportKind; text: string; userId: string | null },
): Promise<Result<SupportRequestView, 'collective_not_found'>> {
  const head = await deps.repo.head(input.collectiveId);
  if (!head) return fail('collective_not_found');
  const by = { userId: input.userId, at: deps.now() };
  return ok(
    await deps.repo.askSupport(
      { collectiveId: head.id, kind: input.kind, text: input.text, by },
      { kind: 'request', summary: 'a demandé un appui' },
      collectiveAudit('collective.support.ask', head, by, { kind: input.kind }),
    ),
  );
}

const supportStatusWords: Record<SupportStatus, string> = {
  ouverte: 'rouverte',
  en_cours: 'prise en charge',
  traitee: 'traitée',
  refusee: 'refusée',
};

export async function answerCollectiveSupport(
  deps: WorkspaceDeps,
  input: { collectiveId: string; requestId: string; status: SupportStatus; answer: string; userId: string | null },
): Promise<Result<SupportRequestView, 'collective_not_found' | 'support_request_not_found'>> {
  const head = await deps.repo.head(input.collectiveId);
  if (!head) return fail('collective_not_found');
  const by = { userId: input.userId, at: deps.now() };
  const answered = await deps.repo.answerSupport(
    { collectiveId: head.id, requestId: input.requestId, status: input.status, answer: input.answer, by },
    { kind: 'answer', summary: `a répondu à une demande d’appui (${supportStatusWords[input.status]})` },
    collectiveAudit('collective.support.answer', head, by, { requestId: input.requestId, status: input.status }),
  );
  return answered ? ok(answered) : fail('support_request_not_found');
}

/** A collective created by hand (not in a room), with its first members from the ecosystem. */
export async function createCollectiveByHand(
  deps: WorkspaceDeps,
  input: {
    territoryId: string;
    name: string;
    urgency?: string | undefined;
    themes?: string[] | undefined;
    personIds?: string[] | undefined;
    userId: string | null;
  },
): Promise<string> {
  const by = { userId: input.userId, at: deps.now() };
  return deps.repo.createCollective(
    {
      territoryId: input.territoryId,
      name: input.name,
      urgency: input.urgency ?? '',
      themes: input.themes ?? [],
      personIds: [...new Set(input.personIds ?? [])],
      by,
    },
    { kind: 'created', summary: 'a créé le collectif' },
    (id) => ({
      actorUserId: by.userId,
      action: 'collective.create',
      entityType: 'collective',
      entityId: id,
      territoryId: input.territoryId,
      details: { name: input.name },
    }),
  );
}

export async function updateCollectiveInfo(
  deps: WorkspaceDeps,
  input: {
    collectiveId: string;
    name?: string | undefined;
    urgency?: string | undefined;
    themes?: string[] | undefined;
    userId: string | null;
  },
): Promise<Result<void, 'collective_not_found'>> {
  const head = await deps.repo.head(input.collectiveId);
  if (!head) return fail('collective_not_found');
  const by = { userId: input.userId, at: deps.now() };
  const fields = (['name', 'urgency', 'themes'] as const).filter((k) => input[k] !== undefined);
  await deps.repo.updateCollective(
    { collectiveId: head.id, name: input.name, urgency: input.urgency, themes: input.themes, by },
    {
      kind: 'updated',
      summary: input.name && input.name !== head.name ? `a renommé le collectif « ${input.name} »` : 'a mis à jour le collectif',
    },
    collectiveAudit('collective.update', head, by, { fields }),
  );
  return ok(undefined);
}

export type { HistoryLine };
