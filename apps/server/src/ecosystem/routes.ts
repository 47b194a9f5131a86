import { ecosystemEndpoints as api } from '@maillage/core';
import {
  type Actor,
  assessRelation,
  can,
  continuumLabel,
  createOrganisation,
  createPerson,
  type EcosystemContext,
  formatImportIssue,
  type importBody,
  importBodyLimit,
  levelCounts,
  levelHistory,
  mergeOrganisations,
  monthEnds,
  planOrganisationImport,
  planPeopleImport,
  rankForMobilisation,
  relationStates,
  retainedLevel,
  updateOrganisation,
  writeCsv,
  type assessmentCreatedView,
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
} from '@maillage/core';
import {
  acquaintancesOf,
  addAcquaintance,
  addTheme,
  assessmentsOf,
  ecosystemMap,
  ecosystemRepo,
  erasePerson,
  existingPeopleIndex,
  exportPersonData,
  getOrganisation,
  getPerson,
  importLookups,
  listThemes,
  mobiliseCandidates,
  organisationsContext,
  organisationsOfUser,
  personContext,
  probableDuplicates,
  relationHistory,
  searchDirectory,
  territoryAssessments,
  territoryExport,
  territoryFamily,
  writeOrganisationImport,
  writePeopleImport,
} from '@maillage/db';
import type { z } from 'zod';
import type { AppDeps } from '../deps';
import { Problem } from '../http/problem';
import { defineRoute, type RouteSpec } from '../http/route';

const tags = ['écosystème'];
const today = (deps: AppDeps) => deps.now().toISOString().slice(0, 10);
const userId = (actor: Actor) => (actor.kind === 'user' ? actor.userId : null);

/**
 * Decides, relation by relation, whether the actor sees its levels and notes: the same rule
 * as `GET /api/ecosystem/relations/:a/:b`, with the actor's own memberships.
 */
async function relationVisibility(deps: AppDeps, actor: Actor) {
  const mine = actor.kind === 'user' ? await organisationsOfUser(deps.store.db, actor.userId) : new Set<string>();
  return (a: string, b: string, territoryIds: readonly string[]) => {
    const ctx: EcosystemContext = {
      territoryIds,
      memberUserIds: actor.kind === 'user' && (mine.has(a) || mine.has(b)) ? [actor.userId] : [],
    };
    return can(actor, 'relation.read', ctx);
  };
}

const listThemesRoute = defineRoute({
  ...api.listThemes,
  summary: 'Thèmes (liste partagée et thèmes du territoire)',
  tags,
  action: 'ecosystem.read',
  refs: [{ at: 'query.territoryId', unscoped: 'themes are labels, readable by any signed-in user' }],
  handler: async ({ query }, { deps }): Promise<z.output<typeof themeListView>> => ({
    themes: await listThemes(deps.store.db, query.territoryId),
  }),
});

const addThemeRoute = defineRoute({
  ...api.addTheme,
  summary: 'Ajouter un thème à un territoire',
  tags,
  action: 'ecosystem.curate',
  refs: [{ at: 'body.territoryId', kind: 'territory' }],
  async handler({ body }, { deps, actor }): Promise<z.output<typeof themeCreatedView>> {
    const result = await addTheme(deps.store.db, body.territoryId, body.label, userId(actor));
    if (result === 'exists') throw new Problem('theme_exists');
    return result;
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
    const territoryIds = query.territoryId ? await territoryFamily(deps.store.db, query.territoryId) : undefined;
    return searchDirectory(deps.store.db, { ...query, ...(territoryIds ? { territoryIds } : {}) });
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
    const result = await createOrganisation(ecosystemRepo(deps.store.db), body, userId(actor));
    if (!result.ok) throw new Problem(result.error, result.details);
    return result.value;
  },
});

