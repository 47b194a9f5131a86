import { organisationNameKey, relationKey, searchKey } from '@maillage/core';
import type { Kysely } from 'kysely';
import type { DemoContext } from '../demo/seed';
import type { DB } from '../schema';

/** Where an organisation acts: the agglomeration, a commune (0, 1) or a QPV (q0, q1, q2). */
type Place = 'agglo' | 0 | 1 | 'q0' | 'q1' | 'q2';

/** Entirely fictional organisations of the Val-de-Lys. */
const namedOrganisations: readonly { name: string; kind: string; places: Place[]; themes: string[]; description: string }[] = [
  {
    name: 'Association Les Jardins partagés des Tilleuls',
    kind: 'association',
    places: ['q0'],
    themes: ['alimentation', 'isolement', 'bien-être'],
    description: 'Jardins au pied des immeubles, ateliers cuisine et repas partagés.',
  },
  {
    name: 'Centre social des Coteaux',
    kind: 'centre_social',
    places: ['q2', 0, 1],
    themes: ['parentalité', 'jeunesse', 'accès aux droits'],
    description: 'Accueil des familles, accompagnement à la scolarité, permanences d’accès aux droits.',
  },
  {
    name: 'Centre social Croix-Verte',
    kind: 'centre_social',
    places: ['q1'],
    themes: ['parentalité', 'isolement', 'numérique'],
    description: 'Lieu d’accueil parents-enfants et espace numérique.',
  },
  {
    name: 'Ville de Lysbourg — service politique de la ville',
    kind: 'collectivite',
    places: [0],
    themes: ['tranquillité publique', 'habitat', 'réussite éducative'],
    description: 'Pilotage du contrat de ville à Lysbourg.',
  },
  {
    name: 'Mairie de Bellerive-sur-Lys',
    kind: 'collectivite',
    places: [1],
    themes: ['jeunesse', 'sport', 'culture'],
    description: 'Services municipaux et élus de Bellerive.',
  },
  {
    name: 'Agglomération du Val-de-Lys — cohésion sociale',
    kind: 'collectivite',
    places: ['agglo'],
    themes: ['emploi', 'mobilité', 'habitat'],
    description: 'Direction de la cohésion sociale de l’agglomération.',
  },
  {
    name: 'Délégation du préfet Val-de-Lys',
    kind: 'etat',
    places: ['agglo'],
    themes: ['accès aux droits', 'emploi', 'tranquillité publique'],
    description: 'Délégués du préfet pour les quartiers prioritaires.',
  },
  {
    name: 'Collège Jean-Vilar (fictif)',
    kind: 'etat',
    places: [0],
    themes: ['réussite éducative', 'jeunesse'],
    description: 'Collège du réseau d’éducation prioritaire.',
  },
  {
    name: 'CAF du Val-de-Lys (fictive)',
    kind: 'caf',
    places: ['agglo'],
    themes: ['parentalité', 'accès aux droits', 'habitat'],
    description: 'Prestations, action sociale, convention territoriale globale.',
  },
  {
    name: 'Lys Habitat',
    kind: 'bailleur',
    places: ['q0', 'q1'],
    themes: ['habitat', 'tranquillité publique'],
    description: 'Bailleur social, gestion de proximité, abattement TFPB.',
  },
  {
    name: 'Coteaux Logis',
    kind: 'bailleur',
    places: ['q2'],
    themes: ['habitat', 'isolement'],
    description: 'Bailleur social des Coteaux.',
  },
  {
    name: 'Régie de quartier Lys-Services',
    kind: 'association',
    places: ['q0', 'q1'],
    themes: ['emploi', 'habitat'],
    description: 'Insertion par l’activité économique, entretien des espaces.',
  },
  {
    name: 'Mission locale Val-de-Lys',
    kind: 'association',
    places: ['agglo'],
    themes: ['emploi', 'jeunesse', 'mobilité'],
    description: 'Accompagnement des 16-25 ans.',
  },
  {
    name: 'Club de boxe éducative des Tilleuls',
    kind: 'association',
    places: ['q0'],
    themes: ['sport', 'jeunesse'],
    description: 'Boxe éducative et accompagnement des jeunes.',
  },
  {
    name: 'Compagnie théâtrale La Lanterne',
    kind: 'association',
    places: [1, 'q2'],
    themes: ['culture', 'jeunesse'],
    description: 'Ateliers de théâtre avec les habitants.',
  },
  {
    name: 'Épicerie solidaire Le Panier lysien',
    kind: 'association',
    places: [0],
    themes: ['alimentation', 'accès aux droits'],
    description: 'Épicerie à petits prix et ateliers budget.',
  },
  {
    name: 'Collectif des habitants des Coteaux',
    kind: 'collectif_habitants',
    places: ['q2'],
    themes: ['tranquillité publique', 'isolement', 'culture'],
    description: 'Habitants mobilisés pour la vie du quartier.',
  },
  {
    name: 'Collectif Mamans de la Croix-Verte',
    kind: 'collectif_habitants',
    places: ['q1'],
    themes: ['parentalité', 'santé'],
    description: 'Entraide entre parents et actions santé.',
  },
  {
    name: 'Maison de santé pluriprofessionnelle des Tilleuls',
    kind: 'entreprise',
    places: ['q0'],
    themes: ['santé', 'bien-être'],
    description: 'Médecins, infirmiers, médiation santé.',
  },
  {
    name: 'Auto-école sociale Permis de rouler',
    kind: 'association',
    places: ['agglo'],
    themes: ['mobilité', 'emploi'],
    description: 'Permis de conduire accompagné pour les publics éloignés de l’emploi.',
  },
  {
    name: 'Association Numérique pour tous',
    kind: 'association',
    places: [0, 1],
    themes: ['numérique', 'accès aux droits'],
    description: 'Ateliers numériques et aide aux démarches en ligne.',
  },
  {
    name: 'Réussite éducative de Lysbourg',
    kind: 'collectivite',
    places: [0],
    themes: ['réussite éducative', 'parentalité'],
    description: 'Programme de réussite éducative.',
  },
  {
    name: 'Centre de ressources Ville et Territoires Lys (fictif)',
    kind: 'centre_ressources',
    places: ['agglo'],
    themes: ['accès aux droits', 'emploi', 'réussite éducative'],
    description: 'Centre de ressources politique de la ville : formations et qualification des acteurs.',
  },
  {
    name: 'Boulangerie coopérative du Marché',
    kind: 'entreprise',
    places: [1],
    themes: ['alimentation', 'emploi'],
    description: 'Entreprise partenaire des chantiers d’insertion.',
  },
  {
    name: 'Association Sport et Santé Bellerive',
    kind: 'association',
    places: [1],
    themes: ['sport', 'santé', 'bien-être'],
    description: 'Sport sur ordonnance et marche nordique.',
  },
  {
    name: 'Médiathèque des Coteaux',
    kind: 'collectivite',
    places: ['q2'],
    themes: ['culture', 'numérique'],
    description: 'Lecture publique, ateliers et accueil des classes.',
  },
  {
    name: 'Association Femmes relais du Val-de-Lys',
    kind: 'association',
    places: ['q0', 'q1', 'q2'],
    themes: ['accès aux droits', 'parentalité', 'santé'],
    description: 'Médiation sociale et culturelle.',
  },
  {
    name: 'Club de prévention Horizons',
    kind: 'association',
    places: [0, 1],
    themes: ['jeunesse', 'tranquillité publique'],
    description: 'Éducateurs de rue.',
  },
];

