import { createHash } from 'node:crypto';
import type { ApplicationAction, ApplicationStatus, BudgetLine, Track } from '@maillage/core';
import { hash } from '@node-rs/argon2';
import { type Kysely, sql } from 'kysely';
import type { DemoAccount } from '../demo/territory';
import type { DemoContext, DemoExtender } from '../demo/seed';
import type { DB } from '../schema';
import { DEMO_ADVANCED_COLLECTIVE } from '../collectives/demo';

/**
 * The demo territory's call for projects (fictional names only): « AAP <year> » of the contrat de
 * ville du Val-de-Lys, with its three tracks, referents per institution and territory, the typical
 * calendar (its deposit step open today), two co-funders (État – politique de la ville and the
 * agglomération) each with a reviewer account, and four applications at several statuses, one of
 * them from the advanced demo collective. Written with plain inserts in one transaction;
 * idempotent (the call is known by its territory and title).
 */

/** The reviewers' accounts: one per co-funder. */
export const callsDemoAccounts: readonly (DemoAccount & { displayName: string })[] = [
  {
    label: 'Instructeur État (politique de la ville)',
    displayName: 'Yannick Perrot',
    email: 'instruction.etat@val-de-lys.exemple.fr',
    password: 'demo-instruction-etat',
  },
  {
    label: 'Instructrice agglomération',
    displayName: 'Sophie Lemaire',
    email: 'instruction.agglo@val-de-lys.exemple.fr',
    password: 'demo-instruction-agglo',
  },
];

/** The programming year: next year from July on (the call is prepared in the autumn before). */
export function demoCallYear(today: string): number {
  const year = Number(today.slice(0, 4));
  return Number(today.slice(5, 7)) >= 7 ? year + 1 : year;
}

export const demoCallTitle = (year: number) => `AAP ${year} – Contrat de ville du Val-de-Lys`;

const iso = (d: Date) => d.toISOString().slice(0, 10);
const addDays = (day: string, n: number) => iso(new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000));
const minDay = (a: string, b: string) => (a < b ? a : b);
const maxDay = (a: string, b: string) => (a > b ? a : b);

/** The typical calendar of a contrat de ville's call; the deposit step is stretched to cover today, so the demo can deposit. */
export function demoCalendar(year: number, today: string) {
  const y0 = year - 1;
  return [
    { kind: 'cadrage' as const, label: 'Publication de la note de cadrage', opens_on: `${y0}-10-01`, closes_on: `${y0}-10-31` },
    {
      kind: 'pre_dossier' as const,
      label: 'Pré-dossier à l’équipe politique de la ville',
      opens_on: `${y0}-10-15`,
      closes_on: `${y0}-11-30`,
    },
    {
      kind: 'depot' as const,
      label: 'Dépôt des demandes',
      opens_on: minDay(`${y0}-12-01`, addDays(today, -7)),
      closes_on: maxDay(`${year}-01-31`, addDays(today, 30)),
    },
    { kind: 'instruction' as const, label: 'Instruction en comités thématiques', opens_on: `${year}-02-01`, closes_on: `${year}-04-30` },
    { kind: 'comite' as const, label: 'Comité de pilotage', opens_on: `${year}-05-15`, closes_on: `${year}-05-31` },
    { kind: 'realisation' as const, label: 'Réalisation des actions', opens_on: `${year}-01-01`, closes_on: `${year}-12-31` },
    { kind: 'compte_rendu' as const, label: 'Compte rendu financier', opens_on: `${year + 1}-01-01`, closes_on: `${year + 1}-06-30` },
  ];
}

const FRAMING = `# Objet de l’appel
Le contrat de ville du Val-de-Lys soutient les actions menées **au bénéfice des habitants des quartiers prioritaires** : Les Tilleuls, La Croix-Verte et Les Coteaux.

# Ce que nous finançons
- des projets portés par une structure seule ;
- des **projets collectifs**, portés par plusieurs structures dont une chef de file ;
- des petits collectifs d’acteurs qui commencent à travailler ensemble.

# Comment déposer
Un pré-dossier est transmis à l’équipe politique de la ville avant le 30 novembre ; la demande complète, avec le budget sur la grille du CERFA 12156, est déposée ensuite. Les référents de chaque institution répondent à vos questions.`;