const organisationRoute = defineRoute({
  ...api.organisation,
  summary: 'Fiche d’une organisation : personnes, thèmes, territoires, relations et historique',
  tags,
  action: 'ecosystem.read',
  refs: [{ at: 'params.id', unscoped: 'the directory is read by any signed-in user; relations are shown per relation' }],
  async handler({ params }, { deps, actor }): Promise<z.output<typeof organisationView>> {
    const db = deps.store.db;
    const org = await getOrganisation(db, params.id);
    if (!org) throw new Problem('organisation_not_found');
    const { assessments, partners } = await assessmentsOf(db, org.id);
    const visible = await relationVisibility(deps, actor);
    const ownTerritories = org.territories.map((t) => t.id);
    const states = relationStates(assessments);
    const relations = [];
    for (const s of states) {
      const partnerId = s.orgA === org.id ? s.orgB : s.orgA;
      const partner = partners.get(partnerId);
      if (!visible(s.orgA, s.orgB, [...ownTerritories, ...(partner?.territoryIds ?? [])])) continue;
      relations.push({
        partner: { id: partnerId, name: partner?.name ?? '' },
        level: s.level,
        label: continuumLabel(s.level),
        ownLevel: s.orgA === org.id ? s.levelA : s.levelB,
        partnerLevel: s.orgA === org.id ? s.levelB : s.levelA,
        disagreement: s.disagreement,
        history: assessments
          .filter((a) => a.orgA === s.orgA && a.orgB === s.orgB)
          .map((a) => ({
            id: a.id,
            side: a.side === org.id ? ('own' as const) : ('partner' as const),
            level: a.level,
            assessedOn: a.assessedOn,
            note: a.note,
            assessedBy: a.assessedBy,
          })),
      });
    }
    relations.sort((x, y) => y.level - x.level || x.partner.name.localeCompare(y.partner.name, 'fr'));
    const peopleCtx = { territoryIds: ownTerritories };
    return {
      ...org,
      people: org.people.map(({ userId: owner, ...p }) => ({
        ...p,
        // The contact itself is fetched from /people/:id/contact; this says whether the caller may.
        canSeeContact: can(actor, 'person.contact.read', { ...peopleCtx, ...(owner ? { ownerUserId: owner } : {}) }),
      })),
      relations,
      // What everyone sees: how many relations at each level, not with whom.
      aggregate: { relations: states.length, byLevel: levelCounts(states), hidden: states.length - relations.length },
      canAssess: can(actor, 'relation.assess', await organisationsContext(db, [org.id])),
      canEdit: can(actor, 'ecosystem.write', { territoryIds: ownTerritories }),
      canCurate: can(actor, 'ecosystem.curate', { territoryIds: ownTerritories }),
    };
  },
});

const updateOrganisationRoute = defineRoute({
  ...api.updateOrganisation,
  summary: 'Modifier une organisation (champs, territoires, thèmes)',
  tags,
  action: 'ecosystem.write',
  // Judged on the territories it acts on today; each territory added or removed is checked in the handler.
  refs: [
    { at: 'params.id', kind: 'organisation' },
    { at: 'body.territoryIds', checkedBy: 'each territory added or removed must be one the caller works on (handler)' },
    { at: 'body.communeId', checkedBy: 'a new commune is a territory added (handler)' },
    { at: 'body.themeIds', kind: 'theme' },
    { at: 'body.companyId', unscoped: 'a SIREN or SIRET number typed, not a reference' },
  ],
  async handler({ params, body }, { deps, actor }): Promise<z.output<typeof organisationSavedView>> {
    const current = new Set((await organisationsContext(deps.store.db, [params.id])).territoryIds);
    const target = new Set([...body.territoryIds, ...(body.communeId ? [body.communeId] : [])]);
    // Nobody adds an organisation to, or takes it from, a territory they do not work on.
    const changed = [...[...target].filter((t) => !current.has(t)), ...[...current].filter((t) => !target.has(t))];
    if (changed.some((t) => !can(actor, 'ecosystem.write', { territoryIds: [t] }))) throw new Problem('forbidden');
    const result = await updateOrganisation(ecosystemRepo(deps.store.db), params.id, body, userId(actor));
    if (!result.ok) throw new Problem(result.error, result.details);
    return result.value;
  },
});

const duplicatesRoute = defineRoute({
  ...api.duplicates,
  summary: 'Doublons probables parmi les organisations d’un territoire (même SIREN, ou même nom dans la même commune)',
  tags,
  action: 'ecosystem.curate',
  refs: [{ at: 'query.territoryId', kind: 'territory' }],
  handler: async ({ query }, { deps }): Promise<z.output<typeof duplicatePairsView>> => ({
    pairs: await probableDuplicates(deps.store.db, query.territoryId),
  }),
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
    const result = await mergeOrganisations(ecosystemRepo(deps.store.db), params.id, body.duplicateId, userId(actor));
    if (!result.ok) throw new Problem(result.error);
    return result.value;
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
      ecosystemRepo(deps.store.db),
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
    const person = await getPerson(deps.store.db, params.id);
    if (!person || person.erased) throw new Problem('person_not_found');
    const ctx = await personContext(deps.store.db, params.id);
    const { contact, userId: owner, ...rest } = person;
    const mayContact = can(actor, 'person.contact.read', ctx);
    const canDeclare = can(actor, 'acquaintance.declare', ctx);
    return {
      ...rest,
      isSelf: actor.kind === 'user' && owner === actor.userId,
      contact: mayContact ? contact : null,
      canDeclare,
      // Who knows whom is shown to those who may declare it: the person and their coordinators.
      acquaintances: canDeclare ? await acquaintancesOf(deps.store.db, params.id) : null,
    };
  },
});