type DemoPerson = { name: string; fn: string; org: number; resource?: string; themes?: string[]; account?: 'member1' | 'member2' };

const namedPeople: readonly DemoPerson[] = [
  { name: 'Awa Diallo', fn: 'Coordinatrice bénévole', org: 0, account: 'member1' },
  { name: 'Julien Roche', fn: 'Directeur', org: 1, account: 'member2' },
  { name: 'Nadia Benali', fn: 'Référente familles', org: 1, resource: 'parentalité, soutien aux familles', themes: ['parentalité'] },
  { name: 'Karim Haddad', fn: 'Directeur', org: 2 },
  {
    name: 'Sophie Lemaire',
    fn: 'Cheffe de projet contrat de ville',
    org: 3,
    resource: 'montage de projets, appels à projets',
    themes: ['réussite éducative'],
  },
  { name: 'Marc Delorme', fn: 'Adjoint à la jeunesse', org: 4 },
  { name: 'Claire Fontaine', fn: 'Directrice de la cohésion sociale', org: 5 },
  { name: 'Yannick Perrot', fn: 'Délégué du préfet', org: 6, resource: 'droit commun, financements de l’État', themes: ['emploi'] },
  { name: 'Fatou Sow', fn: 'Principale adjointe', org: 7 },
  {
    name: 'Élodie Marchand',
    fn: 'Conseillère territoriale',
    org: 8,
    resource: 'parentalité, convention territoriale globale',
    themes: ['parentalité'],
  },
  { name: 'Bruno Carré', fn: 'Responsable de proximité', org: 9 },
  { name: 'Amélie Roux', fn: 'Chargée de développement social', org: 10 },
  { name: 'Samir Ouali', fn: 'Encadrant technique', org: 11 },
  { name: 'Léa Girard', fn: 'Conseillère emploi', org: 12, resource: 'emploi des jeunes', themes: ['emploi', 'jeunesse'] },
  { name: 'Moussa Keita', fn: 'Entraîneur', org: 13, resource: 'jeunesse, sport', themes: ['sport'] },
  { name: 'Pauline Vidal', fn: 'Metteuse en scène', org: 14 },
  { name: 'Henri Blanchard', fn: 'Président', org: 15 },
  { name: 'Zohra Mansouri', fn: 'Habitante, porte-parole', org: 16, resource: 'mobilisation des habitants', themes: ['isolement'] },
  { name: 'Aïcha Traoré', fn: 'Habitante', org: 17 },
  { name: 'Dr Luc Morel', fn: 'Médecin coordinateur', org: 18, resource: 'santé, prévention', themes: ['santé'] },
  { name: 'Inès Carpentier', fn: 'Médiatrice santé', org: 18, resource: 'santé des femmes, accès aux soins', themes: ['santé'] },
  { name: 'Thomas Lefèvre', fn: 'Directeur', org: 19 },
  { name: 'Salomé Petit', fn: 'Animatrice numérique', org: 20, resource: 'inclusion numérique', themes: ['numérique'] },
  { name: 'Olivier Brun', fn: 'Coordinateur', org: 21 },
  { name: 'Camille Ferrand', fn: 'Chargée de mission', org: 22, resource: 'évaluation, coopération', themes: ['réussite éducative'] },
  { name: 'Rémi Gauthier', fn: 'Gérant', org: 23 },
  { name: 'Lina Cherif', fn: 'Éducatrice sportive', org: 24, resource: 'sport santé', themes: ['santé', 'sport'] },
  { name: 'Valérie Hubert', fn: 'Bibliothécaire', org: 25 },
  { name: 'Mariam Cissé', fn: 'Femme relais', org: 26, resource: 'médiation, accès aux droits', themes: ['accès aux droits'] },
  { name: 'Hugo Lambert', fn: 'Éducateur de rue', org: 27 },
];

