import {
  type Actor,
  addActionDecider,
  addChangeDecider,
  addJournalDecider,
  addLinkDecider,
  addReviewDecider,
  pathwaysEndpoints as api,
  can,
  createPathway,
  deleteActionDecider,
  deleteChangeDecider,
  deleteIndicatorDecider,
  deleteLinkDecider,
  type PathwayAuthor,
  type PathwayDecider,
  type PathwayView,
  putIndicatorDecider,
  renameDecider,
  type Result,
  type StoredPathwayView,
  updateChangeDecider,
  visionDecider,
  writePathway,
} from '@maillage/core';
import {
  accountsRepo,
  collectiveTerritory,
  listPathways,
  listPathwayVersions,
  loadPathwayView,
  pathwayContext,
  pathwaysRepo,
  readPathwayVersion,
  territoryScope,
} from '@maillage/db';
import type { AppDeps } from '../deps';
import { Problem } from '../http/problem';
import type { ProblemCode } from '../http/problems';
import type { RefDecl } from '../http/refs';
import { defineRoute } from '../http/route';
import { changesCsv } from './csv';
import { planPdf, planSvg } from './plan';

const tags = ['chemins de changement'];
const pathwayRef = { at: 'params.id', kind: 'pathway' } as const satisfies RefDecl;
const inside = (what: string) => `looked up inside the pathway (already authorised): ${what} of another pathway is not found`;

function present(view: StoredPathwayView, actor: Actor): PathwayView {
  return { ...view, may: { edit: can(actor, 'pathway.write', { territoryId: view.territoryId }) } };
}

async function authorOf(deps: AppDeps, actor: Actor): Promise<PathwayAuthor> {
  if (actor.kind !== 'user') return { userId: null, name: null };
  const user = await accountsRepo(deps.store.db).findUserById(actor.userId);
  return { userId: actor.userId, name: user?.displayName ?? null };
}

/** Where each failure is about, so the answer names the field. */
const fieldOf: Partial<Record<string, string>> = {
  link_cycle: 'body.to',
  link_backwards: 'body.to',
  link_self: 'body.to',
  link_duplicate: 'body.to',
  link_unknown_change: 'body.from',
  contribution_unknown: 'body.contributesTo',
  review_unknown_change: 'body.lights',
};

function unwrap(result: Result<StoredPathwayView, string>, actor: Actor, field?: string): PathwayView {
  if (result.ok) return present(result.value, actor);
  const details: Record<string, unknown> = { ...(result.details ?? {}) };
  const at = field ?? fieldOf[result.error];
  if (at) details.field = at;
  if (result.error === 'link_cycle' && typeof details.cycle === 'string') {
    details.detail = `Ce lien fermerait une boucle : ${details.cycle}`;
  }
  throw new Problem(result.error as ProblemCode, details);
}

/** Runs one decider as a write of the pathway named by the path, and answers the new version. */
async function write<E extends string>(
  deps: AppDeps,
  actor: Actor,
  pathwayId: string,
  action: string,
  decide: PathwayDecider<E>,
  details: Record<string, unknown> = {},
  field?: string,
): Promise<PathwayView> {
  const ctx = await pathwayContext(deps.store.db, pathwayId);
  if (!ctx) throw new Problem('pathway_not_found');
  const result = await writePathway(
    { repo: pathwaysRepo(deps.store.db) },
    { id: pathwayId, ...ctx },
    action,
    decide,
    await authorOf(deps, actor),
    details,
  );
  return unwrap(result, actor, field);
}

async function readable(deps: AppDeps, id: string): Promise<StoredPathwayView> {
  const view = await loadPathwayView(deps.store.db, id);
  if (!view) throw new Problem('pathway_not_found');
  return view;
}

