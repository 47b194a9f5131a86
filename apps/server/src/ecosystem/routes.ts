import { ecosystemEndpoints as api } from '@maillage/core';
import {
  acceptOrganisationProposal,
  type organisationProposalsView,
  type pendingProposalsView,
  type proposalCreatedView,
  type proposalDecidedView,
  proposeOrganisationChange,
  readOrganisationProposals,
  readPendingProposals,
  refuseOrganisationProposal,
} from '@maillage/core';
import {
  type Actor,
  addTheme,
  type assessmentCreatedView,
  assessRelation,
  can,
  confirmImport,
  createOrganisation,
  createPerson,
  formatImportIssue,
  type importBody,
  importBodyLimit,
  mergeOrganisations,
  updateOrganisation,
  writeCsv,
  type directoryView,
  type duplicatePairsView,
  type ecosystemDashboardView,
  type ecosystemDoneView,
  type ecosystemMapView,
  type importConfirmedView,
  type importPreviewView,
  type ImportPreviewView,
  type PersonalDataExportView,
  type mobiliseView,
  type organisationMergedView,
  type organisationSavedView,
  type organisationView,
  type personContactView,
  type personCreatedView,
  type personView,
  type personalDataExportView,
  type relationView,
  type themeCreatedView,
  type themeListView,
  declareAcquaintance,
  erasePersonData,
  exportPersonalData,
  exportTerritory,
  listDuplicates,
  listThemes,
  type PlannedImport,
  planImport,
  readDashboard,
  readEcosystemMap,
  readOrganisation,
  readPerson,
  readPersonContact,
  readRelation,
  searchDirectory,
  territoriesChanged,
  whoToMobilise,
} from '@maillage/core';
import { ecosystemRepo, organisationsContext, personContext } from '@maillage/db';
import type { z } from 'zod';
import type { AppDeps } from '../deps';
import { outcome, Problem } from '../http/problem';
import { defineRoute, type RouteSpec } from '../http/route';

const tags = ['écosystème'];
const today = (deps: AppDeps) => deps.now().toISOString().slice(0, 10);
const userId = (actor: Actor) => (actor.kind === 'user' ? actor.userId : null);
const repo = (deps: AppDeps) => ecosystemRepo(deps.store.db);

const listThemesRoute = defineRoute({
  ...api.listThemes,
  summary: 'Thèmes (liste partagée et thèmes du territoire)',
  tags,
  action: 'ecosystem.read',
  refs: [{ at: 'query.territoryId', unscoped: 'themes are labels, readable by any signed-in user' }],
  handler: async ({ query }, { deps }): Promise<z.output<typeof themeListView>> => listThemes(repo(deps), query.territoryId),
});

const addThemeRoute = defineRoute({
  ...api.addTheme,
  summary: 'Ajouter un thème à un territoire',
  tags,
  action: 'ecosystem.curate',
  refs: [{ at: 'body.territoryId', kind: 'territory' }],
  async handler({ body }, { deps, actor }): Promise<z.output<typeof themeCreatedView>> {
    return outcome(await addTheme(repo(deps), body.territoryId, body.label, userId(actor)));
  },
});

const directoryRoute = defineRoute({
  ...api.directory,
  summary: 'Annuaire : organisations et personnes (recherche tolérante aux accents et fautes de frappe)',
  tags,
  action: 'ecosystem.read',
  refs: [
    { at: 'query.territoryId', unscoped: 'a filter of the directory, readable by any signed-in user' },
    { at: 'query.themeId', unscoped: 'a filter of the directory, readable by any signed-in user' },
  ],
  async handler({ query }, { deps }): Promise<z.output<typeof directoryView>> {
    return searchDirectory(repo(deps), query);
  },
});