const personContactRoute = defineRoute({
  ...api.personContact,
  summary: 'Coordonnées d’une personne',
  tags,
  action: 'person.contact.read',
  refs: [{ at: 'params.id', kind: 'person' }],
  async handler({ params }, { deps }): Promise<z.output<typeof personContactView>> {
    const person = await getPerson(deps.store.db, params.id);
    if (!person || person.erased) throw new Problem('person_not_found');
    return person.contact;
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
    const data = await exportPersonData(deps.store.db, params.id);
    if (!data) throw new Problem('person_not_found');
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
    const erased = await erasePerson(deps.store.db, params.id, userId(actor));
    if (!erased) throw new Problem('person_not_found');
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
    if (body.personId === body.knownPersonId) throw new Problem('same_person');
    const [p, q] = await Promise.all([getPerson(deps.store.db, body.personId), getPerson(deps.store.db, body.knownPersonId)]);
    if (!p || !q || p.erased || q.erased) throw new Problem('person_not_found');
    await addAcquaintance(deps.store.db, body.personId, body.knownPersonId, 'declared', { declaredBy: userId(actor), metOn: today(deps) });
    return { ok: true as const };
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
    const result = await assessRelation(ecosystemRepo(deps.store.db), body, userId(actor), today(deps));
    if (!result.ok) throw new Problem(result.error);
    return result.value;
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
    const history = await relationHistory(deps.store.db, params.a, params.b);
    const [state] = relationStates(history);
    return {
      organisations: [params.a, params.b],
      current: state
        ? {
            level: state.level,
            label: continuumLabel(state.level),
            levelA: state.levelA,
            levelB: state.levelB,
            disagreement: state.disagreement,
          }
        : null,
      history: history.map((h) => ({
        id: h.id,
        onBehalfOf: h.side,
        level: h.level,
        label: continuumLabel(h.level),
        assessedOn: h.assessedOn,
        note: h.note,
        assessedBy: h.assessedBy,
      })),
    };
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
    const at = query.at ?? today(deps);
    const [graph, mine] = await Promise.all([
      ecosystemMap(deps.store.db, {
        territoryId: query.territoryId,
        themeId: query.themeId,
        kind: query.kind,
        at,
        current: at >= today(deps),
      }),
      actor.kind === 'user' ? organisationsOfUser(deps.store.db, actor.userId) : Promise.resolve(new Set<string>()),
    ]);
    // 'relation.read' holds for a pair when it holds for either organisation alone (coordinator of
    // one of its territories, or member of it): decided once per node, not once per relation.
    const sees = graph.nodes.map(([id, , , territoryIds]) => {
      const ctx: EcosystemContext = { territoryIds, memberUserIds: actor.kind === 'user' && mine.has(id) ? [actor.userId] : [] };
      return can(actor, 'relation.read', ctx);
    });
    const degree = new Array<number>(graph.nodes.length).fill(0);
    const best = new Array<number>(graph.nodes.length).fill(0);
    // Compact edges, [source index, target index, level or null when hidden, 1 when the sides
    // disagree]: 10,000 relations weigh ~150 KB instead of ~1.5 MB of objects.
    const edges: [number, number, number | null, 0 | 1][] = [];
    let hidden = 0;
    for (const [a, b, levelA, levelB] of graph.edges) {
      const { level, disagreement } = retainedLevel(levelA, levelB);
      const show = sees[a] || sees[b];
      if (!show) hidden++;
      // Without the right to see levels, a minimum-level filter would leak them: hide those edges.
      if (show ? level < query.minLevel : query.minLevel > 1) continue;
      edges.push([a, b, show ? level : null, show && disagreement ? 1 : 0]);
      degree[a] = (degree[a] as number) + 1;
      degree[b] = (degree[b] as number) + 1;
      if (show) {
        best[a] = Math.max(best[a] as number, level);
        best[b] = Math.max(best[b] as number, level);
      }
    }
    return {
      at,
      nodes: graph.nodes.map(([id, name, kind], i) => ({ id, name, kind, relations: degree[i] ?? 0, level: best[i] || null })),
      edges,
      hiddenLevels: hidden,
    };
  },
});

