import {
  type Actor,
  type ApplicationStatus,
  type ApplicationView,
  applicationsEndpoints as api,
  type BudgetLine,
  budgetTotals,
  budgetProblems,
  can,
  checkMove,
  decisionLineProblem,
  decisionOutcome,
  moveIntent,
  reviewsEndpoints,
  uploadBodyLimit,
} from '@maillage/core';
import {
  addDocument,
  type ApplicationViewer,
  applicationContext,
  applicationEligibility,
  applicationHead,
  applicationSummaries,
  applicationView,
  callContext,
  callFacts,
  createApplication,
  decideApplication,
  deleteDocument,
  moveApplication,
  organisationsOfUser,
  readDocument,
  reviewedCofunders,
  reviewedTracks,
  saveBudget,
  saveReport,
  type StoreResult,
  updateApplication,
} from '@maillage/db';
import type { FastifyReply } from 'fastify';
import type { AppDeps } from '../deps';
import { Problem } from '../http/problem';
import type { ProblemCode } from '../http/problems';
import type { RefDecl } from '../http/refs';
import { defineRoute } from '../http/route';

const tags = ['appels à projets'];
const callRef = { at: 'params.callId', kind: 'call', action: 'call.read' } as const satisfies RefDecl;
const applicationRef = { at: 'params.applicationId', kind: 'application' } as const satisfies RefDecl;
const refs = [callRef, applicationRef] as const;
const structureRef = (at: `body.${string}`) =>
  ({
    at,
    checkedBy: 'looked up among the structures of the application of params.applicationId (authorised): another one is refused',
  }) as const;
const cofunderLineRef = (at: `body.${string}`) =>
  ({ at, checkedBy: 'looked up among the co-funders of the call of params.callId (authorised): another one is refused' }) as const;

const codeRef = (at: `body.${string}`) => ({ at, unscoped: 'a code of the CERFA 12156 budget grid, not an object' }) as const;

const userIdOf = (actor: Actor): string | null => (actor.kind === 'user' ? actor.userId : null);
const fail = (code: string, details?: Readonly<Record<string, unknown>>): never => {
  throw new Problem(code as ProblemCode, details);
};
const check = (result: StoreResult<unknown>) => {
  if (!result.ok) fail(result.error, result.details);
};

/** The application named in the path, which must be of the call named in the path. */
async function headOf(deps: AppDeps, params: { callId: string; applicationId: string }) {
  const head = await applicationHead(deps.store.db, params.applicationId);
  if (!head || head.call_id !== params.callId) throw new Problem('application_not_found');
  return head;
}

/** Who the caller is to this application: applicant, the call's team, a reviewer of some funders. */
async function viewerOf(deps: AppDeps, actor: Actor, head: { id: string; call_id: string; track: string }): Promise<ApplicationViewer> {
  const ctx = await applicationContext(deps.store.db, head.id);
  return {
    userId: userIdOf(actor),
    applicant: Boolean(ctx && can(actor, 'application.edit', ctx)),
    coordinator: Boolean(ctx && can(actor, 'application.decide', ctx)),
    reviewFor: await reviewedCofunders(deps.store.db, head.call_id, userIdOf(actor), head.track as never),
  };
}

async function present(deps: AppDeps, actor: Actor, head: { id: string; call_id: string; track: string }): Promise<ApplicationView> {
  const view = await applicationView(deps.store.db, head.id, await viewerOf(deps, actor, head), deps.now());
  if (!view) throw new Problem('application_not_found');
  return view;
}

/** Every 74 line naming a funder names one of the call's. */
async function checkCofunders(deps: AppDeps, callId: string, ids: readonly (string | null)[]) {
  const call = await callFacts(deps.store.db, callId);
  const known = new Set(call?.cofunders.map((f) => f.id));
  const unknown = ids.filter((id): id is string => id !== null && !known.has(id));
  if (unknown.length) fail('application_cofunder_unknown', { cofunderIds: [...new Set(unknown)] });
}

const DECIDED: readonly ApplicationStatus[] = ['accorde', 'rejete', 'a_justifier', 'justifie', 'cloture'];

