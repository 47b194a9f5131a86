import { compareFrench } from '../shared/collation';
import type { Actor } from '../accounts/index';
import { can } from '../policy';
import { fail, ok, type Result } from '../shared/result';
import { rankForMobilisation } from './mobilise';
import { continuumLabel, levelCounts, levelHistory, monthEnds, relationStates, retainedLevel } from './model';
import type { EcosystemRepo, ExportedOrganisationRow } from './ports';
import type { DirectoryQuery, MapQuery } from './schemas';
import type { EcosystemContext } from './permissions';
import type {
  DirectoryView,
  DuplicatePairsView,
  EcosystemDashboardView,
  EcosystemMapView,
  MobiliseView,
  OrganisationView,
  PersonContactView,
  PersonView,
  RelationView,
  ThemeListView,
} from './views';

/**
 * Decides, relation by relation, whether the actor sees its levels and notes: the same rule
 * as `readRelation`'s route, with the actor's own memberships.
 */
async function relationVisibility(repo: EcosystemRepo, actor: Actor) {
  const mine = actor.kind === 'user' ? await repo.organisationsOfUser(actor.userId) : new Set<string>();
  return (a: string, b: string, territoryIds: readonly string[]) => {
    const ctx: EcosystemContext = {
      territoryIds,
      memberUserIds: actor.kind === 'user' && (mine.has(a) || mine.has(b)) ? [actor.userId] : [],
    };
    return can(actor, 'relation.read', ctx);
  };
}

/** Themes usable on a territory: the shared list and those added on it or its ancestors. */
export async function listThemes(repo: EcosystemRepo, territoryId: string | undefined): Promise<ThemeListView> {
  return { themes: await repo.listThemes(territoryId) };
}

/** The directory, filtered on a territory with everything around and below it. */
export async function searchDirectory(repo: EcosystemRepo, query: DirectoryQuery): Promise<DirectoryView> {
  const territoryIds = query.territoryId ? await repo.territoryFamily(query.territoryId) : undefined;
  return repo.searchDirectory({ ...query, ...(territoryIds ? { territoryIds } : {}) });
}

/**
 * An organisation's page: its people (and whether the caller may see each one's contact), its
 * relations the caller may read, the aggregate everyone sees, and what the caller may do.
 */
export async function readOrganisation(
  repo: EcosystemRepo,
  actor: Actor,
  id: string,
): Promise<Result<OrganisationView, 'organisation_not_found'>> {
  const org = await repo.getOrganisation(id);
  if (!org) return fail('organisation_not_found');
  const { assessments, partners } = await repo.assessmentsOf(org.id);
  const visible = await relationVisibility(repo, actor);
  const ownTerritories = org.territories.map((t) => t.id);
  const states = relationStates(assessments);
  const relations: OrganisationView['relations'] = [];
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
  relations.sort((x, y) => y.level - x.level || compareFrench(x.partner.name, y.partner.name));
  const peopleCtx = { territoryIds: ownTerritories };
  const orgCtx = await repo.organisationsContext([org.id]);
  return ok({
    ...org,
    people: org.people.map(({ userId: owner, ...p }) => ({
      ...p,
      // The contact itself is fetched from /people/:id/contact; this says whether the caller may.
      canSeeContact: can(actor, 'person.contact.read', { ...peopleCtx, ...(owner ? { ownerUserId: owner } : {}) }),
    })),
    relations,
    // What everyone sees: how many relations at each level, not with whom.
    aggregate: { relations: states.length, byLevel: levelCounts(states), hidden: states.length - relations.length },
    canAssess: can(actor, 'relation.assess', orgCtx),
    canEdit: can(actor, 'organisation.edit', orgCtx),
    canPropose: can(actor, 'organisation.propose', orgCtx),
    canDecide: can(actor, 'organisation.decide', orgCtx),
    canCurate: can(actor, 'ecosystem.curate', { territoryIds: ownTerritories }),
  });
}

/** Probable duplicates among a territory's organisations. */
export async function listDuplicates(repo: EcosystemRepo, territoryId: string): Promise<DuplicatePairsView> {
  return { pairs: await repo.probableDuplicates(territoryId) };
}

/** A person's page: contact details and acquaintances only for who may see them. */
export async function readPerson(repo: EcosystemRepo, actor: Actor, id: string): Promise<Result<PersonView, 'person_not_found'>> {
  const person = await repo.getPerson(id);
  if (!person || person.erased) return fail('person_not_found');
  const ctx = await repo.personContext(id);
  const { contact, userId: owner, ...rest } = person;
  const canDeclare = can(actor, 'acquaintance.declare', ctx);
  return ok({
    ...rest,
    isSelf: actor.kind === 'user' && owner === actor.userId,
    contact: can(actor, 'person.contact.read', ctx) ? contact : null,
    canDeclare,
    // Who knows whom is shown to those who may declare it: the person and their coordinators.
    acquaintances: canDeclare ? await repo.acquaintancesOf(id) : null,
  });
}