const dashboardRoute = defineRoute({
  ...api.dashboard,
  summary: 'Tableau de bord d’un territoire : relations par niveau, évolution sur 12 mois, organisations isolées',
  tags,
  action: 'ecosystem.territory',
  refs: [{ at: 'query.territoryId', kind: 'territory' }],
  async handler({ query }, { deps }): Promise<z.output<typeof ecosystemDashboardView>> {
    const day = today(deps);
    const { organisations, facts } = await territoryAssessments(deps.store.db, query.territoryId);
    const states = relationStates(facts, day);
    // "Cooperates with nobody yet": no relation above coexistence (levels 1 and 2 are not cooperation).
    const cooperating = new Set(states.filter((s) => s.level >= 3).flatMap((s) => [s.orgA, s.orgB]));
    return {
      organisations: organisations.length,
      relations: states.length,
      levels: levelCounts(states).map((count, i) => ({ level: i + 1, label: continuumLabel(i + 1), count })),
      history: levelHistory(facts, monthEnds(day, 12)),
      isolated: organisations.filter((o) => !cooperating.has(o.id)),
    };
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
    const data = await mobiliseCandidates(deps.store.db, query.territoryId, query.themeId, today(deps));
    if (data.theme === null) throw new Problem('theme_not_found');
    const states = relationStates(data.facts);
    const strong = new Map<string, number>();
    const any = new Map<string, number>();
    for (const s of states) {
      for (const id of [s.orgA, s.orgB]) {
        any.set(id, (any.get(id) ?? 0) + 1);
        if (s.level >= 4) strong.set(id, (strong.get(id) ?? 0) + 1);
      }
    }
    const ranked = rankForMobilisation([
      ...data.organisations.map((o) => ({
        id: o.id,
        type: 'organisation' as const,
        name: o.name,
        hasTheme: o.has_theme,
        actsOnTerritory: o.on_territory,
        strongRelations: strong.get(o.id) ?? 0,
        relations: any.get(o.id) ?? 0,
        resourcePeople: Number(o.resource_people),
      })),
      ...data.people.map((p) => ({
        id: p.id,
        type: 'person' as const,
        name: p.name,
        hasTheme: p.has_theme,
        isResource: true,
        resourceMatches: p.resource_matches,
        actsOnTerritory: p.on_territory,
        strongRelations: 0,
        relations: 0,
      })),
    ]);
    const details = new Map<string, string | null>([
      ...data.organisations.map((o) => [o.id, o.kind] as [string, string]),
      ...data.people.map(
        (p) => [p.id, [p.function, ...(p.organisations ?? [])].filter(Boolean).join(', ') || null] as [string, string | null],
      ),
    ]);
    return {
      theme: data.theme,
      results: ranked.map((r) => ({
        id: r.id,
        type: r.type,
        name: r.name,
        detail: details.get(r.id) ?? null,
        score: r.score,
        reasons: [...r.reasons],
      })),
    };
  },
});

async function planImport(deps: AppDeps, body: z.infer<typeof importBody>) {
  const bytes = new Uint8Array(Buffer.from(body.contentBase64, 'base64'));
  const lookups = await importLookups(deps.store.db, body.territoryId);
  return body.kind === 'organisations'
    ? { kind: 'organisations' as const, plan: planOrganisationImport(bytes, lookups) }
    : {
        kind: 'people' as const,
        plan: planPeopleImport(bytes, { ...lookups, existingPerson: await existingPeopleIndex(deps.store.db, body.territoryId) }),
      };
}

function presentPlan(plan: ReturnType<typeof planOrganisationImport> | ReturnType<typeof planPeopleImport>): ImportPreviewView {
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
    return presentPlan((await planImport(deps, body)).plan);
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
    const { kind, plan } = await planImport(deps, body);
    if (plan.summary.errors > 0) throw new Problem('import_has_errors', presentPlan(plan));
    if (plan.rows.length === 0) throw new Problem('import_empty');
    const options = { importDuplicates: body.importDuplicates, actorUserId: userId(actor), territoryId: body.territoryId };
    const written =
      kind === 'organisations'
        ? await writeOrganisationImport(deps.store.db, (plan as ReturnType<typeof planOrganisationImport>).rows, options)
        : await writePeopleImport(deps.store.db, (plan as ReturnType<typeof planPeopleImport>).rows, options);
    return { ...written, summary: plan.summary };
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
    const data = await territoryExport(deps.store.db, query.territoryId);
    const people = data.people.map((p) => {
      const show = can(actor, 'person.contact.read', {
        territoryIds: p.territory_ids ?? [],
        ...(p.user_id ? { ownerUserId: p.user_id } : {}),
      });
      return {
        name: p.name,
        function: p.function,
        organisations: p.organisations ?? [],
        isResource: p.is_resource,
        resourceFor: p.resource_for,
        email: show ? p.email : null,
        phone: show ? p.phone : null,
        contactConsentOn: show ? p.contact_consent_on : null,
      };
    });
    const organisations = data.organisations.map(({ territory_ids: _t, ...o }) => ({
      ...o,
      territories: o.territories ?? [],
      themes: o.themes ?? [],
    }));
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
export const ecosystemRoutes: RouteSpec<any, any, any, any>[] = [
  listThemesRoute,
  addThemeRoute,
  directoryRoute,
  createOrganisationRoute,
  organisationRoute,
  updateOrganisationRoute,
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