const createOrganisationRoute = defineRoute({
  ...api.createOrganisation,
  summary: 'Créer une organisation (les doublons probables sont signalés)',
  tags,
  action: 'ecosystem.write',
  // Every territory named must be one the caller works on, not just one of them.
  refs: [
    { at: 'body.territoryIds', kind: 'territory' },
    { at: 'body.communeId', kind: 'territory' },
    { at: 'body.themeIds', kind: 'theme' },
    { at: 'body.companyId', unscoped: 'a SIREN or SIRET number typed, not a reference' },
  ],
  async handler({ body }, { deps, actor }): Promise<z.output<typeof organisationSavedView>> {
    return outcome(await createOrganisation(repo(deps), body, userId(actor)));
  },
});

const organisationRoute = defineRoute({
  ...api.organisation,
  summary: 'Fiche d’une organisation : personnes, thèmes, territoires, relations et historique',
  tags,
  action: 'ecosystem.read',
  refs: [{ at: 'params.id', unscoped: 'the directory is read by any signed-in user; relations are shown per relation' }],
  async handler({ params }, { deps, actor }): Promise<z.output<typeof organisationView>> {
    return outcome(await readOrganisation(repo(deps), actor, params.id));
  },
});

const updateOrganisationRoute = defineRoute({
  ...api.updateOrganisation,
  summary: 'Modifier une organisation (ses membres et les coordinateurs de ses territoires ; les autres proposent une modification)',
  tags,
  action: 'organisation.edit',
  refusal: 'organisation_edit_by_proposal',
  // Judged on the organisation (its territories and members); each territory added or removed is checked in the handler.
  refs: [
    { at: 'params.id', kind: 'organisation' },
    { at: 'body.territoryIds', checkedBy: 'each territory added or removed must be one the caller works on (handler)' },
    { at: 'body.communeId', checkedBy: 'a new commune is a territory added (handler)' },
    { at: 'body.themeIds', kind: 'theme', action: 'ecosystem.write' },
    { at: 'body.companyId', unscoped: 'a SIREN or SIRET number typed, not a reference' },
  ],
  async handler({ params, body }, { deps, actor }): Promise<z.output<typeof organisationSavedView>> {
    const current = (await repo(deps).organisationsContext([params.id])).territoryIds;
    // Nobody adds an organisation to, or takes it from, a territory they do not work on.
    const changed = territoriesChanged(current, body);
    if (changed.some((t) => !can(actor, 'ecosystem.write', { territoryIds: [t] }))) throw new Problem('forbidden');
    return outcome(await updateOrganisation(repo(deps), params.id, body, userId(actor)));
  },
});

const proposeChangeRoute = defineRoute({
  ...api.proposeChange,
  summary: 'Proposer une modification d’une organisation (acceptée ou refusée par ses membres ou un coordinateur de son territoire)',
  tags,
  action: 'organisation.propose',
  refs: [
    { at: 'params.id', kind: 'organisation' },
    { at: 'body.territoryIds', checkedBy: 'each territory added or removed must be one the caller works on (handler)' },
    { at: 'body.communeId', checkedBy: 'a new commune is a territory added (handler)' },
    { at: 'body.themeIds', kind: 'theme', action: 'ecosystem.write' },
    { at: 'body.companyId', unscoped: 'a SIREN or SIRET number typed, not a reference' },
  ],
  async handler({ params, body }, { deps, actor }): Promise<z.output<typeof proposalCreatedView>> {
    const current = (await repo(deps).organisationsContext([params.id])).territoryIds;
    // Nobody proposes to move an organisation onto or off a territory they do not work on.
    if (territoriesChanged(current, body).some((t) => !can(actor, 'ecosystem.write', { territoryIds: [t] })))
      throw new Problem('forbidden');
    return outcome(await proposeOrganisationChange(repo(deps), params.id, body, userId(actor)));
  },
});

