import {
  addCollectiveMember,
  addCollectiveStep,
  addSectionComment,
  collectivesEndpoints as api,
  answerCollectiveSupport,
  askCollectiveSupport,
  deleteCollectiveStep,
  inviteCollectiveMember,
  parisToday,
  presentMember,
  removeCollectiveMember,
  resolveSectionComment,
  restoreSheetSection,
  saveSheetSection,
  updateCollectiveMember,
  updateCollectiveStep,
} from '@maillage/core';
import { territoryScope } from '@maillage/db';
import type { FastifyRequest } from 'fastify';
import type { AppDeps } from '../deps';
import { Problem } from '../http/problem';
import type { RefDecl } from '../http/refs';
import { defineRoute } from '../http/route';
import { tokens } from '../http/session';
import { collectiveRef, tags, userIdOf, workspaceDeps } from './helpers';

const memberRef = {
  at: 'params.memberId',
  checkedBy: 'the seat is looked up inside the collective of params.id (authorised): another collective’s member is 404',
} as const satisfies RefDecl;
const ownerRef = {
  at: 'body.ownerMemberId',
  checkedBy: 'the owner is looked up among the seats of the collective of params.id (authorised): another collective’s member is 404',
} as const satisfies RefDecl;
const stepRef = {
  at: 'params.stepId',
  checkedBy: 'the step is looked up inside the collective of params.id (authorised)',
} as const satisfies RefDecl;
const requestRef = {
  at: 'params.requestId',
  checkedBy: 'the request is looked up inside the collective of params.id (authorised)',
} as const satisfies RefDecl;
const commentRef = {
  at: 'params.commentId',
  checkedBy: 'the comment is looked up inside the collective of params.id (authorised)',
} as const satisfies RefDecl;

const fail = (error: string, details?: Readonly<Record<string, unknown>>): never => {
  throw new Problem(error as never, details);
};

// ——— Members ———

const addMember = defineRoute({
  ...api.addMember,
  summary: 'Ajouter un membre au collectif : une personne de l’écosystème, ou une personne invitée (nom, organisation, contact)',
  tags,
  action: 'collective.edit',
  refs: [collectiveRef, { at: 'body.personId', kind: 'person', action: 'collective.name' }],
  async handler({ params, body }, { deps, actor }) {
    const result = await addCollectiveMember(workspaceDeps(deps), { collectiveId: params.id, member: body, userId: userIdOf(actor) });
    if (!result.ok) return fail(result.error);
    return presentMember(result.value, true);
  },
});

const updateMember = defineRoute({
  ...api.updateMember,
  summary: 'Changer les rôles d’un membre, son organisation ou son contact',
  tags,
  action: 'collective.edit',
  refs: [collectiveRef, memberRef],
  async handler({ params, body }, { deps, actor }) {
    const result = await updateCollectiveMember(workspaceDeps(deps), {
      collectiveId: params.id,
      memberId: params.memberId,
      changes: body,
      userId: userIdOf(actor),
    });
    if (!result.ok) return fail(result.error);
    return presentMember(result.value, true);
  },
});

const removeMember = defineRoute({
  ...api.removeMember,
  summary: 'Un membre quitte le collectif : sa place reste (avec la date de départ), et ses contributions avec elle',
  tags,
  action: 'collective.edit',
  refs: [collectiveRef, memberRef],
  async handler({ params }, { deps, actor }) {
    const result = await removeCollectiveMember(workspaceDeps(deps), {
      collectiveId: params.id,
      memberId: params.memberId,
      userId: userIdOf(actor),
    });
    if (!result.ok) return fail(result.error);
    return presentMember(result.value, true);
  },
});

/** PUBLIC_URL when set, else the origin the request came to (as the accounts' invitations do). */
function publicBase(deps: AppDeps, request: FastifyRequest): string {
  if (deps.config.PUBLIC_URL) return deps.config.PUBLIC_URL.replace(/\/+$/, '');
  return `${request.protocol}://${request.host}`;
}