/** Relations with their story: [a, b, [months ago, level, side ('a'|'b'), note?][]] */
type Step = [number, number, 'a' | 'b', string?];
/** Smaller associations and services, so the demo territory has about forty organisations. */
const moreOrganisations: typeof namedOrganisations = [
  ['Amicale des locataires de la Croix-Verte', 'collectif_habitants', ['q1'], ['habitat']],
  ['Club de boxe éducative de Lysbourg', 'association', [0], ['sport', 'jeunesse']],
  ['Atelier vélo solidaire Bellerive', 'association', [1], ['mobilité']],
  ['Lecture et partage aux Coteaux', 'association', ['q2'], ['culture', 'réussite éducative']],
  ['Médiathèque intercommunale du Val-de-Lys', 'collectivite', ['agglo'], ['culture', 'numérique']],
  ['Service jeunesse de Bellerive-sur-Lys', 'collectivite', [1], ['jeunesse']],
  ['Épicerie sociale Le Panier des Tilleuls', 'association', ['q0'], ['alimentation', 'accès aux droits']],
  ['Maison de santé pluriprofessionnelle des Coteaux', 'association', ['q2'], ['santé']],
  ['Écrivains publics du Val-de-Lys', 'association', ['agglo'], ['accès aux droits', 'numérique']],
  ['Régie de quartier Lys Services', 'entreprise', [0, 'q0', 'q1'], ['emploi', 'habitat']],
  ['Mission locale du Val-de-Lys', 'association', ['agglo'], ['emploi', 'jeunesse']],
  ['Collectif des parents de la Croix-Verte', 'collectif_habitants', ['q1'], ['parentalité', 'réussite éducative']],
].map(([name, kind, places, themes]) => ({
  name: name as string,
  kind: kind as string,
  places: places as Place[],
  themes: themes as string[],
  description: 'Organisation fictive du territoire de démonstration.',
}));