const organisationProposalsRoute = defineRoute({
  ...api.organisationProposals,
  summary: 'Propositions de modification d’une organisation : en attente (avec avant / après) et historique des décisions',
  tags,
  action: 'organisation.propose',
  refs: [{ at: 'params.id', kind: 'organisation' }],
  async handler({ params }, { deps, actor }): Promise<z.output<typeof organisationProposalsView>> {
    return readOrganisationProposals(repo(deps), actor, params.id);
  },
});

const pendingProposalsRoute = defineRoute({
  ...api.pendingProposals,
  summary: 'Propositions de modification en attente sur les organisations d’un territoire (coordinateurs)',
  tags,
  action: 'organisation.decide',
  refs: [{ at: 'query.territoryId', kind: 'territory' }],
  async handler({ query }, { deps, actor }): Promise<z.output<typeof pendingProposalsView>> {
    return readPendingProposals(repo(deps), actor, query.territoryId);
  },
});

const acceptProposalRoute = defineRoute({
  ...api.acceptProposal,
  summary: 'Accepter une proposition : la modification est appliquée, sauf si la fiche a changé entre-temps sur les mêmes informations',
  tags,
  action: 'organisation.decide',
  refs: [
    { at: 'params.id', kind: 'organisation' },
    { at: 'params.proposalId', checkedBy: 'looked up among the proposals of the organisation authorised (use case)' },
  ],
  async handler({ params, body }, { deps, actor }): Promise<z.output<typeof proposalDecidedView>> {
    const mayMove = (t: string) => can(actor, 'ecosystem.write', { territoryIds: [t] });
    return outcome(await acceptOrganisationProposal(repo(deps), params.id, params.proposalId, body.note, userId(actor), mayMove));
  },
});

const refuseProposalRoute = defineRoute({
  ...api.refuseProposal,
  summary: 'Refuser une proposition (elle reste dans l’historique de l’organisation, avec la note)',
  tags,
  action: 'organisation.decide',
  refs: [
    { at: 'params.id', kind: 'organisation' },
    { at: 'params.proposalId', checkedBy: 'looked up among the proposals of the organisation authorised (use case)' },
  ],
  async handler({ params, body }, { deps, actor }): Promise<z.output<typeof proposalDecidedView>> {
    return outcome(await refuseOrganisationProposal(repo(deps), params.id, params.proposalId, body.note, userId(actor)));
  },
});

const duplicatesRoute = defineRoute({
  ...api.duplicates,
  summary: 'Doublons probables parmi les organisations d’un territoire (même SIREN, ou même nom dans la même commune)',
  tags,
  action: 'ecosystem.curate',
  refs: [{ at: 'query.territoryId', kind: 'territory' }],
  handler: async ({ query }, { deps }): Promise<z.output<typeof duplicatePairsView>> => listDuplicates(repo(deps), query.territoryId),
});

const mergeRoute = defineRoute({
  ...api.merge,
  summary: 'Fusionner un doublon dans cette organisation (tous les liens sont conservés)',
  tags,
  action: 'ecosystem.curate',
  // Both organisations must be curated by the caller: the kept one receives the duplicate's links and territories.
  refs: [
    { at: 'params.id', kind: 'organisation' },
    { at: 'body.duplicateId', kind: 'organisation' },
  ],
  async handler({ params, body }, { deps, actor }): Promise<z.output<typeof organisationMergedView>> {
    return outcome(await mergeOrganisations(repo(deps), params.id, body.duplicateId, userId(actor)));
  },
});

const createPersonRoute = defineRoute({
  ...api.createPerson,
  summary: 'Enregistrer une personne (coordonnées seulement avec son consentement)',
  tags,
  action: 'ecosystem.write',
  // Every organisation and territory named must be one the caller may write; only the user
  // themself (or an administrator) links a user account to a person.
  refs: [
    { at: 'body.organisationIds', kind: 'organisation' },
    { at: 'body.territoryIds', kind: 'territory' },
    { at: 'body.themeIds', kind: 'theme' },
    { at: 'body.userId', kind: 'user', action: 'person.self' },
  ],
  async handler({ body }, { deps, actor }): Promise<z.output<typeof personCreatedView>> {
    const result = await createPerson(
      repo(deps),
      {
        ...body,
        email: body.email || null,
        phone: body.phone,
        contactConsentOn: body.contactConsent ? (body.contactConsentOn ?? today(deps)) : null,
        userId: body.userId ?? null,
      },
      userId(actor),
    );
    if (!result.ok) throw new Problem(result.error);
    return result.value;
  },
});