const inviteMember = defineRoute({
  ...api.inviteMember,
  summary:
    'Inviter un membre à créer son compte (rôle « membre » sur le territoire du collectif) : en l’acceptant, son compte est lié à sa place',
  tags,
  action: 'collective.edit',
  refs: [collectiveRef, memberRef],
  async handler({ params }, { deps, actor, request }) {
    const result = await inviteCollectiveMember(
      { ...workspaceDeps(deps), tokens },
      { collectiveId: params.id, memberId: params.memberId, userId: userIdOf(actor) },
    );
    if (!result.ok) return fail(result.error);
    const { member, token, expiresAt } = result.value;
    const link = `${publicBase(deps, request)}/invitation/${token}`;
    let emailed = false;
    if (deps.mailer.configured && member.email) {
      try {
        await deps.mailer.send({
          to: member.email,
          subject: 'Invitation sur maillage : votre collectif',
          text: [
            'Bonjour,',
            '',
            'Vous êtes invité·e à créer votre compte sur maillage pour travailler avec votre collectif (fiche-projet, prochaines étapes, demandes d’appui).',
            '',
            `Pour accepter, ouvrez ce lien (valable jusqu’au ${expiresAt.toLocaleDateString('fr-FR', { timeZone: 'Europe/Paris' })}, une seule fois) :`,
            link,
            '',
            'Si vous n’attendiez pas cette invitation, ignorez ce message.',
          ].join('\n'),
        });
        emailed = true;
      } catch (error) {
        request.log.warn({ err: error }, 'collective invitation e-mail not sent');
      }
    }
    return { link, emailed, expiresAt: expiresAt.toISOString() };
  },
});

// ——— The project sheet ———

const sheet = defineRoute({
  ...api.sheet,
  summary: 'La fiche-projet du collectif : ses onze parties, chacune avec sa version',
  tags,
  action: 'collective.read',
  refs: [collectiveRef],
  handler: async ({ params }, { deps }) => ({ sections: await workspaceDeps(deps).repo.sheet(params.id) }),
});

const saveSection = defineRoute({
  ...api.saveSection,
  summary:
    'Enregistrer une partie de la fiche depuis la version lue : si quelqu’un a enregistré entre-temps, refus 409 `sheet_conflict` avec la version actuelle (`current`)',
  tags,
  action: 'collective.edit',
  refs: [
    collectiveRef,
    { at: 'body.content.keyOrganisationIds', kind: 'organisation', action: 'collective.name' },
    { at: 'body.content.resourcePeople[].personId', kind: 'person', action: 'collective.name' },
  ],
  async handler({ params, body }, { deps, actor }) {
    const result = await saveSheetSection(workspaceDeps(deps), {
      collectiveId: params.id,
      section: params.section,
      baseVersion: body.baseVersion,
      content: body.content,
      userId: userIdOf(actor),
    });
    if (!result.ok) return fail(result.error, result.details);
    return result.value;
  },
});

const sectionHistory = defineRoute({
  ...api.sectionHistory,
  summary: 'Toutes les versions d’une partie de la fiche, la plus récente d’abord (qui, quand, quoi)',
  tags,
  action: 'collective.read',
  refs: [collectiveRef],
  handler: ({ params }, { deps }) => workspaceDeps(deps).repo.revisions(params.id, params.section),
});

const restoreSection = defineRoute({
  ...api.restoreSection,
  summary: 'Rétablir une version antérieure d’une partie : elle devient une nouvelle version, rien n’est effacé',
  tags,
  action: 'collective.edit',
  refs: [collectiveRef],
  async handler({ params, body }, { deps, actor }) {
    const result = await restoreSheetSection(workspaceDeps(deps), {
      collectiveId: params.id,
      section: params.section,
      version: body.version,
      userId: userIdOf(actor),
    });
    if (!result.ok) return fail(result.error, result.details);
    return result.value;
  },
});

const comments = defineRoute({
  ...api.comments,
  summary: 'Les commentaires d’une partie de la fiche',
  tags,
  action: 'collective.read',
  refs: [collectiveRef],
  handler: ({ params }, { deps }) => workspaceDeps(deps).repo.comments(params.id, params.section),
});

const addComment = defineRoute({
  ...api.addComment,
  summary: 'Commenter une partie de la fiche',
  tags,
  action: 'collective.edit',
  refs: [collectiveRef],
  async handler({ params, body }, { deps, actor }) {
    const result = await addSectionComment(workspaceDeps(deps), {
      collectiveId: params.id,
      section: params.section,
      text: body.text,
      userId: userIdOf(actor),
    });
    if (!result.ok) return fail(result.error);
    return result.value;
  },
});

const resolveComment = defineRoute({
  ...api.resolveComment,
  summary: 'Marquer un commentaire comme traité (ou le rouvrir)',
  tags,
  action: 'collective.edit',
  refs: [collectiveRef, commentRef],
  async handler({ params, body }, { deps, actor }) {
    const result = await resolveSectionComment(workspaceDeps(deps), {
      collectiveId: params.id,
      commentId: params.commentId,
      resolved: body.resolved,
      userId: userIdOf(actor),
    });
    if (!result.ok) return fail(result.error);
    return result.value;
  },
});

const history = defineRoute({
  ...api.history,
  summary: 'L’historique du collectif : qui a fait quoi, quand (fiche, membres, étapes, demandes)',
  tags,
  action: 'collective.read',
  refs: [collectiveRef],
  handler: ({ params }, { deps }) => workspaceDeps(deps).repo.history(params.id),
});

