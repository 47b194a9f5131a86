import {
  type Actor,
  callsEndpoints as api,
  type CallView,
  can,
  committeeTable,
  currentStep,
  STEP_LABELS,
  stepState,
  type Track,
  uploadBodyLimit,
} from '@maillage/core';
import {
  addCallFile,
  type CallRecord,
  callContext,
  callIdsFor,
  committeeData,
  countCallApplications,
  createCall,
  deleteCallFile,
  documentTypeProblem,
  loadCall,
  readCallFile,
  replaceCofunders,
  reviewerCandidates,
  updateCallSettings,
  withAudit,
} from '@maillage/db';
import type { AppDeps } from '../deps';
import { Problem } from '../http/problem';
import type { RefDecl } from '../http/refs';
import { defineRoute } from '../http/route';
import { programmingCsv, programmingRows, programmingXlsx } from './programming';

export const tags = ['appels à projets'];
export const callRef = { at: 'params.callId', kind: 'call' } as const satisfies RefDecl;
const fileRef = {
  at: 'params.fileId',
  checkedBy: 'the file is looked up among the files of the call of params.callId (authorised): another call’s file is 404',
} as const satisfies RefDecl;

export const userIdOf = (actor: Actor): string | null => (actor.kind === 'user' ? actor.userId : null);
const fail = (error: string, details?: Readonly<Record<string, unknown>>): never => {
  throw new Problem(error as never, details);
};

/** The call as the caller sees it: step states today, what they may do, reviewers named to whom may know them. */
export function presentCall(record: CallRecord, actor: Actor, now: Date, reach: readonly string[] = [record.territoryId]): CallView {
  const userId = userIdOf(actor);
  const reviewerUserIds = [...new Set(record.cofunders.flatMap((f) => f.reviewers.map((r) => r.userId)))];
  // `reach`: the territories the call reaches (its communes and quartiers, its eligible territories), where people apply.
  const ctx = { territoryId: record.territoryId, territoryIds: reach, reviewerUserIds };
  const manage = can(actor, 'call.manage', ctx);
  const reviewFor = record.cofunders.filter((f) => userId && f.reviewers.some((r) => r.userId === userId)).map((f) => f.id);
  return {
    id: record.id,
    territoryId: record.territoryId,
    territoryName: record.territoryName,
    title: record.title,
    year: record.year,
    framing: record.framing,
    version: record.version,
    priorities: record.priorities,
    eligibleTerritories: record.eligibleTerritories,
    tracks: record.tracks,
    referents: record.referents,
    steps: record.steps.map((s) => ({ ...s, label: s.label || STEP_LABELS[s.kind], state: stepState(s, now) })),
    cofunders: record.cofunders.map((f) => ({ ...f, reviewers: manage || reviewFor.includes(f.id) ? f.reviewers : [] })),
    files: record.files.map((f) => ({ ...f, uploadedAt: f.uploadedAt.toISOString() })),
    may: { manage, apply: can(actor, 'application.create', ctx), reviewFor, decide: can(actor, 'application.decide', ctx) },
    createdAt: record.createdAt.toISOString(),
    updatedAt: record.updatedAt.toISOString(),
  };
}

export async function callFor(deps: AppDeps, actor: Actor, callId: string): Promise<CallView> {
  const record = await loadCall(deps.store.db, callId);
  if (!record) return fail('call_not_found');
  const ctx = await callContext(deps.store.db, callId);
  return presentCall(record, actor, deps.now(), ctx?.territoryIds);
}