const organisations = [...namedOrganisations, ...moreOrganisations];

const firstNames = [
  'Inès',
  'Marc',
  'Fatou',
  'Hugo',
  'Leïla',
  'Paul',
  'Aïcha',
  'Théo',
  'Samia',
  'Louis',
  'Chloé',
  'Yanis',
  'Maëlle',
  'Omar',
  'Sarah',
];
const lastNames = [
  'Morel',
  'Benaïssa',
  'Traoré',
  'Lefèvre',
  'Nguyen',
  'Da Silva',
  'Girard',
  'Kone',
  'Perrin',
  'Haddou',
  'Lambert',
  'Caron',
];
const functions = ['Bénévole', 'Animateur·rice', 'Chargé·e de mission', 'Médiateur·rice', 'Coordinateur·rice', 'Agent d’accueil'];

/** Members of every organisation, generated from fixed lists so the demo is the same every time: about 120 people in all. */
const people: readonly DemoPerson[] = [
  ...namedPeople,
  ...Array.from({ length: 120 - namedPeople.length }, (_, i) => ({
    name: `${firstNames[i % firstNames.length]} ${lastNames[(i * 7 + Math.floor(i / firstNames.length)) % lastNames.length]}`,
    fn: functions[i % functions.length] as string,
    org: (i * 5) % organisations.length,
  })),
];

