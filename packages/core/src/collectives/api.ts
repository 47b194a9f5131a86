import { z } from 'zod';
import { type EndpointMap, endpoint } from '../shared/endpoint';
import { answerBody, questionParam } from './model';
import {
  addMemberBody,
  COOPERATION_AIMS,
  commentBody,
  createCollectiveBody,
  MEMBER_ROLES,
  restoreBody,
  SHEET_SECTIONS,
  STEP_STATUSES,
  SUPPORT_KINDS,
  SUPPORT_STATUSES,
  type SheetSection,
  saveSectionBody,
  sectionContentSchemas,
  sheetSectionParam,
  stepBody,
  stepUpdateBody,
  supportAnswerBody,
  supportRequestBody,
  updateCollectiveBody,
  updateMemberBody,
} from './workspace';

/** How far a collective has come: sections written, steps done and overdue, requests open. */
export const collectiveProgressView = z.object({
  sectionsFilled: z.number(),
  sectionsTotal: z.number(),
  stepsDone: z.number(),
  stepsTotal: z.number(),
  stepsOverdue: z.number(),
  openRequests: z.number(),
});
export type CollectiveProgressView = z.output<typeof collectiveProgressView>;

/**
 * A member's seat: a person of the ecosystem or a guest. `email` and `phone` are null for a caller
 * who may not read contact details (only the collective's members and its territory's
 * coordinators may). A member who left keeps the seat with `leftAt` (history kept).
 */
export const collectiveMemberView = z.object({
  id: z.string(),
  name: z.string(),
  personId: z.string().nullable(),
  organisation: z.object({ id: z.string().nullable(), name: z.string() }).nullable(),
  roles: z.array(z.enum(MEMBER_ROLES)),
  customRoles: z.array(z.string()),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  joinedAt: z.string(),
  leftAt: z.string().nullable(),
  /** The member has an account linked to the seat (and so may edit the collective). */
  hasAccount: z.boolean(),
  invitedAt: z.string().nullable(),
});
export type CollectiveMemberView = z.output<typeof collectiveMemberView>;

/** The ecosystem's continuum level between two member organisations (read from it, not copied). */
export const memberPairView = z.object({
  a: z.object({ id: z.string(), name: z.string() }),
  b: z.object({ id: z.string(), name: z.string() }),
  level: z.number().int().min(1).max(7).nullable(),
  assessedAt: z.string().nullable(),
});

/** The views collectives answer with (the web takes its types from them). */
export const collectiveSummaryView = z.object({
  id: z.string(),
  territoryId: z.string(),
  name: z.string(),
  themes: z.array(z.string()),
  members: z.number(),
  answered: z.number(),
  createdAt: z.string(),
  originRoomId: z.string().nullable(),
  progress: collectiveProgressView,
});
export type CollectiveSummaryView = z.output<typeof collectiveSummaryView>;

export const collectiveDetailView = z.object({
  id: z.string(),
  territoryId: z.string(),
  name: z.string(),
  urgency: z.string(),
  themes: z.array(z.string()),
  createdAt: z.string(),
  originRoomId: z.string().nullable(),
  /** The room that formed it and the day it came from (when the room belongs to one). */
  origin: z
    .object({ roomId: z.string(), roomTitle: z.string(), event: z.object({ id: z.string(), title: z.string() }).nullable() })
    .nullable(),
  territoryName: z.string(),
  /** Current and former members (`leftAt` set), in the order they joined. */
  members: z.array(collectiveMemberView),
  questions: z.array(z.object({ question: z.number(), text: z.string(), answer: z.string(), updatedAt: z.string().nullable() })),
  /** The cooperation the collective aims for (from the sheet's "niveau de coopération"). */
  aim: z.enum(COOPERATION_AIMS).nullable(),
  pairs: z.array(memberPairView),
  progress: collectiveProgressView,
  /** What the caller may do here, so the page shows only what works. */
  may: z.object({
    edit: z.boolean(),
    seeContacts: z.boolean(),
    answerRequests: z.boolean(),
    /** Answering the four guiding questions (the facilitators of the room that formed it help too). */
    answerQuestions: z.boolean(),
  }),
});
export type CollectiveDetailView = z.output<typeof collectiveDetailView>;