const mine = defineRoute({
  ...api.mine,
  summary: 'Mes demandes : celles des structures dont je fais partie, dans tous les appels, avec leur statut',
  tags,
  action: 'call.list',
  async handler(_input, { deps, actor }) {
    const userId = userIdOf(actor);
    if (!userId) return [];
    const organisationIds = [...(await organisationsOfUser(deps.store.db, userId))];
    return applicationSummaries(deps.store.db, { organisationIds }, (status) => DECIDED.includes(status));
  },
});

const list = defineRoute({
  ...api.list,
  summary:
    'Les demandes d’un appel que l’appelant peut lire : toutes pour l’équipe de l’appel, celles de sa filière une fois déposées pour un instructeur, les siennes pour une structure',
  tags,
  action: 'call.read',
  refs: [{ at: 'params.callId', kind: 'call' }],
  async handler({ params }, { deps, actor }) {
    const db = deps.store.db;
    const ctx = await callContext(db, params.callId);
    if (ctx && can(actor, 'call.manage', ctx)) return applicationSummaries(db, { callId: params.callId }, () => true);
    const userId = userIdOf(actor);
    if (!userId) return [];
    const own = await applicationSummaries(
      db,
      { callId: params.callId, organisationIds: [...(await organisationsOfUser(db, userId))] },
      (status) => DECIDED.includes(status),
    );
    // The reviewer's tracks are read once: asking per application made the list one query per file.
    const tracks = await reviewedTracks(db, params.callId, userId);
    if (tracks === null) return own;
    const ownIds = new Set(own.map((o) => o.id));
    const all = await applicationSummaries(db, { callId: params.callId }, () => false);
    const readable = all.filter(
      (s) => !ownIds.has(s.id) && !['brouillon', 'pre_dossier'].includes(s.status) && (tracks === 'all' || tracks.has(s.track)),
    );
    return [...own, ...readable];
  },
});

const PARTNERS_CHECKED =
  'a partner must act on a territory the call reaches (its territory, below it, or an eligible one): another is refused';

/** Refuses a partner organisation acting nowhere the call reaches (a collective's partners may sit in another commune of the call). */
async function partnersWithin(
  db: AppDeps['store']['db'],
  call: NonNullable<Awaited<ReturnType<typeof callFacts>>>,
  ids: readonly string[],
) {
  if (ids.length === 0) return;
  const rows = await db
    .selectFrom('organisation_territories')
    .select(['organisation_id', 'territory_id'])
    .where('organisation_id', 'in', [...ids])
    .execute();
  for (const id of ids) {
    const acts = rows
      .filter((r) => r.organisation_id === id)
      .some((r) => call.scope.has(r.territory_id) || call.eligibleTerritoryIds.has(r.territory_id));
    if (!acts) throw new Problem('application_partner_outside', { field: 'partnerOrganisationIds' });
  }
}

const create = defineRoute({
  ...api.create,
  summary:
    'Rédiger une demande : structure porteuse (dont l’appelant fait partie), partenaires, et l’action pré-remplie depuis la fiche-projet et le chemin de changement du collectif',
  tags,
  action: 'application.create',
  refs: [
    { at: 'params.callId', kind: 'call' },
    { at: 'body.leadOrganisationId', kind: 'organisation' },
    { at: 'body.partnerOrganisationIds', checkedBy: PARTNERS_CHECKED },
    { at: 'body.collectiveId', kind: 'collective', action: 'collective.read' },
  ],
  async handler({ params, body }, { deps, actor }) {
    const db = deps.store.db;
    const call = await callFacts(db, params.callId);
    if (!call) throw new Problem('call_not_found');
    await partnersWithin(db, call, body.partnerOrganisationIds);
    if (!call.tracks.some((t) => t.track === body.track && t.enabled)) throw new Problem('application_track_closed');
    const ctx = await callContext(db, params.callId);
    const coordinator = Boolean(ctx && can(actor, 'call.manage', ctx));
    const userId = userIdOf(actor);
    if (!coordinator && !(userId && (await organisationsOfUser(db, userId)).has(body.leadOrganisationId))) {
      throw new Problem('application_lead_not_yours');
    }
    const created = await createApplication(db, {
      callId: params.callId,
      track: body.track,
      leadOrganisationId: body.leadOrganisationId,
      partnerOrganisationIds: body.partnerOrganisationIds,
      collectiveId: body.collectiveId,
      userId,
    });
    if (!created.ok) return fail(created.error, created.details);
    return present(deps, actor, { id: created.value, call_id: params.callId, track: body.track });
  },
});