const list = defineRoute({
  ...api.list,
  summary: 'Les appels à projets que l’on peut lire : ceux des territoires où l’on a un rôle, et ceux dont on instruit pour un financeur',
  tags,
  action: 'call.list',
  refs: [{ at: 'query.territoryId', kind: 'territory', action: 'call.read' }],
  async handler({ query }, { deps, actor }) {
    if (actor.kind !== 'user') return [];
    const scope = actor.isAdmin ? null : [...new Set(actor.grants.flatMap((g) => [...g.scope]))];
    const candidates = await callIdsFor(deps.store.db, scope, actor.userId, query.territoryId);
    const now = deps.now();
    const out = [];
    for (const { id } of candidates) {
      const ctx = await callContext(deps.store.db, id);
      if (!ctx || !can(actor, 'call.read', ctx)) continue;
      const record = await loadCall(deps.store.db, id);
      if (!record) continue;
      const view = presentCall(record, actor, now, ctx.territoryIds);
      const reviewed = record.cofunders.filter((f) => view.may.reviewFor.includes(f.id));
      const reviewerTracks: Track[] | null = reviewed.length
        ? reviewed.some((f) => f.tracks.length === 0)
          ? []
          : [...new Set(reviewed.flatMap((f) => f.tracks))]
        : null;
      const step = currentStep(view.steps, now);
      out.push({
        id: view.id,
        territoryId: view.territoryId,
        territoryName: view.territoryName,
        title: view.title,
        year: view.year,
        currentStep: step,
        tracks: view.tracks.filter((t) => t.enabled).map((t) => t.track),
        applications: await countCallApplications(deps.store.db, id, {
          all: view.may.manage,
          reviewerTracks,
          memberUserId: actor.userId,
        }),
        may: { manage: view.may.manage, apply: view.may.apply, review: view.may.reviewFor.length > 0 },
      });
    }
    return out;
  },
});

const create = defineRoute({
  ...api.create,
  summary: 'Lancer un appel à projets sur un territoire : ses trois filières ouvertes et le calendrier type de l’année de programmation',
  tags,
  action: 'call.manage',
  refs: [{ at: 'body.territoryId', kind: 'territory' }],
  async handler({ body }, { deps, actor }) {
    const id = await withAudit(
      deps.store.db,
      (callId: string) => ({
        actorUserId: userIdOf(actor),
        action: 'call.create',
        entityType: 'call',
        entityId: callId,
        territoryId: body.territoryId,
        details: { title: body.title, year: body.year },
      }),
      (trx) => createCall(trx, { ...body, createdBy: userIdOf(actor) }),
    );
    return callFor(deps, actor, id);
  },
});

const get = defineRoute({
  ...api.get,
  summary: 'Un appel à projets : note de cadrage, priorités, territoires, filières, référents, calendrier, financeurs et fichiers',
  tags,
  action: 'call.read',
  refs: [callRef],
  handler: ({ params }, { deps, actor }) => callFor(deps, actor, params.callId),
});

const update = defineRoute({
  ...api.update,
  summary:
    'Enregistrer les réglages d’un appel (tout en une fois, depuis la version lue : 409 `call_conflict` avec la version actuelle sinon) : priorités liées aux changements du territoire, territoires éligibles, filières, référents, étapes datées',
  tags,
  action: 'call.manage',
  refs: [
    callRef,
    {
      at: 'body.priorities[].id',
      checkedBy: 'looked up among the priorities of the call of params.callId: another call’s is refused (422)',
    },
    {
      at: 'body.priorities[].changeId',
      checkedBy: 'the change must belong to a pathway of the call’s territory (or below it): another territory’s is refused (422)',
    },
    { at: 'body.eligibleTerritoryIds', kind: 'territory', action: 'call.manage' },
    { at: 'body.referents[].id', checkedBy: 'looked up among the referents of the call of params.callId: another call’s is refused (422)' },
    { at: 'body.referents[].cofunderId', kind: 'cofunder', action: 'call.manage' },
    { at: 'body.referents[].territoryId', kind: 'territory', action: 'call.manage' },
    { at: 'body.steps[].id', checkedBy: 'looked up among the steps of the call of params.callId: another call’s is refused (422)' },
  ],
  async handler({ params, body }, { deps, actor }) {
    const record = await loadCall(deps.store.db, params.callId);
    if (!record) return fail('call_not_found');
    await withAudit(
      deps.store.db,
      {
        actorUserId: userIdOf(actor),
        action: 'call.update',
        entityType: 'call',
        entityId: params.callId,
        territoryId: record.territoryId,
        details: { version: body.version + 1 },
      },
      async (trx) => {
        const result = await updateCallSettings(trx, params.callId, body);
        if (!result.ok) fail(result.error, result.details);
      },
    );
    return callFor(deps, actor, params.callId);
  },
});

