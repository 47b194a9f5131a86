import { accountsEndpoints as api } from '@maillage/core';
import {
  acceptInvitation,
  createInvitation,
  findPendingInvitation,
  type InvitationRecord,
  type InvitationView,
  invitableTerritories,
  invitationStatus,
  listInvitations,
  revokeInvitation,
} from '@maillage/core';
import { accountsRepo } from '@maillage/db';
import type { FastifyRequest } from 'fastify';
import type { AppDeps } from '../deps';
import { Problem } from '../http/problem';
import { defineRoute } from '../http/route';
import { SESSION_COOKIE, setSessionCookies, tokens } from '../http/session';
import { loginDeps } from './deps';
import { sessionViewOf } from './session-view';

const roleLabels: Record<string, string> = {
  coordinator: 'coordinateur·rice',
  facilitator: 'animateur·rice',
  member: 'membre d’une organisation',
  reviewer: 'évaluateur·rice',
};

function present(invitation: InvitationRecord, now: Date): InvitationView {
  return {
    id: invitation.id,
    email: invitation.email,
    role: invitation.role,
    territoryId: invitation.territoryId,
    territoryName: invitation.territoryName,
    title: invitation.title,
    invitedByName: invitation.invitedByName,
    createdAt: invitation.createdAt.toISOString(),
    expiresAt: invitation.expiresAt.toISOString(),
    status: invitationStatus(invitation, now),
  };
}

/** PUBLIC_URL when set, else the origin the request came to. */
function publicBase(deps: AppDeps, request: FastifyRequest): string {
  if (deps.config.PUBLIC_URL) return deps.config.PUBLIC_URL.replace(/\/+$/, '');
  return `${request.protocol}://${request.host}`;
}

function invitationDeps(deps: AppDeps) {
  return { repo: accountsRepo(deps.store.db), tokens, now: deps.now };
}

const postInvitation = defineRoute({
  ...api.postInvitation,
  summary: 'Inviter quelqu’un avec un rôle sur un territoire (lien à copier, envoyé par e-mail si SMTP est configuré)',
  tags: ['comptes'],
  action: 'invitation.create',
  refs: [{ at: 'body.territoryId', kind: 'territory' }],
  async handler({ body }, { deps, actor, request }) {
    const result = await createInvitation(invitationDeps(deps), actor, body);
    if (!result.ok) throw new Problem(result.error);
    const { invitation, token } = result.value;
    const link = `${publicBase(deps, request)}/invitation/${token}`;
    let emailed = false;
    if (deps.mailer.configured) {
      try {
        await deps.mailer.send({
          to: invitation.email,
          subject: `Invitation sur maillage : ${invitation.territoryName}`,
          text: [
            'Bonjour,',
            '',
            `${invitation.invitedByName ?? 'Un·e coordinateur·rice'} vous invite sur maillage comme ${roleLabels[invitation.role]}${invitation.title ? ` (${invitation.title})` : ''} pour le territoire « ${invitation.territoryName} ».`,
            '',
            `Pour accepter, ouvrez ce lien (valable jusqu’au ${invitation.expiresAt.toLocaleDateString('fr-FR', { timeZone: 'Europe/Paris' })}, une seule fois) :`,
            link,
            '',
            'Si vous n’attendiez pas cette invitation, ignorez ce message.',
          ].join('\n'),
        });
        emailed = true;
      } catch (error) {
        // The link is still shown to copy; the failure is logged for the administrator.
        request.log.warn({ err: error }, 'invitation e-mail not sent');
      }
    }
    return { invitation: present(invitation, deps.now()), link, emailed };
  },
});

const getInvitations = defineRoute({
  ...api.getInvitations,
  summary: 'Invitations des territoires que l’on coordonne (ou d’un seul)',
  tags: ['comptes'],
  action: 'invitation.list',
  refs: [{ at: 'query.territoryId', kind: 'territory' }],
  async handler({ query }, { deps, actor }) {
    const list = await listInvitations(invitationDeps(deps), actor, query);
    return list.map((i) => present(i, deps.now()));
  },
});

const getInvitableTerritories = defineRoute({
  ...api.getInvitableTerritories,
  summary: 'Territoires sur lesquels on peut inviter (recherche par nom)',
  tags: ['comptes'],
  action: 'invitation.list',
  handler: async ({ query }, { deps, actor }) => invitableTerritories(invitationDeps(deps), actor, query.q),
});

const deleteInvitation = defineRoute({
  ...api.deleteInvitation,
  summary: 'Révoquer une invitation en attente',
  tags: ['comptes'],
  action: 'invitation.revoke',
  refs: [{ at: 'params.id', kind: 'invitation' }],
  async handler({ params }, { deps, actor }) {
    const result = await revokeInvitation(invitationDeps(deps), actor, params.id);
    if (!result.ok) throw new Problem(result.error);
    return present(result.value, deps.now());
  },
});

const getInvitationByToken = defineRoute({
  ...api.getInvitationByToken,
  summary: 'Voir l’invitation d’un lien (avant de l’accepter)',
  tags: ['comptes'],
  action: 'invitation.accept',
  refs: [{ at: 'params.token', unscoped: 'the invitation link is the credential' }],
  async handler({ params }, { deps }) {
    const result = await findPendingInvitation(invitationDeps(deps), params.token);
    if (!result.ok) throw new Problem(result.error);
    const { invitation, accountExists } = result.value;
    return {
      email: invitation.email,
      role: invitation.role,
      territoryName: invitation.territoryName,
      title: invitation.title,
      invitedByName: invitation.invitedByName,
      expiresAt: invitation.expiresAt.toISOString(),
      accountExists,
    };
  },
});

const acceptInvitationRoute = defineRoute({
  ...api.acceptInvitation,
  summary:
    'Accepter une invitation : créer son compte (nom, mot de passe), ou recevoir le rôle si l’on est connecté·e avec l’adresse invitée',
  tags: ['comptes'],
  action: 'invitation.accept',
  refs: [{ at: 'params.token', unscoped: 'the invitation link is the credential' }],
  async handler({ params, body }, { deps, actor, request, reply }) {
    const result = await acceptInvitation(loginDeps(deps), actor, { token: params.token, ...body });
    if (!result.ok) {
      if (result.error === 'invitation_details_required') {
        const fields = (result.details?.fields as string[] | undefined) ?? [];
        throw new Problem('validation', { errors: fields.map((f) => ({ field: `body.${f}`, message: 'obligatoire' })) });
      }
      throw new Problem(result.error);
    }
    const repo = accountsRepo(deps.store.db);
    const s = result.value.session;
    if (s) {
      setSessionCookies(request, reply, s.token, s.csrfToken, s.expiresAt, deps.now());
      request.session = await repo.findSession(tokens.digest(s.token), deps.now());
    } else {
      // Same session, new role: reload its grants so the answer shows it.
      const token = request.cookies[SESSION_COOKIE];
      if (token) request.session = await repo.findSession(tokens.digest(token), deps.now());
    }
    return sessionViewOf(deps, request, reply);
  },
});

export const invitationRoutes = [
  postInvitation,
  getInvitations,
  getInvitableTerritories,
  deleteInvitation,
  getInvitationByToken,
  acceptInvitationRoute,
];