const get = defineRoute({
  ...api.get,
  summary: 'Une demande : l’action, les budgets par structure et consolidé, les financements, les pièces, l’éligibilité, l’historique',
  tags,
  action: 'application.read',
  refs,
  async handler({ params }, { deps, actor }) {
    return present(deps, actor, await headOf(deps, params));
  },
});

const update = defineRoute({
  ...api.update,
  summary: 'Écrire l’action (fiche projet du CERFA 12156) et les structures partenaires, depuis la version lue (409 sinon)',
  tags,
  action: 'application.edit',
  refs: [
    ...refs,
    { at: 'body.partnerOrganisationIds', checkedBy: PARTNERS_CHECKED },
    {
      at: 'body.action.territoryIds',
      checkedBy: 'each territory must be one the call reaches (its territory, below it, or an eligible one): another is refused',
    },
    {
      at: 'body.action.changeId',
      checkedBy: 'the change must be of a pathway of the call’s territory (or of the application’s collective): another is refused',
    },
  ],
  async handler({ params, body }, { deps, actor }) {
    const head = await headOf(deps, params);
    {
      const call = await callFacts(deps.store.db, params.callId);
      if (!call) throw new Problem('call_not_found');
      await partnersWithin(deps.store.db, call, body.partnerOrganisationIds);
      const reach = (id: string) => call.scope.has(id) || call.eligibleTerritoryIds.has(id);
      if (body.action.territoryIds.some((id) => !reach(id)))
        throw new Problem('application_territory_outside', { field: 'action.territoryIds' });
    }
    if (body.action.changeId) {
      const db = deps.store.db;
      const call = await callFacts(db, params.callId);
      const change = await db
        .selectFrom('pathway_changes as c')
        .innerJoin('pathways as p', 'p.id', 'c.pathway_id')
        .select('p.territory_id')
        .where('c.id', '=', body.action.changeId)
        .executeTakeFirst();
      if (!change || !call?.scope.has(change.territory_id)) fail('application_change_elsewhere');
    }
    check(
      await updateApplication(deps.store.db, {
        id: head.id,
        version: body.version,
        action: body.action,
        partnerOrganisationIds: body.partnerOrganisationIds,
        userId: userIdOf(actor),
      }),
    );
    return present(deps, actor, head);
  },
});

const budget = defineRoute({
  ...api.budget,
  summary:
    'Le budget d’une structure sur la grille du CERFA 12156 (montants en centimes) : refusé s’il ne s’équilibre pas, avec l’écart en euros',
  tags,
  action: 'application.edit',
  refs: [...refs, structureRef('body.organisationId'), cofunderLineRef('body.lines[].cofunderId'), codeRef('body.lines[].code')],
  async handler({ params, body }, { deps, actor }) {
    const head = await headOf(deps, params);
    if (!head.structures.some((s) => s.organisation_id === body.organisationId)) throw new Problem('application_structure_unknown');
    await checkCofunders(
      deps,
      params.callId,
      body.lines.map((l) => l.cofunderId),
    );
    const lines = body.lines as BudgetLine[];
    if (lines.length > 0 && !budgetTotals(lines).balanced) {
      const problems = budgetProblems(lines);
      fail('application_budget_unbalanced', { problems, errors: problems.map((message) => ({ field: 'body.lines', message })) });
    }
    check(
      await saveBudget(deps.store.db, {
        id: head.id,
        version: body.version,
        organisationId: body.organisationId,
        lines,
        userId: userIdOf(actor),
      }),
    );
    return present(deps, actor, head);
  },
});

const eligibility = defineRoute({
  ...api.eligibility,
  summary:
    'Les conditions de l’appel vérifiées sur la demande (filière, territoires, dates, calendrier, budget, pièces, action, structures)',
  tags,
  action: 'application.read',
  refs,
  async handler({ params }, { deps }) {
    const head = await headOf(deps, params);
    const view = await applicationEligibility(deps.store.db, head.id, deps.now(), 'depot');
    if (!view) throw new Problem('application_not_found');
    return view;
  },
});