const sectionCommon = {
  title: z.string(),
  /** 0 for a section never written. */
  version: z.number().int().nonnegative(),
  updatedAt: z.string().nullable(),
  updatedBy: z.string().nullable(),
  openComments: z.number().int().nonnegative(),
};
function sectionViewOf<S extends SheetSection>(section: S) {
  return z.object({ section: z.literal(section), content: sectionContentSchemas[section], ...sectionCommon });
}
/** One section of the project sheet, its content typed by the section. */
export const sheetSectionView = z.discriminatedUnion('section', [
  sectionViewOf('etat_des_lieux'),
  sectionViewOf('enjeux'),
  sectionViewOf('niveau'),
  sectionViewOf('ecosysteme'),
  sectionViewOf('animation'),
  sectionViewOf('financement'),
  sectionViewOf('calendrier'),
  sectionViewOf('gouvernance'),
  sectionViewOf('forme_juridique'),
  sectionViewOf('evaluation'),
  sectionViewOf('communication'),
]);
export type SheetSectionView = z.output<typeof sheetSectionView>;
/** The whole sheet, sections in SHEET_SECTIONS order (the 409 `sheet_conflict` problem carries `current`: a SheetSectionView). */
export const sheetView = z.object({ sections: z.array(sheetSectionView) });

/** An earlier version of a section: who wrote it, when, and what (restorable). */
export const sectionRevisionView = z.object({
  version: z.number().int().positive(),
  content: z.record(z.string(), z.unknown()),
  at: z.string(),
  author: z.string().nullable(),
  /** The version this one restored, when it was a restore. */
  restoredFrom: z.number().int().nullable(),
});
export type SectionRevisionView = z.output<typeof sectionRevisionView>;

export const sectionCommentView = z.object({
  id: z.string(),
  section: z.enum(SHEET_SECTIONS),
  text: z.string(),
  author: z.string().nullable(),
  at: z.string(),
  resolved: z.boolean(),
});
export type SectionCommentView = z.output<typeof sectionCommentView>;

/** One line of the collective's history: who did what, when. */
export const collectiveHistoryView = z.object({
  at: z.string(),
  author: z.string().nullable(),
  kind: z.enum(['created', 'updated', 'section', 'restore', 'member_added', 'member_left', 'member_updated', 'step', 'request', 'answer']),
  section: z.enum(SHEET_SECTIONS).nullable(),
  version: z.number().nullable(),
  /** A short French sentence ("a ajouté Awa Diallo"). */
  summary: z.string(),
});
export type CollectiveHistoryView = z.output<typeof collectiveHistoryView>;

export const collectiveStepView = z.object({
  id: z.string(),
  title: z.string(),
  owner: z.object({ memberId: z.string(), name: z.string() }).nullable(),
  dueOn: z.string().nullable(),
  status: z.enum(STEP_STATUSES),
  overdue: z.boolean(),
  createdAt: z.string(),
  doneAt: z.string().nullable(),
});
export type CollectiveStepView = z.output<typeof collectiveStepView>;

export const supportRequestView = z.object({
  id: z.string(),
  collectiveId: z.string(),
  collectiveName: z.string(),
  territoryId: z.string(),
  kind: z.enum(SUPPORT_KINDS),
  text: z.string(),
  status: z.enum(SUPPORT_STATUSES),
  answer: z.string().nullable(),
  askedBy: z.string().nullable(),
  askedAt: z.string(),
  answeredBy: z.string().nullable(),
  answeredAt: z.string().nullable(),
});
export type SupportRequestView = z.output<typeof supportRequestView>;

const idParams = z.object({ id: z.uuid('identifiant invalide') });
const sectionParams = idParams.extend({ section: sheetSectionParam });
const memberParams = idParams.extend({ memberId: z.uuid('membre invalide') });
const stepParams = idParams.extend({ stepId: z.uuid('étape invalide') });
const requestParams = idParams.extend({ requestId: z.uuid('demande invalide') });