const relations: readonly [number, number, Step[]][] = [
  [
    0,
    1,
    [
      [22, 3, 'a', 'Premiers échanges lors d’une journée de coopération'],
      [14, 4, 'b', 'Prêt de la salle pour les repas partagés'],
      [6, 5, 'a', 'Calendrier commun des animations'],
      [2, 6, 'b', 'Projet commun « Nourrir le quartier »'],
    ],
  ],
  [
    0,
    9,
    [
      [20, 2, 'a'],
      [11, 4, 'a', 'Le bailleur fournit l’eau et les bacs'],
      [3, 5, 'b', 'Financement TFPB des jardins'],
    ],
  ],
  [
    0,
    15,
    [
      [18, 3, 'a'],
      [5, 4, 'b', 'Dons de légumes à l’épicerie'],
    ],
  ],
  [
    0,
    17,
    [
      [16, 3, 'b'],
      [4, 5, 'a'],
    ],
  ],
  [
    1,
    2,
    [
      [23, 1, 'a', 'Concurrence sur l’appel à projets parentalité'],
      [12, 2, 'b'],
      [4, 4, 'a', 'Réponse commune préparée'],
      [1, 3, 'b', 'Vu autrement par la Croix-Verte'],
    ],
  ],
  [
    1,
    8,
    [
      [24, 5, 'a', 'Convention territoriale globale'],
      [10, 6, 'b', 'Objectifs partagés sur la parentalité'],
      [2, 7, 'a', 'Programme et financements intégrés'],
    ],
  ],
  [
    1,
    14,
    [
      [15, 3, 'a'],
      [3, 4, 'b', 'Ateliers théâtre au centre social'],
    ],
  ],
  [
    1,
    12,
    [
      [19, 4, 'a'],
      [7, 5, 'b'],
    ],
  ],
  [
    2,
    20,
    [
      [13, 3, 'a'],
      [2, 5, 'b', 'Permanences numériques hebdomadaires'],
    ],
  ],
  [
    2,
    17,
    [
      [21, 4, 'a'],
      [9, 6, 'b', 'Le collectif co-anime le lieu parents-enfants'],
    ],
  ],
  [
    3,
    5,
    [
      [24, 6, 'a'],
      [12, 6, 'b'],
      [1, 7, 'a', 'Pilotage intégré du contrat de ville'],
    ],
  ],
  [
    3,
    6,
    [
      [23, 5, 'a'],
      [6, 6, 'b'],
    ],
  ],
  [
    3,
    21,
    [
      [22, 7, 'a', 'Même direction'],
      [10, 7, 'b'],
    ],
  ],
  [
    3,
    9,
    [
      [17, 3, 'a'],
      [8, 4, 'a', 'Gestion urbaine de proximité'],
      [2, 5, 'b'],
    ],
  ],
  [
    4,
    24,
    [
      [14, 4, 'a'],
      [3, 5, 'b'],
    ],
  ],
  [
    4,
    14,
    [
      [20, 2, 'a'],
      [8, 3, 'b'],
    ],
  ],
  [
    5,
    12,
    [
      [24, 5, 'a'],
      [12, 5, 'b'],
    ],
  ],
  [
    5,
    19,
    [
      [9, 3, 'a'],
      [2, 4, 'b', 'Aide au permis pour les demandeurs d’emploi'],
    ],
  ],
  [
    6,
    8,
    [
      [18, 4, 'a'],
      [5, 5, 'b'],
    ],
  ],
  [
    6,
    22,
    [
      [16, 3, 'a'],
      [4, 4, 'b', 'Formation des délégués'],
    ],
  ],
  [
    7,
    21,
    [
      [20, 4, 'a'],
      [9, 5, 'b'],
      [2, 6, 'a', 'Parcours de réussite éducative partagés'],
    ],
  ],
  [
    7,
    27,
    [
      [12, 2, 'a'],
      [3, 3, 'b'],
    ],
  ],
  [
    9,
    10,
    [
      [22, 1, 'a', 'Concurrence sur les financements TFPB'],
      [8, 2, 'b'],
      [1, 3, 'a'],
    ],
  ],
  [
    9,
    11,
    [
      [23, 5, 'a'],
      [11, 6, 'b', 'Marchés d’entretien réservés'],
    ],
  ],
  [
    10,
    16,
    [
      [15, 2, 'a'],
      [6, 3, 'b', 'Réunions de locataires'],
      [1, 4, 'a'],
    ],
  ],
  [
    11,
    23,
    [
      [10, 3, 'a'],
      [3, 4, 'b'],
    ],
  ],
  [
    12,
    13,
    [
      [17, 3, 'a'],
      [5, 4, 'b'],
    ],
  ],
  [
    12,
    19,
    [
      [19, 5, 'a'],
      [7, 5, 'b'],
    ],
  ],
  [
    13,
    27,
    [
      [21, 1, 'a', 'Mêmes jeunes, pas les mêmes méthodes'],
      [9, 3, 'b'],
      [2, 4, 'a'],
    ],
  ],
  [
    14,
    25,
    [
      [14, 4, 'a'],
      [6, 5, 'b'],
    ],
  ],
  [
    15,
    26,
    [
      [11, 3, 'a'],
      [2, 4, 'b'],
    ],
  ],
  [
    16,
    25,
    [
      [13, 3, 'a'],
      [4, 4, 'b'],
    ],
  ],
  [
    17,
    26,
    [
      [18, 4, 'a'],
      [6, 5, 'b'],
    ],
  ],
  [
    18,
    26,
    [
      [20, 3, 'a'],
      [8, 5, 'b', 'Médiation santé partagée'],
      [1, 6, 'a'],
    ],
  ],
  [
    18,
    24,
    [
      [16, 2, 'a'],
      [4, 4, 'b', 'Sport sur ordonnance'],
    ],
  ],
  [
    20,
    25,
    [
      [12, 3, 'a'],
      [2, 4, 'b'],
    ],
  ],
  [
    22,
    3,
    [
      [24, 3, 'a'],
      [8, 4, 'b', 'Accompagnement à l’évaluation'],
    ],
  ],
  [
    23,
    15,
    [
      [9, 1, 'b', 'Concurrence sur les invendus'],
      [2, 2, 'a'],
    ],
  ],
  [1, 13, [[7, 2, 'a']]],
];

const placeId = (ctx: DemoContext, p: Place) =>
  p === 'agglo' ? ctx.territoryId : p === 0 || p === 1 ? ctx.communeIds[p] : ctx.quartierIds[Number(p.slice(1)) as 0 | 1 | 2];

function monthsAgo(today: Date, months: number, day: number): string {
  const d = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - months, Math.min(day, 28)));
  return d.toISOString().slice(0, 10);
}

/**
 * The demo territory's ecosystem: 28 fictional organisations of every kind, 30 people (resource
 * people among them, the two demo members as themselves), acquaintances, and relations at
 * every level with a two-year history, sometimes seen differently by the two sides. Idempotent.
 */