const list = defineRoute({
  ...api.list,
  summary: 'Les chemins de changement qu’on peut lire : ceux d’un territoire et de ses collectifs',
  tags,
  action: 'pathway.list',
  refs: [{ at: 'query.territoryId', kind: 'territory', action: 'pathway.read' }],
  async handler({ query }, { deps, actor }) {
    if (actor.kind !== 'user') return [];
    const mine = new Set(actor.grants.flatMap((g) => [...g.scope]));
    if (query.territoryId) {
      const scope = (await territoryScope(deps.store.db, [query.territoryId])).get(query.territoryId) ?? [query.territoryId];
      return listPathways(deps.store.db, actor.isAdmin ? scope : scope.filter((id) => mine.has(id)));
    }
    return listPathways(deps.store.db, actor.isAdmin ? 'all' : [...mine]);
  },
});

const create = defineRoute({
  ...api.create,
  summary: 'Créer le chemin de changement d’un territoire ou d’un de ses collectifs, vide ou à partir du modèle',
  tags,
  action: 'pathway.write',
  refs: [
    { at: 'body.territoryId', kind: 'territory' },
    { at: 'body.collectiveId', kind: 'collective' },
  ],
  async handler({ body }, { deps, actor }) {
    const collectiveId = body.collectiveId ?? null;
    if (collectiveId && (await collectiveTerritory(deps.store.db, collectiveId)) !== body.territoryId) {
      throw new Problem('pathway_owner_mismatch', { field: 'body.collectiveId' });
    }
    const view = await createPathway(
      { repo: pathwaysRepo(deps.store.db) },
      { title: body.title, territoryId: body.territoryId, collectiveId, template: body.template ?? null },
      await authorOf(deps, actor),
    );
    return present(view, actor);
  },
});

const get = defineRoute({
  ...api.get,
  summary:
    'Un chemin de changement entier : vision, changements (détachés, dernier feu, contributions), liens, actions, indicateurs, revues, journal',
  tags,
  action: 'pathway.read',
  refs: [pathwayRef],
  async handler({ params }, { deps, actor }) {
    return present(await readable(deps, params.id), actor);
  },
});

const rename = defineRoute({
  ...api.rename,
  summary: 'Renommer un chemin',
  tags,
  action: 'pathway.write',
  refs: [pathwayRef],
  async handler({ params, body }, { deps, actor }) {
    return write(deps, actor, params.id, 'pathway.rename', renameDecider(body.title));
  },
});

const vision = defineRoute({
  ...api.vision,
  summary: 'Écrire la vision et sa une de journal',
  tags,
  action: 'pathway.write',
  refs: [pathwayRef],
  async handler({ params, body }, { deps, actor }) {
    return write(deps, actor, params.id, 'pathway.vision', visionDecider(body));
  },
});

const contributableOf = async (deps: AppDeps, pathwayId: string, ids: readonly string[] | undefined) =>
  pathwaysRepo(deps.store.db).contributable(pathwayId, ids ?? []);

const changeRefs = [
  pathwayRef,
  { at: 'body.actors.organisationIds', kind: 'organisation', action: 'pathway.read' },
  {
    at: 'body.contributesTo',
    checkedBy:
      'the store keeps only changes of a territory’s pathway covering this pathway’s territory (contributable); any other is contribution_unknown',
  },
] as const satisfies readonly RefDecl[];

const addChange = defineRoute({
  ...api.addChange,
  summary: 'Ajouter un changement (court, moyen ou long terme)',
  tags,
  action: 'pathway.write',
  refs: changeRefs,
  async handler({ params, body }, { deps, actor }) {
    const contributable = await contributableOf(deps, params.id, body.contributesTo);
    return write(deps, actor, params.id, 'pathway.change.add', addChangeDecider(body, contributable));
  },
});

const updateChange = defineRoute({
  ...api.updateChange,
  summary: 'Modifier un changement (son texte, son horizon, ses acteurs, ses marqueurs, ses contributions)',
  tags,
  action: 'pathway.write',
  refs: [...changeRefs, { at: 'params.changeId', checkedBy: inside('a change') }],
  async handler({ params, body }, { deps, actor }) {
    const contributable = await contributableOf(deps, params.id, body.contributesTo);
    return write(deps, actor, params.id, 'pathway.change.update', updateChangeDecider(params.changeId, body, contributable), {
      changeId: params.changeId,
    });
  },
});