/** A balanced budget of `total` euros: charges, and the 74 lines asking the two co-funders. */
function budget(totalEuros: number, etat: string, agglo: string, etatShare: number, aggloShare: number): BudgetLine[] {
  const c = (n: number) => Math.round(totalEuros * n) * 100;
  const charges = [
    { code: '606', detail: 'Petit matériel d’animation', amountCents: c(0.08) },
    { code: '613', detail: 'Location de salle', amountCents: c(0.1) },
    { code: '625', detail: '', amountCents: c(0.04) },
    { code: '641', detail: 'Animatrice (0,5 ETPT)', amountCents: c(0.5) },
    { code: '645', detail: '', amountCents: c(0.2) },
  ];
  const chargesTotal = charges.reduce((s, l) => s + l.amountCents, 0);
  const toEtat = c(etatShare);
  const toAgglo = c(aggloShare);
  const produits: BudgetLine[] = [
    { code: '74-ETAT', detail: 'ANCT – programme 147', amountCents: toEtat, cofunderId: etat },
    { code: '74-EPCI', detail: 'Agglomération du Val-de-Lys', amountCents: toAgglo, cofunderId: agglo },
    { code: '756', detail: '', amountCents: c(0.02), cofunderId: null },
  ];
  const rest = chargesTotal - produits.reduce((s, l) => s + l.amountCents, 0);
  return [
    ...charges.map((l) => ({ ...l, cofunderId: null })),
    ...produits,
    { code: 'RP', detail: 'Fonds associatifs', amountCents: rest, cofunderId: null },
  ];
}

const action = (
  a: Partial<ApplicationAction> & Pick<ApplicationAction, 'title'>,
  year: number,
  territoryIds: string[],
): ApplicationAction => ({
  objectives: [],
  description: '',
  beneficiaries: { count: 40, qpvSharePercent: 80, publics: 'Habitants des quartiers prioritaires' },
  territoryIds,
  startsOn: `${year}-01-15`,
  endsOn: `${year}-12-15`,
  humanMeans: [{ category: 'salaries', people: 1, etptHundredths: 50 }],
  changeId: null,
  indicators: [{ name: 'Participants réguliers', target: '30' }],
  frequency: 'premiere',
  ...a,
});

/** A tiny valid PDF: the demo's RIB attachment. */
const DEMO_PDF = new TextEncoder().encode(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);