/** A person's contact details (the route is authorised on the person). */
export async function readPersonContact(repo: EcosystemRepo, id: string): Promise<Result<PersonContactView, 'person_not_found'>> {
  const person = await repo.getPerson(id);
  if (!person || person.erased) return fail('person_not_found');
  return ok(person.contact);
}

/** The history of a relation between two organisations, with each side's assessment. */
export async function readRelation(repo: EcosystemRepo, a: string, b: string): Promise<RelationView> {
  const history = await repo.relationHistory(a, b);
  const [state] = relationStates(history);
  return {
    organisations: [a, b],
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
}

/**
 * The ecosystem map at a date, levels shown only on the relations the caller may read. Without
 * that right, a minimum-level filter would leak them: those edges are hidden.
 */
export async function readEcosystemMap(repo: EcosystemRepo, actor: Actor, query: MapQuery, today: string): Promise<EcosystemMapView> {
  const at = query.at ?? today;
  const [graph, mine] = await Promise.all([
    repo.ecosystemMap({ territoryId: query.territoryId, themeId: query.themeId, kind: query.kind, at, current: at >= today }),
    actor.kind === 'user' ? repo.organisationsOfUser(actor.userId) : Promise.resolve(new Set<string>()),
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
}

/** A territory's dashboard: relations by level, their evolution over 12 months, isolated organisations. */
export async function readDashboard(repo: EcosystemRepo, territoryId: string, today: string): Promise<EcosystemDashboardView> {
  const { organisations, facts } = await repo.territoryAssessments(territoryId);
  const states = relationStates(facts, today);
  // "Cooperates with nobody yet": no relation above coexistence (levels 1 and 2 are not cooperation).
  const cooperating = new Set(states.filter((s) => s.level >= 3).flatMap((s) => [s.orgA, s.orgB]));
  return {
    organisations: organisations.length,
    relations: states.length,
    levels: levelCounts(states).map((count, i) => ({ level: i + 1, label: continuumLabel(i + 1), count })),
    history: levelHistory(facts, monthEnds(today, 12)),
    isolated: organisations.filter((o) => !cooperating.has(o.id)),
  };
}

/** "Who should we mobilise?": organisations and resource people ranked for a theme and a territory, with the reasons. */
export async function whoToMobilise(
  repo: EcosystemRepo,
  territoryId: string,
  themeId: string,
  today: string,
): Promise<Result<MobiliseView, 'theme_not_found'>> {
  const data = await repo.mobiliseCandidates(territoryId, themeId, today);
  if (data.theme === null) return fail('theme_not_found');
  const states = relationStates(data.facts);
  const strong = new Map<string, number>();
  const all = new Map<string, number>();
  for (const s of states) {
    for (const id of [s.orgA, s.orgB]) {
      all.set(id, (all.get(id) ?? 0) + 1);
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
      relations: all.get(o.id) ?? 0,
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
  return ok({
    theme: data.theme,
    results: ranked.map((r) => ({
      id: r.id,
      type: r.type,
      name: r.name,
      detail: details.get(r.id) ?? null,
      score: r.score,
      reasons: [...r.reasons],
    })),
  });
}

/** An organisation as exported: its territories and themes by name. */
export type ExportedOrganisation = Omit<ExportedOrganisationRow, 'territory_ids' | 'territories' | 'themes'> & {
  territories: string[];
  themes: string[];
};

export interface ExportedPerson {
  name: string;
  function: string | null;
  organisations: string[];
  isResource: boolean;
  resourceFor: string | null;
  email: string | null;
  phone: string | null;
  contactConsentOn: string | null;
}

/** A territory's ecosystem as the caller may export it: contact details only of the people whose contact the caller may read. */
export async function exportTerritory(
  repo: EcosystemRepo,
  actor: Actor,
  territoryId: string,
): Promise<{ organisations: ExportedOrganisation[]; people: ExportedPerson[] }> {
  const data = await repo.territoryExport(territoryId);
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
  return { organisations, people };
}

/** Everything held about a person (RGPD articles 15 and 20). */
export async function exportPersonalData(
  repo: EcosystemRepo,
  personId: string,
): Promise<Result<Record<string, unknown>, 'person_not_found'>> {
  const data = await repo.exportPersonData(personId);
  return data ? ok(data) : fail('person_not_found');
}