const deleteChange = defineRoute({
  ...api.deleteChange,
  summary: 'Retirer un changement (ses liens et actions avec lui)',
  tags,
  action: 'pathway.write',
  refs: [pathwayRef, { at: 'params.changeId', checkedBy: inside('a change') }],
  async handler({ params }, { deps, actor }) {
    return write(
      deps,
      actor,
      params.id,
      'pathway.change.delete',
      deleteChangeDecider(params.changeId),
      { changeId: params.changeId },
      'params.changeId',
    );
  },
});

const addLink = defineRoute({
  ...api.addLink,
  summary: 'Relier deux changements (ou un changement et la vision) : ni boucle, ni retour en arrière',
  tags,
  action: 'pathway.write',
  refs: [pathwayRef, { at: 'body.from', checkedBy: inside('a change') }, { at: 'body.to', checkedBy: inside('a change') }],
  async handler({ params, body }, { deps, actor }) {
    return write(deps, actor, params.id, 'pathway.link.add', addLinkDecider(body), { from: body.from, to: body.to });
  },
});

const deleteLink = defineRoute({
  ...api.deleteLink,
  summary: 'Retirer un lien',
  tags,
  action: 'pathway.write',
  refs: [pathwayRef, { at: 'params.linkId', checkedBy: inside('a link') }],
  async handler({ params }, { deps, actor }) {
    return write(
      deps,
      actor,
      params.id,
      'pathway.link.delete',
      deleteLinkDecider(params.linkId),
      { linkId: params.linkId },
      'params.linkId',
    );
  },
});

const addAction = defineRoute({
  ...api.addAction,
  summary: 'Ajouter une action qui nourrit un changement, portée par un collectif, une organisation ou un autre acteur',
  tags,
  action: 'pathway.write',
  refs: [
    pathwayRef,
    { at: 'body.changeId', checkedBy: inside('a change') },
    { at: 'body.collectiveId', kind: 'collective', action: 'pathway.read' },
    { at: 'body.organisationId', kind: 'organisation', action: 'pathway.read' },
  ],
  async handler({ params, body }, { deps, actor }) {
    return write(deps, actor, params.id, 'pathway.action.add', addActionDecider(body), {}, 'body.changeId');
  },
});

const deleteAction = defineRoute({
  ...api.deleteAction,
  summary: 'Retirer une action',
  tags,
  action: 'pathway.write',
  refs: [pathwayRef, { at: 'params.actionId', checkedBy: inside('an action') }],
  async handler({ params }, { deps, actor }) {
    return write(deps, actor, params.id, 'pathway.action.delete', deleteActionDecider(params.actionId), {}, 'params.actionId');
  },
});

const addIndicator = defineRoute({
  ...api.addIndicator,
  summary: 'Ajouter un indicateur (valeur de départ et cible, source, fréquence, qui renseigne)',
  tags,
  action: 'pathway.write',
  refs: [pathwayRef, { at: 'body.changeId', checkedBy: inside('a change') }],
  async handler({ params, body }, { deps, actor }) {
    return write(deps, actor, params.id, 'pathway.indicator.add', putIndicatorDecider(null, body), {}, 'body.changeId');
  },
});

const updateIndicator = defineRoute({
  ...api.updateIndicator,
  summary: 'Modifier un indicateur',
  tags,
  action: 'pathway.write',
  refs: [
    pathwayRef,
    { at: 'params.indicatorId', checkedBy: inside('an indicator') },
    { at: 'body.changeId', checkedBy: inside('a change') },
  ],
  async handler({ params, body }, { deps, actor }) {
    const result = await write(deps, actor, params.id, 'pathway.indicator.update', putIndicatorDecider(params.indicatorId, body), {
      indicatorId: params.indicatorId,
    });
    return result;
  },
});

const deleteIndicator = defineRoute({
  ...api.deleteIndicator,
  summary: 'Retirer un indicateur',
  tags,
  action: 'pathway.write',
  refs: [pathwayRef, { at: 'params.indicatorId', checkedBy: inside('an indicator') }],
  async handler({ params }, { deps, actor }) {
    return write(deps, actor, params.id, 'pathway.indicator.delete', deleteIndicatorDecider(params.indicatorId), {}, 'params.indicatorId');
  },
});

