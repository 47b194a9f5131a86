import { randomBytes } from 'node:crypto';
import type { ApplicationAction, ApplicationReviewBody, ApplicationStatus, BudgetLine, Track } from '@maillage/core';
import { addCallFile, createCall } from '@maillage/db';
import { organisation } from '../ecosystem/authz-fixtures';
import type { AuthzFixtures, AuthzWorld } from '../http/authz-fixtures';

const tag = () => randomBytes(4).toString('hex');

/** The smallest real PDF header: enough for the type check on the bytes. */
export const PDF_BYTES = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n', 'latin1');

export const sampleAction = (title: string): ApplicationAction => ({
  title,
  objectives: ['Accompagner les familles du quartier'],
  description: 'Ateliers hebdomadaires',
  beneficiaries: { count: 40, qpvSharePercent: 80, publics: 'Parents' },
  territoryIds: [],
  startsOn: null,
  endsOn: null,
  humanMeans: [],
  changeId: null,
  indicators: [],
  frequency: 'premiere',
});

/** A call of the world's territory (launched with its default steps). */
export async function call(world: AuthzWorld, title = 'AAP matrice'): Promise<string> {
  return createCall(world.store.db, {
    territoryId: world.territoryId,
    title: `${title} ${tag()}`,
    year: 2026,
    framing: '',
    createdBy: null,
  });
}

/** A funder of a call, with its reviewers. */
export async function cofunder(world: AuthzWorld, callId: string, reviewerUserIds: readonly string[], name = 'État', tracks: Track[] = []) {
  const { id } = await world.store.db
    .insertInto('call_cofunders')
    .values({ call_id: callId, kind: 'etat', name, detail: '', envelope_cents: 10_000_000, tracks: JSON.stringify(tracks), position: 0 })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (reviewerUserIds.length)
    await world.store.db
      .insertInto('call_cofunder_reviewers')
      .values(reviewerUserIds.map((user_id) => ({ cofunder_id: id, user_id })))
      .execute();
  return id;
}

/**
 * An application written straight into the tables (the applicant side's routes make them): its
 * lead structure, its planned budget (the lines given) and its status.
 */
