import { randomBytes } from 'node:crypto';
import type { ApplicationAction, BudgetLine } from '@maillage/core';
import { addDocument, createApplication, type DB, ecosystemRepo, saveBudget } from '@maillage/db';
import type { Kysely } from 'kysely';
import { organisation } from '../ecosystem/authz-fixtures';
import type { AuthzFixtures, AuthzWorld } from '../http/authz-fixtures';

const tag = () => randomBytes(4).toString('hex');

/** A minimal valid PDF's first bytes (the type is checked on them). */
export const PDF_BYTES = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

/**
 * A call of `territoryId` for `year`, its three tracks open, the pré-dossier and deposit steps open
 * from `opensOn` to `closesOn`, and two co-funders: A (État) reviewed by `reviewerA`, B (the EPCI)
 * reviewed by `reviewerB`. Written directly (the funder side's routes make them in the app).
 */
export async function seedCall(
  db: Kysely<DB>,
  input: { territoryId: string; year?: number; reviewerA?: string; reviewerB?: string; opensOn?: string; closesOn?: string },
) {
  const year = input.year ?? 2026;
  const call = await db
    .insertInto('calls')
    .values({ territory_id: input.territoryId, title: `AAP ${year} test ${tag()}`, year, created_by: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('call_tracks')
    .values((['projet_individuel', 'projet_collectif', 'petit_collectif'] as const).map((track) => ({ call_id: call.id, track, enabled: true })))
    .execute();
  await db
    .insertInto('call_steps')
    .values(
      (['pre_dossier', 'depot'] as const).map((kind) => ({
        call_id: call.id,
        kind,
        opens_on: input.opensOn ?? '2000-01-01',
        closes_on: input.closesOn ?? '2100-12-31',
      })),
    )
    .execute();
  const a = await db
    .insertInto('call_cofunders')
    .values({ call_id: call.id, kind: 'etat', name: 'État — politique de la ville', detail: 'BOP 147', tracks: '[]', position: 0 })
    .returning('id')
    .executeTakeFirstOrThrow();
  const b = await db
    .insertInto('call_cofunders')
    .values({ call_id: call.id, kind: 'epci', name: 'Agglomération', tracks: '[]', position: 1 })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (input.reviewerA) await db.insertInto('call_cofunder_reviewers').values({ cofunder_id: a.id, user_id: input.reviewerA }).execute();
  if (input.reviewerB) await db.insertInto('call_cofunder_reviewers').values({ cofunder_id: b.id, user_id: input.reviewerB }).execute();
  return { callId: call.id, year, cofunderA: a.id, cofunderB: b.id };
}

/** A person of `communeId` linked to `userId`, member of `organisationIds`. */
export async function linkedPerson(db: Kysely<DB>, communeId: string, userId: string, organisationIds: string[]) {
  return ecosystemRepo(db).insertPerson(
    {
      name: `Personne demande ${tag()}`,
      function: null,
      organisationIds,
      territoryIds: [communeId],
      themeIds: [],
      isResource: false,
      resourceFor: null,
      email: null,
      phone: null,
      contactConsent: false,
      contactConsentOn: null,
      userId,
    },
    null,
    null,
  );
}

export const completeAction = (year: number, territoryIds: string[]): ApplicationAction => ({
  title: 'Ateliers parents-enfants',
  objectives: ['Favoriser les liens entre parents', 'Permettre aux enfants de lire'],
  description: 'Des ateliers le mercredi.',
  beneficiaries: { count: 40, qpvSharePercent: 80, publics: 'Parents et enfants' },
  territoryIds,
  startsOn: `${year}-02-01`,
  endsOn: `${year}-12-15`,
  humanMeans: [{ category: 'salaries', people: 2, etptHundredths: 150 }],
  changeId: null,
  indicators: [{ name: 'Familles venues', target: '40' }],
  frequency: 'premiere',
});

export const balancedLines = (cofunderId: string): BudgetLine[] => [
  { code: '601', detail: 'Livres', cofunderId: null, amountCents: 1_000_00 },
  { code: '74-ETAT', detail: 'ANCT', cofunderId, amountCents: 1_000_00 },
];

/**
 * A call of the world's EPCI and a draft application by an organisation of its commune whose
 * person is the world's `member` user (the applicant); the world's `reviewer` reviews for funder A,
 * its facilitator for funder B. `complete` makes it depositable (action, balanced budget, RIB and
 * statuts); `status` then puts it there directly.
 */
async function applicationWorld(world: AuthzWorld, options: { complete?: boolean; status?: string } = {}) {
  const db = world.store.db;
  const call = await seedCall(db, { territoryId: world.territoryId, reviewerA: world.users.reviewer.id, reviewerB: world.users.facilitator.id });
  const lead = await organisation(world, 'Structure porteuse matrice');
  const partner = await organisation(world, 'Structure partenaire matrice');
  await linkedPerson(db, world.communeId, world.users.member.id, [lead]);
  const created = await createApplication(db, {
    callId: call.callId,
    track: 'projet_individuel',
    leadOrganisationId: lead,
    partnerOrganisationIds: [],
    collectiveId: null,
    userId: null,
  });
  if (!created.ok) throw new Error(created.error);
  const applicationId = created.value;
  if (options.complete) {
    await db
      .updateTable('applications')
      .set({ action: JSON.stringify(completeAction(call.year, [world.quartierId])) })
      .where('id', '=', applicationId)
      .execute();
    await saveBudget(db, { id: applicationId, version: 0, organisationId: lead, lines: balancedLines(call.cofunderA), userId: null });
    for (const kind of ['rib', 'statuts'] as const) {
      await addDocument(db, { applicationId, kind, organisationId: lead, filename: `${kind}.pdf`, mime: 'application/pdf', bytes: PDF_BYTES, userId: null });
    }
  }
  if (options.status) await db.updateTable('applications').set({ status: options.status as never }).where('id', '=', applicationId).execute();
  const { version } = await db.selectFrom('applications').select('version').where('id', '=', applicationId).executeTakeFirstOrThrow();
  return { ...call, applicationId, lead, partner, version };
}

const onApplication = async (world: AuthzWorld) => {
  const w = await applicationWorld(world);
  return { params: { callId: w.callId, applicationId: w.applicationId } };
};

async function withDocument(world: AuthzWorld) {
  const w = await applicationWorld(world);
  const doc = await addDocument(world.store.db, {
    applicationId: w.applicationId,
    kind: 'rib',
    organisationId: w.lead,
    filename: 'rib.pdf',
    mime: 'application/pdf',
    bytes: PDF_BYTES,
    userId: null,
  });
  if (!doc.ok) throw new Error(doc.error);
  return { params: { callId: w.callId, applicationId: w.applicationId, documentId: doc.id } };
}

/** Fixtures of the authorization matrix for applications (the applicant's side) and the committee's votes. */
export const applicationsAuthz: AuthzFixtures = {
  'GET /api/applications/mine': async (world) => {
    await applicationWorld(world);
    return {};
  },
  'GET /api/calls/:callId/applications': async (world) => {
    const w = await applicationWorld(world, { complete: true, status: 'depose' });
    return { params: { callId: w.callId } };
  },
  'POST /api/calls/:callId/applications': async (world) => {
    const w = await applicationWorld(world);
    const collective = await world.store.db
      .insertInto('collectives')
      .values({ territory_id: world.territoryId, name: `Collectif demande ${tag()}` } as never)
      .returning('id')
      .executeTakeFirstOrThrow();
    return {
      params: { callId: w.callId },
      body: { track: 'projet_collectif', leadOrganisationId: w.lead, partnerOrganisationIds: [w.partner], collectiveId: collective.id },
    };
  },
  'GET /api/calls/:callId/applications/:applicationId': onApplication,
  'PUT /api/calls/:callId/applications/:applicationId': async (world) => {
    const w = await applicationWorld(world);
    const db = world.store.db;
    const pathway = await db
      .insertInto('pathways')
      .values({ territory_id: world.territoryId, title: `Chemin matrice ${tag()}` } as never)
      .returning('id')
      .executeTakeFirstOrThrow();
    const change = await db
      .insertInto('pathway_changes')
      .values({ pathway_id: pathway.id, horizon: 'court', text: 'Les parents se connaissent', position: 0 } as never)
      .returning('id')
      .executeTakeFirstOrThrow();
    return {
      params: { callId: w.callId, applicationId: w.applicationId },
      body: {
        version: w.version,
        action: { ...completeAction(w.year, [world.quartierId]), changeId: change.id },
        partnerOrganisationIds: [w.partner],
      },
    };
  },
  'PUT /api/calls/:callId/applications/:applicationId/budget': async (world) => {
    const w = await applicationWorld(world);
    return {
      params: { callId: w.callId, applicationId: w.applicationId },
      body: { version: w.version, organisationId: w.lead, lines: balancedLines(w.cofunderA).reverse() },
    };
  },
  'GET /api/calls/:callId/applications/:applicationId/eligibility': onApplication,
  'POST /api/calls/:callId/applications/:applicationId/status': async (world) => {
    const w = await applicationWorld(world, { complete: true });
    return { params: { callId: w.callId, applicationId: w.applicationId }, body: { version: w.version, to: 'depose' } };
  },
  'POST /api/calls/:callId/applications/:applicationId/documents': async (world) => {
    const w = await applicationWorld(world);
    return {
      params: { callId: w.callId, applicationId: w.applicationId },
      body: { kind: 'statuts', organisationId: w.lead, filename: 'statuts.pdf', mime: 'application/pdf', contentBase64: PDF_BYTES.toString('base64') },
    };
  },
  'GET /api/calls/:callId/applications/:applicationId/documents/:documentId': withDocument,
  'DELETE /api/calls/:callId/applications/:applicationId/documents/:documentId': withDocument,
  'PUT /api/calls/:callId/applications/:applicationId/report': async (world) => {
    const w = await applicationWorld(world, { complete: true, status: 'accorde' });
    return {
      params: { callId: w.callId, applicationId: w.applicationId },
      body: {
        version: w.version,
        budgets: [
          {
            organisationId: w.lead,
            lines: [
              { code: '74-ETAT', detail: 'ANCT', cofunderId: w.cofunderA, amountCents: 900_00 },
              { code: '601', detail: 'Livres', cofunderId: null, amountCents: 900_00 },
            ],
          },
        ],
        qualitative: 'Trente familles sont venues.',
      },
    };
  },
  'GET /api/calls/:callId/applications/:applicationId/dauphin.pdf': onApplication,
  'GET /api/calls/:callId/applications/:applicationId/budget.csv': onApplication,
  'GET /api/calls/:callId/applications/:applicationId/compte-rendu.pdf': onApplication,
  'PUT /api/calls/:callId/applications/:applicationId/decisions': async (world) => {
    const w = await applicationWorld(world, { complete: true, status: 'propose_comite' });
    return {
      params: { callId: w.callId, applicationId: w.applicationId },
      body: { version: w.version, lines: [{ cofunderId: w.cofunderA, decision: 'accorde', votedCents: 800_00 }] },
    };
  },
};