const move = defineRoute({
  ...api.move,
  summary:
    'Changer le statut : la structure transmet (pré-dossier, dépôt — refusé tant qu’une condition de l’appel manque), l’équipe de l’appel instruit',
  tags,
  action: 'application.edit',
  refs,
  async handler({ params, body }, { deps, actor }) {
    const head = await headOf(deps, params);
    const viewer = await viewerOf(deps, actor, head);
    const refused = checkMove(head.status, body.to, viewer);
    if (refused) fail(refused, { from: head.status, to: body.to });
    const intent = moveIntent(body.to);
    if (intent) {
      const view = await applicationEligibility(deps.store.db, head.id, deps.now(), intent);
      if (view && !view.ok) {
        const failing = view.checks.filter((c) => !c.ok).map((c) => ({ code: c.code, message: c.message }));
        fail('application_not_eligible', { checks: failing, errors: failing.map((c) => ({ field: c.code, message: c.message })) });
      }
    }
    check(
      await moveApplication(deps.store.db, {
        id: head.id,
        version: body.version,
        to: body.to,
        comment: body.comment,
        userId: userIdOf(actor),
      }),
    );
    return present(deps, actor, head);
  },
});

const addDocumentRoute = defineRoute({
  ...api.addDocument,
  summary: 'Joindre une pièce (RIB, statuts, bilan N-1…) : PDF, JPEG, PNG, ODT ou DOCX vérifiés sur leur contenu, 10 Mo au plus',
  tags,
  action: 'application.edit',
  bodyLimit: uploadBodyLimit,
  refs: [...refs, structureRef('body.organisationId')],
  async handler({ params, body }, { deps, actor }) {
    const head = await headOf(deps, params);
    if (body.organisationId && !head.structures.some((s) => s.organisation_id === body.organisationId)) {
      throw new Problem('application_structure_unknown');
    }
    const added = await addDocument(deps.store.db, {
      applicationId: head.id,
      kind: body.kind,
      organisationId: body.organisationId,
      filename: body.filename,
      mime: body.mime,
      bytes: new Uint8Array(Buffer.from(body.contentBase64, 'base64')),
      userId: userIdOf(actor),
    });
    if (!added.ok) fail(added.error);
    return present(deps, actor, head);
  },
});

/** `attachment` with an ASCII fallback name and the UTF-8 one. */
function sendFile(reply: FastifyReply, bytes: Buffer | string, type: string, filename: string) {
  const ascii = filename
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9._-]+/g, '-');
  reply
    .code(200)
    .header('content-type', type)
    .header('content-disposition', `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`)
    .header('cache-control', 'no-store')
    .send(bytes);
}

const documentRoute = defineRoute({
  ...api.document,
  summary: 'Télécharger une pièce de la demande',
  tags,
  action: 'application.read',
  refs: [...refs, { at: 'params.documentId', checkedBy: 'looked up inside the application of params.applicationId (authorised)' }],
  raw: true,
  async handler({ params }, { deps, reply }) {
    const head = await headOf(deps, params);
    const doc = await readDocument(deps.store.db, head.id, params.documentId);
    if (!doc) throw new Problem('document_not_found');
    sendFile(reply, doc.content, doc.mime, doc.filename);
  },
});

const deleteDocumentRoute = defineRoute({
  ...api.deleteDocument,
  summary: 'Retirer une pièce tant que la demande n’est pas transmise',
  tags,
  action: 'application.edit',
  refs: [...refs, { at: 'params.documentId', checkedBy: 'looked up inside the application of params.applicationId (authorised)' }],
  async handler({ params }, { deps, actor }) {
    const head = await headOf(deps, params);
    const result = await deleteDocument(deps.store.db, { applicationId: head.id, documentId: params.documentId, userId: userIdOf(actor) });
    if (!result.ok) fail(result.error);
    return present(deps, actor, head);
  },
});

const report = defineRoute({
  ...api.report,
  summary:
    'Le compte rendu financier (CERFA 15059) : les montants réalisés par structure et le bilan qualitatif, une fois la subvention accordée',
  tags,
  action: 'application.edit',
  refs: [
    ...refs,
    structureRef('body.budgets[].organisationId'),
    cofunderLineRef('body.budgets[].lines[].cofunderId'),
    codeRef('body.budgets[].lines[].code'),
  ],
  async handler({ params, body }, { deps, actor }) {
    const head = await headOf(deps, params);
    for (const b of body.budgets) {
      if (!head.structures.some((s) => s.organisation_id === b.organisationId)) throw new Problem('application_structure_unknown');
    }
    await checkCofunders(
      deps,
      params.callId,
      body.budgets.flatMap((b) => b.lines.map((l) => l.cofunderId)),
    );
    check(
      await saveReport(deps.store.db, {
        id: head.id,
        version: body.version,
        budgets: body.budgets as { organisationId: string; lines: BudgetLine[] }[],
        qualitative: body.qualitative,
        userId: userIdOf(actor),
      }),
    );
    return present(deps, actor, head);
  },
});