// ——— Next small steps ———

const steps = defineRoute({
  ...api.steps,
  summary: 'Les prochains petits pas du collectif (en retard : échéance passée, ni faite ni abandonnée)',
  tags,
  action: 'collective.read',
  refs: [collectiveRef],
  handler: ({ params }, { deps }) => workspaceDeps(deps).repo.steps(params.id, parisToday(deps.now())),
});

const addStep = defineRoute({
  ...api.addStep,
  summary: 'Ajouter une étape (un titre, un membre qui la porte, une échéance)',
  tags,
  action: 'collective.edit',
  refs: [collectiveRef, ownerRef],
  async handler({ params, body }, { deps, actor }) {
    const result = await addCollectiveStep(workspaceDeps(deps), {
      collectiveId: params.id,
      title: body.title,
      ownerMemberId: body.ownerMemberId ?? null,
      dueOn: body.dueOn ?? null,
      userId: userIdOf(actor),
    });
    if (!result.ok) return fail(result.error);
    return result.value;
  },
});

const updateStep = defineRoute({
  ...api.updateStep,
  summary: 'Modifier une étape, ou changer son état (à faire, en cours, faite, abandonnée)',
  tags,
  action: 'collective.edit',
  refs: [collectiveRef, stepRef, ownerRef],
  async handler({ params, body }, { deps, actor }) {
    const result = await updateCollectiveStep(workspaceDeps(deps), {
      collectiveId: params.id,
      stepId: params.stepId,
      changes: body,
      userId: userIdOf(actor),
    });
    if (!result.ok) return fail(result.error);
    return result.value;
  },
});

const deleteStep = defineRoute({
  ...api.deleteStep,
  summary: 'Retirer une étape',
  tags,
  action: 'collective.edit',
  refs: [collectiveRef, stepRef],
  async handler({ params }, { deps, actor }) {
    const result = await deleteCollectiveStep(workspaceDeps(deps), {
      collectiveId: params.id,
      stepId: params.stepId,
      userId: userIdOf(actor),
    });
    if (!result.ok) return fail(result.error);
    return result.value;
  },
});

// ——— Asking for support ———

const requests = defineRoute({
  ...api.requests,
  summary: 'Les demandes d’appui du collectif et leurs réponses (pour ses membres et les coordinateur·rices)',
  tags,
  action: 'collective.edit',
  refs: [collectiveRef],
  handler: ({ params }, { deps }) => workspaceDeps(deps).repo.requests({ collectiveId: params.id }),
});

const askSupport = defineRoute({
  ...api.askSupport,
  summary: 'Demander un appui aux coordinateur·rices du territoire (financement, contact, salle, animation…)',
  tags,
  action: 'collective.edit',
  refs: [collectiveRef],
  async handler({ params, body }, { deps, actor }) {
    const result = await askCollectiveSupport(workspaceDeps(deps), { collectiveId: params.id, ...body, userId: userIdOf(actor) });
    if (!result.ok) return fail(result.error);
    return result.value;
  },
});

const answerSupport = defineRoute({
  ...api.answerSupport,
  summary: 'Répondre à une demande d’appui (coordinateur·rices du territoire)',
  tags,
  action: 'collective.support',
  refs: [collectiveRef, requestRef],
  async handler({ params, body }, { deps, actor }) {
    const result = await answerCollectiveSupport(workspaceDeps(deps), {
      collectiveId: params.id,
      requestId: params.requestId,
      ...body,
      userId: userIdOf(actor),
    });
    if (!result.ok) return fail(result.error);
    return result.value;
  },
});

const territoryRequests = defineRoute({
  ...api.territoryRequests,
  summary: 'Les demandes d’appui des collectifs d’un territoire (et de ceux qu’il contient), les ouvertes d’abord',
  tags,
  action: 'collective.support',
  refs: [{ at: 'query.territoryId', kind: 'territory' }],
  async handler({ query }, { deps }) {
    const scope = (await territoryScope(deps.store.db, [query.territoryId])).get(query.territoryId) ?? [query.territoryId];
    return workspaceDeps(deps).repo.requests({ territoryIds: scope, status: query.status });
  },
});

/** The routes of a collective's workspace (members, sheet, steps, requests). */
export const workspaceRoutes = [
  addMember,
  updateMember,
  removeMember,
  inviteMember,
  sheet,
  saveSection,
  sectionHistory,
  restoreSection,
  comments,
  addComment,
  resolveComment,
  history,
  steps,
  addStep,
  updateStep,
  deleteStep,
  requests,
  askSupport,
  answerSupport,
  territoryRequests,
];
