import { z } from 'zod';
import { type EndpointMap, endpoint } from '../shared/endpoint';

/** An e-mail of the outbox that failed: to whom, what, how many attempts, the last error. */
export const outboxFailureView = z.object({
  id: z.number(),
  to: z.string(),
  subject: z.string(),
  attempts: z.number(),
  lastError: z.string().nullable(),
  createdAt: z.string(),
  nextAttemptAt: z.string(),
  /** No more attempts will be made (10 failed): a person must look at it. */
  givenUp: z.boolean(),
});
import {
  accountsIdParams,
  accountsSearchQuery,
  auditEntryView,
  auditQuery,
  invitationAcceptBody,
  invitationCreateBody,
  invitationCreated,
  invitationPublicView,
  invitationTokenParams,
  invitationView,
  loginBody,
  passwordChangeBody,
  roleAssignmentView,
  roleGrantBody,
  roleParams,
  sessionView,
  setupBody,
  territoryRefView,
  userPatchBody,
  userSummaryView,
} from './schemas';

/** The signed-in person's own account, as `GET /api/account` answers it. */
export const accountView = z.object({
  id: z.string(),
  email: z.string(),
  displayName: z.string(),
  isAdmin: z.boolean(),
  roles: z.array(roleAssignmentView),
  /** The directory record about this person (RGPD export and erasure), when there is one. */
  personId: z.string().nullable(),
});
export type AccountView = z.output<typeof accountView>;

/**
 * What is the signed-in person's today (`GET /api/me/today`): the open rooms of the territories
 * they facilitate, the coming days of their territories, the collectives they sit in, and the
 * support requests waiting for an answer where they facilitate or coordinate.
 */
export const todayView = z.object({
  rooms: z.array(
    z.object({
      id: z.string(),
      code: z.string(),
      title: z.string(),
      territoryId: z.string(),
      participants: z.number(),
      createdAt: z.string(),
    }),
  ),
  days: z.array(
    z.object({
      id: z.string(),
      slug: z.string(),
      title: z.string(),
      territoryId: z.string(),
      startDate: z.string(),
      status: z.string(),
    }),
  ),
  collectives: z.array(z.object({ id: z.string(), name: z.string(), territoryId: z.string() })),
  pendingRequests: z.array(
    z.object({
      id: z.string(),
      collectiveId: z.string(),
      collectiveName: z.string(),
      text: z.string(),
      askedAt: z.string(),
    }),
  ),
});
export type TodayView = z.output<typeof todayView>;

/** The routes of accounts (session, setup, own account, users and roles, audit, invitations): method, path, what they take and answer. */
export const accountsEndpoints = {
  getSession: endpoint({ method: 'GET', url: '/api/session', response: sessionView }),
  postSession: endpoint({ method: 'POST', url: '/api/session', body: loginBody, response: sessionView, status: 200 }),
  deleteSession: endpoint({ method: 'DELETE', url: '/api/session', response: z.object({ ok: z.literal(true) }) }),
  postSetup: endpoint({ method: 'POST', url: '/api/setup', body: setupBody, response: sessionView }),
  getAccount: endpoint({ method: 'GET', url: '/api/account', response: accountView }),
  getToday: endpoint({ method: 'GET', url: '/api/me/today', response: todayView }),
  postPassword: endpoint({
    method: 'POST',
    url: '/api/account/password',
    body: passwordChangeBody,
    response: z.object({ otherSessionsEnded: z.number() }),
    status: 200,
  }),
  getUsers: endpoint({ method: 'GET', url: '/api/users', query: accountsSearchQuery, response: z.array(userSummaryView) }),
  patchUser: endpoint({
    method: 'PATCH',
    url: '/api/users/:id',
    params: accountsIdParams,
    body: userPatchBody,
    response: z.object({ sessionsEnded: z.number() }),
  }),
  postRole: endpoint({
    method: 'POST',
    url: '/api/users/:id/roles',
    params: accountsIdParams,
    body: roleGrantBody,
    response: roleAssignmentView,
  }),
  deleteRole: endpoint({ method: 'DELETE', url: '/api/users/:id/roles/:assignmentId', params: roleParams, response: roleAssignmentView }),
  getAudit: endpoint({ method: 'GET', url: '/api/audit', query: auditQuery, response: z.array(auditEntryView) }),
  /** The e-mails not delivered yet that have failed at least once (administrators): still retried, or given up. */
  getOutboxFailures: endpoint({ method: 'GET', url: '/api/admin/outbox', response: z.object({ messages: z.array(outboxFailureView) }) }),
  /** Tries a message again at once, its attempts counted from zero (after the SMTP settings are fixed). */
  retryOutboxMessage: endpoint({
    method: 'POST',
    url: '/api/admin/outbox/:id/retry',
    params: z.object({ id: z.coerce.number().int('identifiant invalide').positive('identifiant invalide') }),
    status: 200,
    response: outboxFailureView,
  }),
  postInvitation: endpoint({ method: 'POST', url: '/api/invitations', body: invitationCreateBody, response: invitationCreated }),
  getInvitations: endpoint({
    method: 'GET',
    url: '/api/invitations',
    query: z.object({ territoryId: z.uuid('identifiant invalide').optional() }),
    response: z.array(invitationView),
  }),
  getInvitableTerritories: endpoint({
    method: 'GET',
    url: '/api/invitations/territories',
    query: accountsSearchQuery,
    response: z.array(territoryRefView),
  }),
  deleteInvitation: endpoint({ method: 'DELETE', url: '/api/invitations/:id', params: accountsIdParams, response: invitationView }),
  getInvitationByToken: endpoint({
    method: 'GET',
    url: '/api/invitations/token/:token',
    params: invitationTokenParams,
    response: invitationPublicView,
  }),
  acceptInvitation: endpoint({
    method: 'POST',
    url: '/api/invitations/token/:token/accept',
    params: invitationTokenParams,
    body: invitationAcceptBody,
    response: sessionView,
    status: 200,
  }),
};

export type AccountsApi = EndpointMap<typeof accountsEndpoints>;
export type OutboxFailureView = z.output<typeof outboxFailureView>;