const personRoute = defineRoute({
  ...api.person,
  summary: 'Fiche d’une personne (coordonnées visibles des coordinateurs de son territoire et d’elle-même)',
  tags,
  action: 'ecosystem.read',
  refs: [{ at: 'params.id', unscoped: 'the directory is read by any signed-in user; contact details are decided per caller' }],
  async handler({ params }, { deps, actor }): Promise<z.output<typeof personView>> {
    return outcome(await readPerson(repo(deps), actor, params.id));
  },
});

const personContactRoute = defineRoute({
  ...api.personContact,
  summary: 'Coordonnées d’une personne',
  tags,
  action: 'person.contact.read',
  refs: [{ at: 'params.id', kind: 'person' }],
  async handler({ params }, { deps }): Promise<z.output<typeof personContactView>> {
    return outcome(await readPersonContact(repo(deps), params.id));
  },
});

const personExportRoute = defineRoute({
  ...api.personExport,
  summary: 'Exporter ses propres données (RGPD)',
  tags,
  action: 'person.self',
  refs: [{ at: 'params.id', checkedBy: 'the person themself or an administrator (context)' }],
  context: async ({ params }, deps) => {
    const ctx = await personContext(deps.store.db, params.id);
    return ctx.ownerUserId ? { ownerUserId: ctx.ownerUserId } : {};
  },
  async handler({ params }, { deps, reply }): Promise<z.output<typeof personalDataExportView>> {
    const data = outcome(await exportPersonalData(repo(deps), params.id));
    reply.header('content-disposition', 'attachment; filename="mes-donnees-maillage.json"');
    // Each capability's declaration writes its own sections: typed Record<string, unknown> by the
    // registry, described (open beyond the ecosystem's sections) by the view, checked in tests.
    return data as PersonalDataExportView;
  },
});

const personEraseRoute = defineRoute({
  ...api.personErase,
  summary:
    'Effacer une personne (RGPD) partout où elle figure : les contributions restent, anonymisées (elle-même, un administrateur, ou un coordinateur de son territoire si elle n’a pas de compte)',
  tags,
  action: 'person.erase',
  // The person, an administrator, or a coordinator of her territory when she has no account.
  refs: [{ at: 'params.id', kind: 'person' }],
  async handler({ params }, { deps, actor, request }): Promise<z.output<typeof ecosystemDoneView>> {
    const erased = outcome(await erasePersonData(repo(deps), params.id, userId(actor)));
    // The rooms she took part in were rewritten in the store: loaded ones are folded again.
    for (const roomId of erased.rewrittenRooms) await request.server.live.refold(roomId);
    return { ok: true as const };
  },
});

const acquaintanceRoute = defineRoute({
  ...api.acquaintance,
  summary: 'Déclarer connaître quelqu’un',
  tags,
  action: 'acquaintance.declare',
  refs: [
    { at: 'body.personId', kind: 'person' },
    { at: 'body.knownPersonId', unscoped: 'one may know anyone; nothing of that person is returned' },
  ],
  async handler({ body }, { deps, actor }): Promise<z.output<typeof ecosystemDoneView>> {
    return outcome(await declareAcquaintance(repo(deps), body, userId(actor), today(deps)));
  },
});