export async function seedEcosystemDemo(db: Kysely<DB>, ctx: DemoContext, today = new Date()): Promise<void> {
  const first = organisations[0] as (typeof organisations)[number];
  const already = await db.selectFrom('organisations').select('id').where('name', '=', first.name).executeTakeFirst();
  if (already) return;
  await db.transaction().execute(async (trx) => {
    const themeRows = await trx.selectFrom('eco_themes').select(['id', 'label']).where('territory_id', 'is', null).execute();
    const theme = new Map(themeRows.map((t) => [t.label, t.id]));
    const orgIds: string[] = [];
    for (const o of organisations) {
      const row = await trx
        .insertInto('organisations')
        .values({
          name: o.name,
          search_key: searchKey(o.name),
          name_key: organisationNameKey(o.name),
          kind: o.kind,
          siren: null,
          siret: null,
          rna: null,
          commune_id:
            o.places.includes(1) && !o.places.includes(0) ? ctx.communeIds[1] : o.places.includes('agglo') ? null : ctx.communeIds[0],
          description: o.description,
          address: null,
          website: null,
          public_email: null,
          public_phone: null,
          created_by: ctx.userIds.coordinator,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      orgIds.push(row.id);
      await trx
        .insertInto('organisation_territories')
        .values(o.places.map((p) => ({ organisation_id: row.id, territory_id: placeId(ctx, p) })))
        .execute();
      const themeIds = o.themes.map((t) => theme.get(t)).filter((x): x is string => Boolean(x));
      if (themeIds.length)
        await trx
          .insertInto('organisation_themes')
          .values(themeIds.map((theme_id) => ({ organisation_id: row.id, theme_id })))
          .execute();
    }
    const personIds: string[] = [];
    for (const [i, p] of people.entries()) {
      const userId = p.account === 'member1' ? ctx.userIds.members[0] : p.account === 'member2' ? ctx.userIds.members[1] : null;
      const consent = i % 3 !== 2;
      const local = p.name
        .normalize('NFD')
        .replace(/[\u0300-\u036f]/g, '')
        .toLowerCase()
        .replace(/[^a-z]+/g, '.');
      const row = await trx
        .insertInto('people')
        .values({
          name: p.name,
          search_key: searchKey(p.name),
          function: p.fn,
          user_id: userId,
          is_resource: Boolean(p.resource),
          resource_for: p.resource ?? null,
          email: consent ? `${local}@val-de-lys.exemple.fr` : null,
          phone: consent ? `06 00 00 ${String(10 + i).padStart(2, '0')} ${String(20 + i).padStart(2, '0')}` : null,
          contact_consent: consent,
          contact_consent_on: consent ? monthsAgo(today, 10 + (i % 6), 5 + i) : null,
          created_by: ctx.userIds.coordinator,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      personIds.push(row.id);
      await trx
        .insertInto('person_organisations')
        .values({ person_id: row.id, organisation_id: orgIds[p.org] as string })
        .execute();
      const themeIds = (p.themes ?? []).map((t) => theme.get(t)).filter((x): x is string => Boolean(x));
      if (themeIds.length)
        await trx
          .insertInto('person_themes')
          .values(themeIds.map((theme_id) => ({ person_id: row.id, theme_id })))
          .execute();
    }
    // Acquaintances: declared, and met at the same table at last year's cooperation day.
    const pairs: [number, number, 'declared' | 'event'][] = [
      [0, 2, 'declared'],
      [0, 17, 'declared'],
      [1, 9, 'declared'],
      [4, 7, 'declared'],
      [5, 6, 'event'],
      [12, 13, 'event'],
      [14, 27, 'event'],
      [19, 28, 'event'],
      [3, 22, 'event'],
      [24, 26, 'declared'],
    ];
    for (const [x, y, source] of pairs) {
      const [a, b] = relationKey(personIds[x] as string, personIds[y] as string);
      await trx
        .insertInto('acquaintances')
        .values({
          person_a: a,
          person_b: b,
          source,
          source_ref: source === 'event' ? 'journee-cooperation-demo' : '',
          declared_by: null,
          met_on: monthsAgo(today, 12, 14),
        })
        .execute();
    }
    for (const [ai, bi, steps] of relations) {
      const x = orgIds[ai] as string;
      const y = orgIds[bi] as string;
      const [orgA, orgB] = relationKey(x, y);
      for (const [months, level, side, note] of steps) {
        await trx
          .insertInto('cooperation_assessments')
          .values({
            org_a: orgA,
            org_b: orgB,
            on_behalf_of: side === 'a' ? x : y,
            level,
            assessed_on: monthsAgo(today, months, 3 + ((ai + bi) % 20)),
            note: note ?? null,
            assessed_by: ctx.userIds.coordinator,
          })
          .execute();
      }
    }
  });
}