/** The routes of collectives: method, path, what they take and what they answer. */
export const collectivesEndpoints = {
  list: endpoint({
    method: 'GET',
    url: '/api/collectives',
    query: z.object({ territoryId: z.uuid('territoire invalide').optional() }),
    response: z.array(collectiveSummaryView),
  }),
  get: endpoint({ method: 'GET', url: '/api/collectives/:id', params: idParams, response: collectiveDetailView }),
  answer: endpoint({
    method: 'PUT',
    url: '/api/collectives/:id/answers/:question',
    params: idParams.extend({ question: questionParam }),
    body: answerBody,
    response: z.object({ question: z.number(), answer: z.string() }),
    status: 200,
  }),
  create: endpoint({ method: 'POST', url: '/api/collectives', body: createCollectiveBody, response: collectiveDetailView }),
  update: endpoint({
    method: 'PATCH',
    url: '/api/collectives/:id',
    params: idParams,
    body: updateCollectiveBody,
    response: collectiveDetailView,
  }),
  addMember: endpoint({
    method: 'POST',
    url: '/api/collectives/:id/members',
    params: idParams,
    body: addMemberBody,
    response: collectiveMemberView,
  }),
  updateMember: endpoint({
    method: 'PATCH',
    url: '/api/collectives/:id/members/:memberId',
    params: memberParams,
    body: updateMemberBody,
    response: collectiveMemberView,
  }),
  /** The member leaves: the seat stays with `leftAt`, and their past contributions with it. */
  removeMember: endpoint({
    method: 'DELETE',
    url: '/api/collectives/:id/members/:memberId',
    params: memberParams,
    response: collectiveMemberView,
  }),
  /** An account for a member, to edit the collective: an invitation link (sent by e-mail when SMTP is set). */
  inviteMember: endpoint({
    method: 'POST',
    url: '/api/collectives/:id/members/:memberId/invitation',
    params: memberParams,
    response: z.object({ link: z.string(), emailed: z.boolean(), expiresAt: z.string() }),
  }),
  sheet: endpoint({ method: 'GET', url: '/api/collectives/:id/sheet', params: idParams, response: sheetView }),
  saveSection: endpoint({
    method: 'PUT',
    url: '/api/collectives/:id/sheet/:section',
    params: sectionParams,
    body: saveSectionBody,
    response: sheetSectionView,
    status: 200,
  }),
  sectionHistory: endpoint({
    method: 'GET',
    url: '/api/collectives/:id/sheet/:section/history',
    params: sectionParams,
    response: z.array(sectionRevisionView),
  }),
  restoreSection: endpoint({
    method: 'POST',
    url: '/api/collectives/:id/sheet/:section/restore',
    params: sectionParams,
    body: restoreBody,
    response: sheetSectionView,
    status: 200,
  }),
  comments: endpoint({
    method: 'GET',
    url: '/api/collectives/:id/sheet/:section/comments',
    params: sectionParams,
    response: z.array(sectionCommentView),
  }),
  addComment: endpoint({
    method: 'POST',
    url: '/api/collectives/:id/sheet/:section/comments',
    params: sectionParams,
    body: commentBody,
    response: sectionCommentView,
  }),
  resolveComment: endpoint({
    method: 'PATCH',
    url: '/api/collectives/:id/comments/:commentId',
    params: idParams.extend({ commentId: z.uuid('commentaire invalide') }),
    body: z.object({ resolved: z.boolean('valeur invalide') }),
    response: sectionCommentView,
  }),
  history: endpoint({ method: 'GET', url: '/api/collectives/:id/history', params: idParams, response: z.array(collectiveHistoryView) }),
  steps: endpoint({ method: 'GET', url: '/api/collectives/:id/steps', params: idParams, response: z.array(collectiveStepView) }),
  addStep: endpoint({ method: 'POST', url: '/api/collectives/:id/steps', params: idParams, body: stepBody, response: collectiveStepView }),
  updateStep: endpoint({
    method: 'PATCH',
    url: '/api/collectives/:id/steps/:stepId',
    params: stepParams,
    body: stepUpdateBody,
    response: collectiveStepView,
  }),
  deleteStep: endpoint({
    method: 'DELETE',
    url: '/api/collectives/:id/steps/:stepId',
    params: stepParams,
    response: z.object({ id: z.string() }),
  }),
  requests: endpoint({ method: 'GET', url: '/api/collectives/:id/requests', params: idParams, response: z.array(supportRequestView) }),
  askSupport: endpoint({
    method: 'POST',
    url: '/api/collectives/:id/requests',
    params: idParams,
    body: supportRequestBody,
    response: supportRequestView,
  }),
  answerSupport: endpoint({
    method: 'PATCH',
    url: '/api/collectives/:id/requests/:requestId',
    params: requestParams,
    body: supportAnswerBody,
    response: supportRequestView,
  }),
  /** The coordinators' list: the requests of every collective of a territory (and below), open first. */
  territoryRequests: endpoint({
    method: 'GET',
    url: '/api/collectives/support-requests',
    query: z.object({ territoryId: z.uuid('territoire invalide'), status: z.enum(SUPPORT_STATUSES, 'statut inconnu').optional() }),
    response: z.array(supportRequestView),
  }),
  /** The whole fiche-projet as a printable A4 PDF. */
  fiche: endpoint({ method: 'GET', url: '/api/collectives/:id/fiche.pdf', params: idParams, produces: 'application/pdf' }),
};

export type CollectivesApi = EndpointMap<typeof collectivesEndpoints>;