const cofunders = defineRoute({
  ...api.cofunders,
  summary:
    'Enregistrer les financeurs de l’appel (État, EPCI, communes…), leur enveloppe, les filières qu’ils instruisent et leurs instructeurs, depuis la version lue',
  tags,
  action: 'call.manage',
  refs: [
    callRef,
    { at: 'body.cofunders[].id', checkedBy: 'looked up among the funders of the call of params.callId: another call’s is 404' },
    {
      at: 'body.cofunders[].reviewerUserIds',
      checkedBy: 'each reviewer must hold a role on the call’s territory (above or below it): anyone else is refused (422)',
    },
  ],
  async handler({ params, body }, { deps, actor }) {
    const record = await loadCall(deps.store.db, params.callId);
    if (!record) return fail('call_not_found');
    await withAudit(
      deps.store.db,
      {
        actorUserId: userIdOf(actor),
        action: 'call.cofunders',
        entityType: 'call',
        entityId: params.callId,
        territoryId: record.territoryId,
        details: { cofunders: body.cofunders.map((c) => c.name) },
      },
      async (trx) => {
        const result = await replaceCofunders(trx, params.callId, body);
        if (!result.ok) fail(result.error, result.details);
      },
    );
    return callFor(deps, actor, params.callId);
  },
});

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

const addFile = defineRoute({
  ...api.addFile,
  summary:
    'Joindre un fichier à la note de cadrage (PDF, JPEG, PNG, ODT ou DOCX, 10 Mo au plus ; le type est vérifié sur le contenu, pas sur le nom)',
  tags,
  action: 'call.manage',
  refs: [callRef],
  bodyLimit: uploadBodyLimit,
  async handler({ params, body }, { deps, actor }) {
    const record = await loadCall(deps.store.db, params.callId);
    if (!record) return fail('call_not_found');
    const clean = body.contentBase64.replace(/\s+/g, '');
    if (!BASE64.test(clean)) return fail('call_file_base64');
    const content = Buffer.from(clean, 'base64');
    if (content.length === 0) return fail('call_file_base64');
    if (content.length > 10 * 1024 * 1024)
      return fail('validation', { errors: [{ field: 'body.contentBase64', message: 'fichier trop volumineux : 10 Mo au plus' }] });
    const problem = documentTypeProblem(body.mime, content);
    if (problem) return fail('call_file_type', { declared: body.mime, detected: problem.detected, filename: body.filename });
    await withAudit(
      deps.store.db,
      (fileId: string) => ({
        actorUserId: userIdOf(actor),
        action: 'call.file.add',
        entityType: 'call',
        entityId: params.callId,
        territoryId: record.territoryId,
        details: { fileId, filename: body.filename, size: content.length },
      }),
      (trx) => addCallFile(trx, { callId: params.callId, filename: body.filename, mime: body.mime, content, uploadedBy: userIdOf(actor) }),
    );
    return callFor(deps, actor, params.callId);
  },
});

const contentDisposition = (filename: string) =>
  `attachment; filename="${
    filename
      .normalize('NFD')
      .replace(/[^\x20-\x7e]/g, '')
      .replace(/["\\]/g, '_') || 'fichier'
  }"; filename*=UTF-8''${encodeURIComponent(filename)}`;