export async function application(
  world: AuthzWorld,
  input: { callId: string; status?: ApplicationStatus; track?: Track; title?: string; organisationId?: string; lines?: BudgetLine[] },
) {
  const organisationId = input.organisationId ?? (await organisation(world, 'Porteuse matrice'));
  const { id } = await world.store.db
    .insertInto('applications')
    .values({
      call_id: input.callId,
      track: input.track ?? 'projet_collectif',
      status: input.status ?? 'depose',
      collective_id: null,
      action: JSON.stringify(sampleAction(input.title ?? 'Ateliers parents')),
      created_by: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await world.store.db
    .insertInto('application_structures')
    .values({ application_id: id, organisation_id: organisationId, role: 'lead', position: 0 })
    .execute();
  await world.store.db
    .insertInto('application_budgets')
    .values({ application_id: id, organisation_id: organisationId, planned: JSON.stringify(input.lines ?? []) })
    .execute();
  return { id, organisationId };
}

/** A change of a pathway of the world's territory. */
export async function pathwayChange(world: AuthzWorld): Promise<string> {
  const { id: pathwayId } = await world.store.db
    .insertInto('pathways')
    .values({ territory_id: world.territoryId, title: `Chemin ${tag()}` } as never)
    .returning('id')
    .executeTakeFirstOrThrow();
  const { id } = await world.store.db
    .insertInto('pathway_changes')
    .values({ pathway_id: pathwayId, horizon: 'moyen', text: 'Les parents prennent part aux décisions du quartier', position: 0 } as never)
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export const sampleReview = (proposedCents: number | null = 300_000): ApplicationReviewBody => ({
  complete: true,
  bilanReceived: null,
  eligible: true,
  criteria: { capacite: 3, presence_quartiers: 4, faisabilite: 3, publics: 3, axes_contrat: 4 },
  appreciation: 'favorable',
  comment: 'Action bien ancrée dans le quartier',
  proposedCents,
});

/** A full settings body for a call: one priority on a change, one referent, its steps kept, ids sent back. */
async function updateBody(world: AuthzWorld, callId: string) {
  const db = world.store.db;
  const funderId = await cofunder(world, callId, []);
  const changeId = await pathwayChange(world);
  const priority = await db
    .insertInto('call_priorities')
    .values({ call_id: callId, position: 0, text: 'Parentalité', change_id: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  const referent = await db
    .insertInto('call_referents')
    .values({ call_id: callId, track: 'projet_collectif', name: 'Référente Matrice', position: 0 })
    .returning('id')
    .executeTakeFirstOrThrow();
  const steps = await db.selectFrom('call_steps').select(['id', 'kind', 'opens_on', 'closes_on']).where('call_id', '=', callId).execute();
  const day = (v: unknown) => (v instanceof Date ? v.toISOString().slice(0, 10) : String(v).slice(0, 10));
  return {
    version: 0,
    title: 'AAP matrice',
    year: 2026,
    framing: 'Note de cadrage',
    priorities: [{ id: priority.id, text: 'Parentalité', changeId }],
    eligibleTerritoryIds: [world.quartierId],
    tracks: [{ track: 'projet_collectif', enabled: true, description: '' }],
    referents: [
      {
        id: referent.id,
        track: 'projet_collectif',
        cofunderId: funderId,
        institution: 'État',
        territoryId: world.communeId,
        name: 'Référente Matrice',
        email: 'referente@exemple.fr',
        phone: '',
      },
    ],
    steps: steps.map((s) => ({ id: s.id, kind: s.kind, label: '', opensOn: day(s.opens_on), closesOn: day(s.closes_on) })),
  };
}

async function withFile(world: AuthzWorld) {
  const callId = await call(world);
  const fileId = await addCallFile(world.store.db, {
    callId,
    filename: 'cadrage.pdf',
    mime: 'application/pdf',
    content: PDF_BYTES,
    uploadedBy: null,
  });
  return { callId, fileId };
}

/** A call with a funder reviewed by the world's reviewer and a deposited application asking it. */
async function reviewed(world: AuthzWorld) {
  const callId = await call(world);
  const cofunderId = await cofunder(world, callId, [world.users.reviewer.id]);
  const app = await application(world, {
    callId,
    lines: [
      { code: '641', detail: '', cofunderId: null, amountCents: 500_000 },
      { code: '74-ETAT', detail: 'BOP 147', cofunderId, amountCents: 500_000 },
    ],
  });
  return { callId, cofunderId, applicationId: app.id };
}

export const callsAuthz: AuthzFixtures = {
  'GET /api/calls': async (world) => ({ query: { territoryId: world.territoryId } }),
  'POST /api/calls': async (world) => ({ body: { territoryId: world.territoryId, title: 'AAP 2027', year: 2027 } }),
  'GET /api/calls/:callId': async (world) => ({ params: { callId: await call(world) } }),
  'PUT /api/calls/:callId': async (world) => {
    const callId = await call(world);
    return { params: { callId }, body: await updateBody(world, callId) };
  },
  'PUT /api/calls/:callId/cofunders': async (world) => {
    const callId = await call(world);
    const id = await cofunder(world, callId, []);
    return {
      params: { callId },
      body: {
        version: 0,
        cofunders: [
          { id, kind: 'etat', name: 'État (BOP 147)', envelopeCents: 5_000_000, tracks: [], reviewerUserIds: [world.users.reviewer.id] },
        ],
      },
    };
  },
  'POST /api/calls/:callId/files': async (world) => ({
    params: { callId: await call(world) },
    body: { filename: 'cadrage.pdf', mime: 'application/pdf', contentBase64: PDF_BYTES.toString('base64') },
  }),
  'GET /api/calls/:callId/files/:fileId': async (world) => ({ params: await withFile(world) }),
  'DELETE /api/calls/:callId/files/:fileId': async (world) => ({ params: await withFile(world) }),
  'GET /api/calls/:callId/reviewer-candidates': async (world) => ({ params: { callId: await call(world) } }),
  'GET /api/calls/:callId/committee': async (world) => ({ params: { callId: (await reviewed(world)).callId } }),
  'GET /api/calls/:callId/programming.csv': async (world) => ({ params: { callId: (await reviewed(world)).callId } }),
  'GET /api/calls/:callId/programming.xlsx': async (world) => ({ params: { callId: (await reviewed(world)).callId } }),
  'GET /api/calls/:callId/applications/:applicationId/reviews': async (world) => {
    const r = await reviewed(world);
    return { params: { callId: r.callId, applicationId: r.applicationId } };
  },
  'PUT /api/calls/:callId/applications/:applicationId/reviews/:cofunderId': async (world) => ({
    params: await reviewed(world),
    body: sampleReview(),
  }),
};
