import { DEMO_ADVANCED_COLLECTIVE } from '../collectives/demo';
import {
  addChangeDecider,
  addLinkDecider,
  addReviewDecider,
  createPathway,
  type PathwayAuthor,
  type PathwayDecider,
  type PathwaysDeps,
  putIndicatorDecider,
  SEED003_TEMPLATE,
  type StoredPathwayView,
} from '@maillage/core';
import type { Kysely } from 'kysely';
import type { DemoContext, DemoExtender } from '../demo/seed';
import type { DB } from '../schema';
import { pathwaysRepo } from './store';

const textOf = (key: string) => SEED003_TEMPLATE.changes.find((c) => c.key === key)?.text as string;

async function apply(deps: PathwaysDeps, view: StoredPathwayView, author: PathwayAuthor, decide: PathwayDecider<string>, action: string) {
  const written = await deps.repo.write(view.id, decide, author, {
    actorUserId: author.userId,
    action,
    entityType: 'pathway',
    entityId: view.id,
    territoryId: view.territoryId,
  });
  if (!written.ok) throw new Error(`demo pathway: ${written.error}`);
  return written.value;
}

const author = async (db: Kysely<DB>, userId: string): Promise<PathwayAuthor> => {
  const user = await db.selectFrom('users').select('display_name').where('id', '=', userId).executeTakeFirst();
  return { userId, name: user?.display_name ?? null };
};

/**
 * The demo territory's pathway, made from seed 003's example: two indicators with a baseline and a
 * target, and one review with its lights. Idempotent: found by its title on the territory.
 */
async function territoryPathway(db: Kysely<DB>, ctx: DemoContext): Promise<string> {
  const existing = await db
    .selectFrom('pathways')
    .select('id')
    .where('territory_id', '=', ctx.territoryId)
    .where('collective_id', 'is', null)
    .where('title', '=', SEED003_TEMPLATE.title)
    .executeTakeFirst();
  if (existing) return existing.id;
  const deps = { repo: pathwaysRepo(db) };
  const by = await author(db, ctx.userIds.coordinator);
  let view = await createPathway(
    deps,
    { title: SEED003_TEMPLATE.title, territoryId: ctx.territoryId, collectiveId: null, template: 'seed003' },
    by,
  );
  const id = (key: string) => view.changes.find((c) => c.text === textOf(key))?.id as string;
  view = await apply(
    deps,
    view,
    by,
    putIndicatorDecider(null, {
      changeId: id('contactes'),
      name: 'Parents contactés au moins 3 fois dans l’année',
      unit: '%',
      source: 'Fiches de suivi des structures de quartier',
      method: 'Relevé trimestriel des contacts par structure',
      frequency: 'trimestrielle',
      reporter: 'Centres sociaux',
      baselineValue: 18,
      baselineYear: 2025,
      targetValue: 75,
      targetYear: 2028,
    }),
    'pathway.indicator.add',
  );
  view = await apply(
    deps,
    view,
    by,
    putIndicatorDecider(null, {
      changeId: id('instances'),
      name: 'Structures dotées d’une instance avec des parents',
      unit: 'structures',
      source: 'Enquête annuelle auprès des structures',
      method: 'Questionnaire',
      frequency: 'annuelle',
      reporter: 'Chargée de coopération',
      baselineValue: 3,
      baselineYear: 2025,
      targetValue: 12,
      targetYear: 2028,
    }),
    'pathway.indicator.add',
  );
  view = await apply(
    deps,
    view,
    by,
    addReviewDecider({
      heldOn: '2026-10-15',
      summary: 'Première revue avec les partenaires : l’aller-vers démarre lentement, les instances avancent.',
      lights: [
        { changeId: id('informes'), light: 'en_bonne_voie', comment: 'Livret d’accueil distribué dans les trois QPV' },
        { changeId: id('contactes'), light: 'a_risque', comment: 'Deux structures sur cinq seulement relancent les familles' },
        { changeId: id('formes'), light: 'pas_commence', comment: 'Formation prévue au printemps' },
        { changeId: id('instances'), light: 'en_bonne_voie', comment: '' },
        { changeId: id('passerelles'), light: 'hors_trajectoire', comment: 'Pas de lieu commun trouvé' },
      ],
    }),
    'pathway.review.add',
  );
  return view.id;
}

/**
 * A collective's pathway whose changes contribute to the territory's. It needs a collective of the
 * demo territory: the current demo creates none, so this runs when one exists (the collectives
 * demo, being written on another branch, is expected to create some before this extender runs).
 */
export async function seedCollectivePathwayDemo(db: Kysely<DB>, ctx: DemoContext, collectiveId: string, territoryPathwayId: string) {
  const existing = await db.selectFrom('pathways').select('id').where('collective_id', '=', collectiveId).executeTakeFirst();
  if (existing) return existing.id;
  const collective = await db
    .selectFrom('collectives')
    .select(['name', 'territory_id'])
    .where('id', '=', collectiveId)
    .executeTakeFirstOrThrow();
  const deps = { repo: pathwaysRepo(db) };
  const by = await author(db, ctx.userIds.facilitator);
  const territory = await db.selectFrom('pathway_changes').select(['id', 'text']).where('pathway_id', '=', territoryPathwayId).execute();
  const target = (key: string) => territory.find((c) => c.text === textOf(key))?.id as string;
  let view = await createPathway(
    deps,
    { title: `Chemin du collectif « ${collective.name} »`, territoryId: collective.territory_id, collectiveId },
    by,
  );
  const contributable = await deps.repo.contributable(view.id, [target('contactes'), target('passerelles')]);
  view = await apply(
    deps,
    view,
    by,
    addChangeDecider(
      {
        horizon: 'court',
        text: 'Chaque parent relais appelle dix familles du quartier par trimestre.',
        contributesTo: [target('contactes')],
      },
      contributable,
    ),
    'pathway.change.add',
  );
  view = await apply(
    deps,
    view,
    by,
    addChangeDecider(
      {
        horizon: 'moyen',
        text: 'Les parents relais orientent les familles vers les structures du quartier.',
        contributesTo: [target('passerelles')],
      },
      contributable,
    ),
    'pathway.change.add',
  );
  const [court, moyen] = view.changes;
  view = await apply(deps, view, by, addLinkDecider({ from: court?.id as string, to: moyen?.id as string }), 'pathway.link.add');
  view = await apply(deps, view, by, addLinkDecider({ from: moyen?.id as string, to: null }), 'pathway.link.add');
  return view.id;
}

/** The demo's change pathways (idempotent). */
export const seedChangeDemo: DemoExtender = async (db, ctx) => {
  const territoryPathwayId = await territoryPathway(db, ctx);
  // The demo's advanced collective (or else the first of the territory) gets its pathway,
  // contributing to the territory's.
  const collective = await db
    .selectFrom('collectives')
    .select('id')
    .where('territory_id', 'in', [ctx.territoryId, ...ctx.communeIds, ...ctx.quartierIds])
    .orderBy((eb) => eb.case().when('name', '=', DEMO_ADVANCED_COLLECTIVE).then(0).else(1).end())
    .orderBy('created_at')
    .orderBy('id')
    .executeTakeFirst();
  if (collective) await seedCollectivePathwayDemo(db, ctx, collective.id, territoryPathwayId);
};