const assessRoute = defineRoute({
  ...api.assess,
  summary: 'Évaluer une relation au nom d’une organisation (niveau du continuum, date, note)',
  tags,
  action: 'relation.assess',
  refs: [
    { at: 'body.organisationId', kind: 'organisation' },
    { at: 'body.partnerId', unscoped: 'a relation may be assessed with an organisation of any territory; nothing of it is returned' },
  ],
  async handler({ body }, { deps, actor }): Promise<z.output<typeof assessmentCreatedView>> {
    return outcome(await assessRelation(repo(deps), body, userId(actor), today(deps)));
  },
});

const relationRoute = defineRoute({
  ...api.relation,
  summary: 'Historique d’une relation entre deux organisations, avec l’évaluation de chaque côté',
  tags,
  action: 'relation.read',
  // A relation is read by who may read it on either side: judged on the pair (context).
  context: ({ params }, deps) => organisationsContext(deps.store.db, [params.a, params.b]),
  refs: [
    { at: 'params.a', unscoped: 'a relation is judged on its two organisations together (context)' },
    { at: 'params.b', unscoped: 'a relation is judged on its two organisations together (context)' },
  ],
  async handler({ params }, { deps }): Promise<z.output<typeof relationView>> {
    return readRelation(repo(deps), params.a, params.b);
  },
});

const mapRoute = defineRoute({
  ...api.map,
  summary:
    'Carte de l’écosystème : organisations et relations [source, cible, niveau ou null si non visible, désaccord 0/1] (indices dans nodes), à une date',
  tags,
  action: 'ecosystem.read',
  refs: [
    { at: 'query.territoryId', unscoped: 'a filter of the map, readable by any signed-in user; levels are shown per relation' },
    { at: 'query.themeId', unscoped: 'a filter of the map, readable by any signed-in user' },
  ],
  async handler({ query }, { deps, actor }): Promise<z.output<typeof ecosystemMapView>> {
    return readEcosystemMap(repo(deps), actor, query, today(deps));
  },
});

const dashboardRoute = defineRoute({
  ...api.dashboard,
  summary: 'Tableau de bord d’un territoire : relations par niveau, évolution sur 12 mois, organisations isolées',
  tags,
  action: 'ecosystem.territory',
  refs: [{ at: 'query.territoryId', kind: 'territory' }],
  async handler({ query }, { deps }): Promise<z.output<typeof ecosystemDashboardView>> {
    return readDashboard(repo(deps), query.territoryId, today(deps));
  },
});

const mobiliseRoute = defineRoute({
  ...api.mobilise,
  summary: 'Qui mobiliser ? Organisations et personnes ressources classées pour un thème et un territoire, avec les raisons',
  tags,
  action: 'ecosystem.territory',
  refs: [
    { at: 'query.territoryId', kind: 'territory' },
    { at: 'query.themeId', kind: 'theme' },
  ],
  async handler({ query }, { deps }): Promise<z.output<typeof mobiliseView>> {
    return outcome(await whoToMobilise(repo(deps), query.territoryId, query.themeId, today(deps)));
  },
});

/** The file sent, decoded from base64 (the body's schema checked its size), planned against the territory. */
const planImportOf = (deps: AppDeps, body: z.infer<typeof importBody>) =>
  planImport(repo(deps), {
    kind: body.kind,
    territoryId: body.territoryId,
    bytes: new Uint8Array(Buffer.from(body.contentBase64, 'base64')),
  });

function presentPlan(plan: PlannedImport['plan']): ImportPreviewView {
  return {
    encoding: plan.encoding,
    separator: plan.separator,
    columns: [...plan.columns],
    summary: { ...plan.summary },
    issues: plan.issues.map((i) => ({ ...i, text: formatImportIssue(i) })),
    rows: plan.rows.slice(0, 200).map((r) => ({ line: r.line, name: r.name, duplicateOf: [...r.duplicateOf] })),
    totalRows: plan.rows.length,
  };
}