const slugOf = (text: string) =>
  text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60) || 'demande';

const dauphinPdf = defineRoute({
  ...api.dauphinPdf,
  summary: 'Le dossier « prêt pour Dauphin » : les rubriques du CERFA 12156 dans leur ordre, avec leurs libellés et codes (PDF A4)',
  tags,
  action: 'application.read',
  refs,
  raw: true,
  async handler({ params }, { deps, actor, reply }) {
    const view = await present(deps, actor, await headOf(deps, params));
    const { dauphinPackPdf } = await import('./dauphin-pack');
    const bytes = await dauphinPackPdf(deps.store.db, view, deps.now());
    sendFile(reply, bytes, 'application/pdf', `dauphin-${slugOf(view.action.title)}.pdf`);
  },
});

const budgetCsv = defineRoute({
  ...api.budgetCsv,
  summary: 'Les lignes du budget avec leurs codes CERFA (CSV UTF-8, « ; »), une partie par structure puis le budget consolidé',
  tags,
  action: 'application.read',
  refs,
  raw: true,
  async handler({ params }, { deps, actor, reply }) {
    const view = await present(deps, actor, await headOf(deps, params));
    const { budgetCsvOf } = await import('./dauphin-pack');
    sendFile(reply, budgetCsvOf(view), 'text/csv; charset=utf-8', `budget-${slugOf(view.action.title)}.csv`);
  },
});

const reportPdf = defineRoute({
  ...api.reportPdf,
  summary: 'Le compte rendu financier (CERFA 15059) : prévu, réalisé et écart par ligne, et le bilan qualitatif (PDF A4)',
  tags,
  action: 'application.read',
  refs,
  raw: true,
  async handler({ params }, { deps, actor, reply }) {
    const view = await present(deps, actor, await headOf(deps, params));
    const { reportPdfOf } = await import('./report-pdf');
    sendFile(reply, await reportPdfOf(view, deps.now()), 'application/pdf', `compte-rendu-${slugOf(view.action.title)}.pdf`);
  },
});

const decide = defineRoute({
  ...reviewsEndpoints.decide,
  summary:
    'Les votes du comité, ligne par ligne par financeur : la demande devient « accordé » dès qu’un financeur accorde un montant, « rejeté » sinon',
  tags,
  action: 'application.decide',
  refs: [{ at: 'params.callId', kind: 'call', action: 'application.decide' }, applicationRef, cofunderLineRef('body.lines[].cofunderId')],
  async handler({ params, body }, { deps, actor }) {
    const head = await headOf(deps, params);
    await checkCofunders(
      deps,
      params.callId,
      body.lines.map((l) => l.cofunderId),
    );
    const seen = new Set<string>();
    body.lines.forEach((line, i) => {
      const problem = seen.has(line.cofunderId) ? 'un financeur ne vote qu’une fois par demande' : decisionLineProblem(line);
      seen.add(line.cofunderId);
      if (problem)
        fail('application_decision_invalid', { errors: [{ field: `body.lines.${i}`, message: `Ligne ${i + 1} : ${problem}.` }] });
    });
    check(
      await decideApplication(deps.store.db, {
        id: head.id,
        version: body.version,
        lines: body.lines,
        outcome: decisionOutcome(body.lines),
        comment: body.comment,
        userId: userIdOf(actor),
      }),
    );
    return present(deps, actor, head);
  },
});

/** Every route of the applicant's side of calls for projects, and the committee's votes. */
export const applicationRoutes = [
  mine,
  list,
  create,
  get,
  update,
  budget,
  eligibility,
  move,
  addDocumentRoute,
  documentRoute,
  deleteDocumentRoute,
  report,
  dauphinPdf,
  budgetCsv,
  reportPdf,
  decide,
];