export const seedCallsDemo: DemoExtender = async (db: Kysely<DB>, ctx: DemoContext) => {
  const today = iso(new Date());
  const year = demoCallYear(today);
  const title = demoCallTitle(year);
  const exists = await db
    .selectFrom('calls')
    .select('id')
    .where('territory_id', '=', ctx.territoryId)
    .where('title', '=', title)
    .executeTakeFirst();
  if (exists) return;
  const orgIds = new Map(
    (
      await db
        .selectFrom('organisations')
        .select(['id', 'name'])
        .where('name', 'in', [
          'Centre social des Coteaux',
          'Association Les Jardins partagés des Tilleuls',
          'Club de boxe éducative des Tilleuls',
          'Compagnie théâtrale La Lanterne',
          'Épicerie solidaire Le Panier lysien',
        ])
        .execute()
    ).map((o) => [o.name, o.id]),
  );
  const org = (name: string) => {
    const id = orgIds.get(name);
    if (!id) throw new Error(`demo: the organisation ${name} is missing from the ecosystem demo`);
    return id;
  };
  const collective = await db
    .selectFrom('collectives')
    .select('id')
    .where('territory_id', '=', ctx.territoryId)
    .where('name', '=', DEMO_ADVANCED_COLLECTIVE)
    .executeTakeFirst();
  const change = await db
    .selectFrom('pathway_changes as c')
    .innerJoin('pathways as p', 'p.id', 'c.pathway_id')
    .select(['c.id'])
    .where('p.territory_id', '=', ctx.territoryId)
    .where('p.collective_id', 'is', null)
    .orderBy('c.position')
    .executeTakeFirst();
  const reviewerIds: string[] = [];
  for (const a of callsDemoAccounts) {
    const found = await db.selectFrom('users').select('id').where(sql`lower(email)`, '=', a.email).executeTakeFirst();
    reviewerIds.push(
      found?.id ??
        (
          await db
            .insertInto('users')
            .values({
              email: a.email,
              display_name: a.displayName,
              password_hash: await hash(a.password, { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 }),
              is_admin: false,
            })
            .returning('id')
            .executeTakeFirstOrThrow()
        ).id,
    );
  }
  // Reviewers work on the territory (the funders' form names only such people): a reviewer role on the agglomeration.
  await db
    .insertInto('role_assignments')
    .values(
      reviewerIds.map((user_id) => ({
        user_id,
        role: 'reviewer' as const,
        territory_id: ctx.territoryId,
        title: 'Instruction de l’appel à projets',
      })),
    )
    .onConflict((oc) => oc.columns(['user_id', 'role', 'territory_id']).doNothing())
    .execute();
  const [etatReviewer, aggloReviewer] = reviewerIds as [string, string];
  const [tilleuls, croixVerte, coteaux] = ctx.quartierIds;
  const [lysbourg, bellerive] = ctx.communeIds;
  const at = (daysAgo: number, hour = 10) => new Date(Date.now() - daysAgo * 86_400_000 + (hour - 12) * 3_600_000);

  await db.transaction().execute(async (trx) => {
    const call = await trx
      .insertInto('calls')
      .values({
        territory_id: ctx.territoryId,
        title,
        year,
        framing: FRAMING,
        created_by: ctx.userIds.coordinator,
        created_at: at(60),
        updated_at: at(30),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const callId = call.id;
    await trx
      .insertInto('call_priorities')
      .values([
        {
          call_id: callId,
          position: 0,
          text: 'Rapprocher les parents de l’école et des structures du quartier',
          change_id: change?.id ?? null,
        },
        { call_id: callId, position: 1, text: 'Favoriser l’accès des jeunes à l’emploi et à la mobilité', change_id: null },
        { call_id: callId, position: 2, text: 'Faire vivre le lien social et la participation des habitants', change_id: null },
      ])
      .execute();
    await trx
      .insertInto('call_territories')
      .values([tilleuls, croixVerte, coteaux].map((territory_id) => ({ call_id: callId, territory_id })))
      .execute();
    const tracks: { track: Track; description: string }[] = [
      {
        track: 'projet_individuel',
        description: 'Une action portée par une seule structure, au bénéfice des habitants d’un ou plusieurs quartiers.',
      },
      {
        track: 'projet_collectif',
        description:
          'Une action portée ensemble par plusieurs structures, dont une chef de file ; un budget par structure et un budget consolidé.',
      },
      {
        track: 'petit_collectif',
        description: 'Un coup de pouce (jusqu’à 5 000 €) pour un petit collectif d’acteurs qui commence à travailler ensemble.',
      },
    ];
    await trx
      .insertInto('call_tracks')
      .values(tracks.map((t) => ({ call_id: callId, track: t.track, enabled: true, description: t.description })))
      .execute();
    await trx
      .insertInto('call_steps')
      .values(demoCalendar(year, today).map((s) => ({ call_id: callId, ...s })))
      .execute();
    const etat = await trx
      .insertInto('call_cofunders')
      .values({
        call_id: callId,
        kind: 'etat',
        name: 'État – politique de la ville',
        detail: 'ANCT – programme 147',
        envelope_cents: 12_000_000,
        tracks: '[]',
        position: 0,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const agglo = await trx
      .insertInto('call_cofunders')
      .values({
        call_id: callId,
        kind: 'epci',
        name: 'Agglomération du Val-de-Lys',
        detail: 'Direction de la cohésion sociale',
        envelope_cents: 8_000_000,
        tracks: '[]',
        position: 1,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('call_cofunder_reviewers')
      .values([
        { cofunder_id: etat.id, user_id: etatReviewer },
        { cofunder_id: agglo.id, user_id: aggloReviewer },
      ])
      .execute();
    const referents = tracks.flatMap((t, i) => [
      {
        track: t.track,
        cofunder_id: etat.id,
        institution: 'Délégation du préfet',
        territory_id: null,
        name: 'Yannick Perrot',
        email: 'instruction.etat@val-de-lys.exemple.fr',
        phone: '03 00 00 10 01',
      },
      {
        track: t.track,
        cofunder_id: agglo.id,
        institution: 'Agglomération du Val-de-Lys',
        territory_id: null,
        name: 'Sophie Lemaire',
        email: 'instruction.agglo@val-de-lys.exemple.fr',
        phone: '03 00 00 10 02',
      },
      {
        track: t.track,
        cofunder_id: null,
        institution: 'Ville de Lysbourg',
        territory_id: lysbourg,
        name: i === 2 ? 'Karim Benhamou' : 'Laure Fontaine',
        email: '',
        phone: '03 00 00 20 01',
      },
      {
        track: t.track,
        cofunder_id: null,
        institution: 'Ville de Bellerive-sur-Lys',
        territory_id: bellerive,
        name: 'Pierre Vidal',
        email: '',
        phone: '03 00 00 30 01',
      },
    ]);
    await trx
      .insertInto('call_referents')
      .values(referents.map((r, position) => ({ call_id: callId, position, ...r })))
      .execute();

    const apply = async (spec: {
      track: Track;
      status: ApplicationStatus;
      lead: string;
      partners?: string[];
      collectiveId?: string | null;
      action: ApplicationAction;
      budgets: { organisationId: string; lines: BudgetLine[] }[];
      moves: {
        from: ApplicationStatus | null;
        to: ApplicationStatus;
        daysAgo: number;
        by: string;
        cofunderId?: string;
        comment?: string;
      }[];
    }) => {
      const submitted = spec.moves.find((m) => m.to === 'depose');
      const app = await trx
        .insertInto('applications')
        .values({
          call_id: callId,
          track: spec.track,
          status: spec.status,
          collective_id: spec.collectiveId ?? null,
          action: JSON.stringify(spec.action),
          version: spec.moves.length,
          created_by: spec.moves[0]?.by ?? null,
          created_at: at(spec.moves[0]?.daysAgo ?? 20),
          updated_at: at(spec.moves.at(-1)?.daysAgo ?? 1),
          submitted_at: submitted ? at(submitted.daysAgo) : null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await trx
        .insertInto('application_structures')
        .values([
          { application_id: app.id, organisation_id: spec.lead, role: 'lead', position: 0 },
          ...(spec.partners ?? []).map((organisation_id, i) => ({
            application_id: app.id,
            organisation_id,
            role: 'partner' as const,
            position: i + 1,
          })),
        ])
        .execute();
      await trx
        .insertInto('application_budgets')
        .values(
          spec.budgets.map((b) => ({
            application_id: app.id,
            organisation_id: b.organisationId,
            planned: JSON.stringify(b.lines),
            updated_at: at(spec.moves[0]?.daysAgo ?? 20),
          })),
        )
        .execute();
      await trx
        .insertInto('application_history')
        .values(
          spec.moves.map((m) => ({
            application_id: app.id,
            from_status: m.from,
            to_status: m.to,
            cofunder_id: m.cofunderId ?? null,
            by_user_id: m.by,
            comment: m.comment ?? '',
            at: at(m.daysAgo),
          })),
        )
        .execute();
      return app.id;
    };
    const member1 = ctx.userIds.members[0];
    const member2 = ctx.userIds.members[1];
    const coordinator = ctx.userIds.coordinator;

    // From the advanced collective: deposited, with its RIB.
    const centre = org('Centre social des Coteaux');
    const jardins = org('Association Les Jardins partagés des Tilleuls');
    const collectiveApp = await apply({
      track: 'projet_collectif',
      status: 'depose',
      lead: centre,
      partners: [jardins],
      collectiveId: collective?.id ?? null,
      action: action(
        {
          title: 'Cafés des parents aux Coteaux',
          objectives: ['Rompre l’isolement des parents des Coteaux', 'Rapprocher les familles de l’école et des structures du quartier'],
          description:
            'Chaque semaine, un café des parents au centre social et au jardin partagé, animé avec le collège : échanges, ateliers et rencontres avec les enseignants.',
          beneficiaries: { count: 60, qpvSharePercent: 90, publics: 'Parents d’enfants scolarisés aux Coteaux' },
          changeId: change?.id ?? null,
        },
        year,
        [coteaux],
      ),
      budgets: [
        { organisationId: centre, lines: budget(18_000, etat.id, agglo.id, 0.4, 0.3) },
        { organisationId: jardins, lines: budget(6_000, etat.id, agglo.id, 0.3, 0.3) },
      ],
      moves: [
        { from: null, to: 'brouillon', daysAgo: 20, by: member2 },
        { from: 'brouillon', to: 'depose', daysAgo: 3, by: member2 },
      ],
    });
    await trx
      .insertInto('call_files')
      .values({
        call_id: callId,
        application_id: collectiveApp,
        organisation_id: centre,
        kind: 'rib',
        filename: 'rib-centre-social-des-coteaux.pdf',
        mime: 'application/pdf',
        size: DEMO_PDF.byteLength,
        sha256: createHash('sha256').update(DEMO_PDF).digest('hex'),
        content: DEMO_PDF,
        uploaded_by: member2,
        uploaded_at: at(4),
      })
      .execute();

    // A draft of one structure.
    const boxe = org('Club de boxe éducative des Tilleuls');
    await apply({
      track: 'projet_individuel',
      status: 'brouillon',
      lead: boxe,
      action: action(
        { title: 'Boxe éducative et soutien scolaire', objectives: ['Accompagner les jeunes des Tilleuls vers la réussite scolaire'] },
        year,
        [tilleuls],
      ),
      budgets: [{ organisationId: boxe, lines: budget(9_000, etat.id, agglo.id, 0.5, 0.2) }],
      moves: [{ from: null, to: 'brouillon', daysAgo: 6, by: member1 }],
    });

    // Under review, with the État's review.
    const lanterne = org('Compagnie théâtrale La Lanterne');
    const lanterneApp = await apply({
      track: 'projet_individuel',
      status: 'en_instruction',
      lead: lanterne,
      action: action(
        { title: 'Théâtre forum à la Croix-Verte', objectives: ['Permettre aux habitants de prendre la parole sur la vie du quartier'] },
        year,
        [croixVerte],
      ),
      budgets: [{ organisationId: lanterne, lines: budget(12_000, etat.id, agglo.id, 0.45, 0.25) }],
      moves: [
        { from: null, to: 'brouillon', daysAgo: 25, by: coordinator },
        { from: 'brouillon', to: 'depose', daysAgo: 12, by: coordinator },
        { from: 'depose', to: 'recevable', daysAgo: 8, by: coordinator },
        { from: 'recevable', to: 'en_instruction', daysAgo: 7, by: coordinator },
      ],
    });
    await trx
      .insertInto('application_reviews')
      .values({
        application_id: lanterneApp,
        cofunder_id: etat.id,
        reviewer_user_id: etatReviewer,
        reviewer_name: 'Yannick Perrot',
        complete: true,
        bilan_received: null,
        eligible: true,
        criteria: JSON.stringify({ capacite: 3, presence_quartiers: 4, faisabilite: 3, publics: 3, axes_contrat: 4 }),
        appreciation: 'favorable',
        comment: 'Compagnie implantée depuis longtemps à la Croix-Verte ; calendrier réaliste.',
        proposed_cents: 500_000,
        updated_at: at(5),
      })
      .execute();

    // Granted by the committee, line by line.
    const panier = org('Épicerie solidaire Le Panier lysien');
    const panierApp = await apply({
      track: 'projet_individuel',
      status: 'accorde',
      lead: panier,
      action: action(
        {
          title: 'Ateliers cuisine et budget à l’épicerie solidaire',
          objectives: ['Accompagner les familles dans la gestion de leur budget alimentaire'],
          frequency: 'renouvellement',
        },
        year,
        [tilleuls, croixVerte],
      ),
      budgets: [{ organisationId: panier, lines: budget(10_000, etat.id, agglo.id, 0.4, 0.3) }],
      moves: [
        { from: null, to: 'brouillon', daysAgo: 40, by: coordinator },
        { from: 'brouillon', to: 'depose', daysAgo: 30, by: coordinator },
        { from: 'depose', to: 'recevable', daysAgo: 28, by: coordinator },
        { from: 'recevable', to: 'en_instruction', daysAgo: 27, by: coordinator },
        { from: 'en_instruction', to: 'propose_comite', daysAgo: 10, by: coordinator },
        { from: 'propose_comite', to: 'accorde', daysAgo: 2, by: coordinator, comment: 'Comité de pilotage' },
      ],
    });
    for (const [cofunderId, reviewer, name, proposed] of [
      [etat.id, etatReviewer, 'Yannick Perrot', 400_000],
      [agglo.id, aggloReviewer, 'Sophie Lemaire', 250_000],
    ] as const) {
      await trx
        .insertInto('application_reviews')
        .values({
          application_id: panierApp,
          cofunder_id: cofunderId,
          reviewer_user_id: reviewer,
          reviewer_name: name,
          complete: true,
          bilan_received: true,
          eligible: true,
          criteria: JSON.stringify({ capacite: 4, presence_quartiers: 4, faisabilite: 3, publics: 4, axes_contrat: 3 }),
          appreciation: 'favorable',
          comment: 'Action reconduite ; bilan N-1 solide.',
          proposed_cents: proposed,
          updated_at: at(12),
        })
        .execute();
    }
    await trx
      .insertInto('application_decisions')
      .values([
        {
          application_id: panierApp,
          cofunder_id: etat.id,
          decision: 'accorde',
          voted_cents: 400_000,
          decided_by: coordinator,
          decided_at: at(2),
        },
        {
          application_id: panierApp,
          cofunder_id: agglo.id,
          decision: 'accorde',
          voted_cents: 250_000,
          decided_by: coordinator,
          decided_at: at(2),
        },
      ])
      .execute();
  });
};