const addReview = defineRoute({
  ...api.addReview,
  summary: 'Enregistrer une revue : un feu (en bonne voie, à risque, hors trajectoire, pas commencé) par changement',
  tags,
  action: 'pathway.write',
  refs: [pathwayRef, { at: 'body.lights[].changeId', checkedBy: inside('a change') }],
  async handler({ params, body }, { deps, actor }) {
    return write(deps, actor, params.id, 'pathway.review.add', addReviewDecider(body), { heldOn: body.heldOn });
  },
});

const addJournal = defineRoute({
  ...api.addJournal,
  summary: 'Ajouter une note datée au journal du chemin',
  tags,
  action: 'pathway.write',
  refs: [pathwayRef],
  async handler({ params, body }, { deps, actor }) {
    return write(deps, actor, params.id, 'pathway.journal.add', addJournalDecider(body));
  },
});

const versions = defineRoute({
  ...api.versions,
  summary: 'Les versions d’un chemin : qui, quand, quoi',
  tags,
  action: 'pathway.read',
  refs: [pathwayRef],
  async handler({ params }, { deps }) {
    await readable(deps, params.id);
    return listPathwayVersions(deps.store.db, params.id);
  },
});

const version = defineRoute({
  ...api.version,
  summary: 'Un chemin tel qu’il était à une version',
  tags,
  action: 'pathway.read',
  refs: [pathwayRef],
  async handler({ params }, { deps }) {
    const snapshot = await readPathwayVersion(deps.store.db, params.id, params.version);
    if (!snapshot) throw new Problem('pathway_version_not_found', { field: 'params.version' });
    // An old version is read, never edited.
    return { ...snapshot, may: { edit: false } };
  },
});

const fileName = (view: StoredPathwayView, ext: string) =>
  `chemin-${
    view.title
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[^A-Za-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 50)
      .toLowerCase() || 'de-changement'
  }.${ext}`;

const planPdfRoute = defineRoute({
  ...api.planPdf,
  summary: 'Le plan qui tient en une page (PDF paysage, A4 ou A3), lu de droite à gauche vers la vision',
  tags,
  action: 'pathway.read',
  refs: [pathwayRef],
  raw: true,
  async handler({ params, query }, { deps, reply }) {
    const view = await readable(deps, params.id);
    const pdf = await planPdf(view, query.format, deps.now());
    if (!pdf.ok) throw new Problem('plan_too_large', { format: query.format, column: pdf.column });
    reply
      .header('content-type', 'application/pdf')
      .header('content-disposition', `inline; filename="${fileName(view, 'pdf')}"`)
      .send(pdf.value);
  },
});

const planSvgRoute = defineRoute({
  ...api.planSvg,
  summary: 'Le même plan en SVG (même mise en page que le PDF)',
  tags,
  action: 'pathway.read',
  refs: [pathwayRef],
  raw: true,
  async handler({ params, query }, { deps, reply }) {
    const view = await readable(deps, params.id);
    const svg = planSvg(view, query.format, deps.now());
    if (!svg.ok) throw new Problem('plan_too_large', { format: query.format, column: svg.column });
    reply
      .header('content-type', 'image/svg+xml; charset=utf-8')
      .header('content-disposition', `inline; filename="${fileName(view, 'svg')}"`)
      .send(svg.value);
  },
});

const csvRoute = defineRoute({
  ...api.changesCsv,
  summary: 'Les changements en CSV (horizon, liens, acteurs, indicateurs avec départ et cible, dernier feu)',
  tags,
  action: 'pathway.read',
  refs: [pathwayRef],
  raw: true,
  async handler({ params }, { deps, reply }) {
    const view = await readable(deps, params.id);
    reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${fileName(view, 'csv')}"`)
      .send(changesCsv(view));
  },
});

export const changeRoutes = [
  list,
  create,
  get,
  rename,
  vision,
  addChange,
  updateChange,
  deleteChange,
  addLink,
  deleteLink,
  addAction,
  deleteAction,
  addIndicator,
  updateIndicator,
  deleteIndicator,
  addReview,
  addJournal,
  versions,
  version,
  planPdfRoute,
  planSvgRoute,
  csvRoute,
];