const file = defineRoute({
  ...api.file,
  summary: 'Télécharger un fichier de la note de cadrage',
  tags,
  action: 'call.read',
  refs: [callRef, fileRef],
  raw: true,
  async handler({ params }, { deps, reply }) {
    const f = await readCallFile(deps.store.db, params.callId, params.fileId);
    if (!f) return fail('call_file_not_found');
    reply
      .header('content-type', f.mime)
      .header('content-disposition', contentDisposition(f.filename))
      .header('x-content-type-options', 'nosniff')
      .send(f.content);
  },
});

const deleteFile = defineRoute({
  ...api.deleteFile,
  summary: 'Retirer un fichier de la note de cadrage',
  tags,
  action: 'call.manage',
  refs: [callRef, fileRef],
  async handler({ params }, { deps, actor }) {
    const record = await loadCall(deps.store.db, params.callId);
    if (!record) return fail('call_not_found');
    await withAudit(
      deps.store.db,
      {
        actorUserId: userIdOf(actor),
        action: 'call.file.delete',
        entityType: 'call',
        entityId: params.callId,
        territoryId: record.territoryId,
        details: { fileId: params.fileId },
      },
      async (trx) => {
        if (!(await deleteCallFile(trx, params.callId, params.fileId))) fail('call_file_not_found');
      },
    );
    return callFor(deps, actor, params.callId);
  },
});

async function committeeOf(deps: AppDeps, callId: string) {
  const data = await committeeData(deps.store.db, callId);
  if (!data) return fail('call_not_found');
  return data;
}

const committee = defineRoute({
  ...api.committee,
  summary:
    'Le tableau du comité : chaque demande déposée avec, par financeur, les montants demandé, proposé (le dernier avis du financeur) et voté ; les totaux par financeur face à son enveloppe et par filière',
  tags,
  action: 'call.manage',
  refs: [callRef],
  async handler({ params }, { deps }) {
    const data = await committeeOf(deps, params.callId);
    return {
      callId: data.call.id,
      title: data.call.title,
      year: data.call.year,
      ...committeeTable(data.cofunders, data.applications, data.tracks),
    };
  },
});

const reviewerCandidatesRoute = defineRoute({
  ...api.reviewerCandidates,
  summary:
    'Les comptes que l’équipe de l’appel peut nommer instructeurs : les personnes ayant un rôle sur le territoire de l’appel, au-dessus ou en dessous',
  tags,
  action: 'call.manage',
  refs: [callRef],
  async handler({ params }, { deps }) {
    return reviewerCandidates(deps.store.db, params.callId);
  },
});

const fileName = (title: string, ext: string) =>
  `programmation-${
    title
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 60) || 'appel'
  }.${ext}`;

const programmingCsvRoute = defineRoute({
  ...api.programmingCsv,
  summary: 'Le tableau de programmation en CSV (UTF-8, « ; ») : une ligne par action et par financeur, montants demandé, proposé et voté',
  tags,
  action: 'call.manage',
  refs: [callRef],
  raw: true,
  async handler({ params }, { deps, reply }) {
    const data = await committeeOf(deps, params.callId);
    reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${fileName(data.call.title, 'csv')}"`)
      .send(programmingCsv(programmingRows(data.call.title, data.cofunders, data.applications)));
  },
});

const programmingXlsxRoute = defineRoute({
  ...api.programmingXlsx,
  summary: 'Le tableau de programmation en classeur XLSX : une ligne par action et par financeur, montants en euros',
  tags,
  action: 'call.manage',
  refs: [callRef],
  raw: true,
  async handler({ params }, { deps, reply }) {
    const data = await committeeOf(deps, params.callId);
    reply
      .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', `attachment; filename="${fileName(data.call.title, 'xlsx')}"`)
      .send(programmingXlsx(programmingRows(data.call.title, data.cofunders, data.applications)));
  },
});

export const callsRoutes = [
  list,
  create,
  get,
  update,
  cofunders,
  addFile,
  file,
  deleteFile,
  committee,
  reviewerCandidatesRoute,
  programmingCsvRoute,
  programmingXlsxRoute,
];