const importPreviewRoute = defineRoute({
  ...api.importPreview,
  summary: 'Aperçu d’un import CSV : chaque problème par ligne et colonne, rien n’est écrit',
  tags,
  action: 'ecosystem.curate',
  bodyLimit: importBodyLimit,
  refs: [{ at: 'body.territoryId', kind: 'territory' }],
  async handler({ body }, { deps }): Promise<z.output<typeof importPreviewView>> {
    return presentPlan((await planImportOf(deps, body)).plan);
  },
});

const importConfirmRoute = defineRoute({
  ...api.importConfirm,
  summary: 'Confirmer un import CSV : tout ou rien',
  tags,
  action: 'ecosystem.curate',
  bodyLimit: importBodyLimit,
  refs: [{ at: 'body.territoryId', kind: 'territory' }],
  async handler({ body }, { deps, actor }): Promise<z.output<typeof importConfirmedView>> {
    const planned = await planImportOf(deps, body);
    const options = { importDuplicates: body.importDuplicates, actorUserId: userId(actor), territoryId: body.territoryId };
    const written = await confirmImport(repo(deps), planned, options);
    if (!written.ok) throw new Problem(written.error, written.error === 'import_has_errors' ? presentPlan(planned.plan) : undefined);
    return { ...written.value, summary: planned.plan.summary };
  },
});

const exportRoute = defineRoute({
  ...api.export,
  summary: 'Exporter l’écosystème d’un territoire (CSV pour tableur français, ou JSON), selon ses droits',
  tags,
  action: 'ecosystem.export',
  refs: [{ at: 'query.territoryId', kind: 'territory' }],
  raw: true,
  async handler({ query }, { deps, actor, reply }) {
    const { organisations, people } = await exportTerritory(repo(deps), actor, query.territoryId);
    const stamp = today(deps);
    if (query.format === 'json') {
      reply.header('content-disposition', `attachment; filename="ecosysteme-${stamp}.json"`).type('application/json; charset=utf-8');
      return reply.send({ exportedAt: deps.now().toISOString(), organisations, people });
    }
    const csv =
      query.what === 'organisations'
        ? writeCsv(
            [
              'Nom',
              'Type',
              'SIREN',
              'SIRET',
              'RNA',
              'Commune',
              'Territoires',
              'Thèmes',
              'Description',
              'Adresse',
              'Site web',
              'Courriel',
              'Téléphone',
            ],
            organisations.map((o) => [
              o.name,
              o.kind,
              o.siren,
              o.siret,
              o.rna,
              o.commune,
              o.territories.join(' | '),
              o.themes.join(', '),
              o.description,
              o.address,
              o.website,
              o.public_email,
              o.public_phone,
            ]),
          )
        : writeCsv(
            ['Nom', 'Fonction', 'Organisation', 'Personne ressource', 'Ressource pour', 'Courriel', 'Téléphone', 'Date du consentement'],
            people.map((p) => [
              p.name,
              p.function,
              p.organisations.join(' | '),
              p.isResource ? 'oui' : 'non',
              p.resourceFor,
              p.email,
              p.phone,
              p.contactConsentOn,
            ]),
          );
    reply.header('content-disposition', `attachment; filename="${query.what}-${stamp}.csv"`).type('text/csv; charset=utf-8').send(csv);
    return reply;
  },
});

/** Routes of the ecosystem capability. */
export const ecosystemRoutes: RouteSpec[] = [
  listThemesRoute,
  addThemeRoute,
  directoryRoute,
  createOrganisationRoute,
  organisationRoute,
  updateOrganisationRoute,
  proposeChangeRoute,
  organisationProposalsRoute,
  pendingProposalsRoute,
  acceptProposalRoute,
  refuseProposalRoute,
  duplicatesRoute,
  mergeRoute,
  createPersonRoute,
  personRoute,
  personContactRoute,
  personExportRoute,
  personEraseRoute,
  acquaintanceRoute,
  assessRoute,
  relationRoute,
  mapRoute,
  dashboardRoute,
  mobiliseRoute,
  importPreviewRoute,
  importConfirmRoute,
  exportRoute,
];
