import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../client';
import { erasePerson, exportPersonData } from '../privacy/personal-data';
import { availableTestStores, openTestStore } from '../testing';
import {
  addCallFile,
  createCall,
  deleteCallFile,
  detectDocumentType,
  loadCall,
  readCallFile,
  replaceCofunders,
  updateCallSettings,
} from './calls-store';
import { committeeData, listReviews, writeReview } from './reviews-store';

const review = (proposedCents: number | null) => ({
  complete: true,
  bilanReceived: true,
  eligible: true,
  criteria: { capacite: 3, presence_quartiers: 2, faisabilite: 4, publics: null, axes_contrat: 3 },
  appreciation: 'favorable' as const,
  comment: 'Solide',
  proposedCents,
});

describe('detectDocumentType', () => {
  it('reads the type from the bytes, whatever the name says', () => {
    expect(detectDocumentType(Buffer.from('%PDF-1.7\n'))).toBe('application/pdf');
    expect(detectDocumentType(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]))).toBe('image/png');
    expect(detectDocumentType(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0]))).toBe('image/jpeg');
    const odt = Buffer.concat([
      Buffer.from([0x50, 0x4b, 0x03, 0x04]),
      Buffer.alloc(26),
      Buffer.from('mimetypeapplication/vnd.oasis.opendocument.text'),
    ]);
    expect(detectDocumentType(odt)).toBe('application/vnd.oasis.opendocument.text');
    const docx = Buffer.concat([
      Buffer.from([0x50, 0x4b, 0x03, 0x04]),
      Buffer.alloc(26),
      Buffer.from('[Content_Types].xml....word/document.xml'),
    ]);
    expect(detectDocumentType(docx)).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    // Any other ZIP, an executable, text.
    expect(detectDocumentType(Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(40)]))).toBeNull();
    expect(detectDocumentType(Buffer.from([0x4d, 0x5a, 0x90, 0x00]))).toBeNull();
    expect(detectDocumentType(Buffer.from('bonjour'))).toBeNull();
  });
});

describe.each(availableTestStores())('calls store on %s', (kind) => {
  let store: Store;
  let territoryId: string;
  let otherTerritoryId: string;
  let userId: string;
  let personId: string;
  let organisationId: string;
  beforeAll(async () => {
    store = await openTestStore(kind);
    const suffix = Math.random().toString(36).slice(2);
    const territory = async (name: string) =>
      (
        await sql<{
          id: string;
        }>`insert into territories (kind, name, slug) values ('epci', ${name}, ${`${name.toLowerCase().replace(/\W+/g, '-')}-${suffix}`}) returning id`.execute(
          store.db,
        )
      ).rows[0]!.id;
    territoryId = await territory('Agglo des appels');
    otherTerritoryId = await territory('Autre agglo');
    const user = await store.db
      .insertInto('users')
      .values({ email: `instructrice-${suffix}@exemple.fr`, display_name: 'Inès Instructrice', password_hash: 'x' })
      .returning('id')
      .executeTakeFirstOrThrow();
    userId = user.id;
    await store.db
      .insertInto('role_assignments')
      .values({ user_id: userId, role: 'reviewer', territory_id: territoryId } as never)
      .execute();
    personId = (
      await store.db
        .insertInto('people')
        .values({
          name: 'Inès Instructrice',
          search_key: 'ines instructrice',
          user_id: userId,
          email: `ines-${suffix}@exemple.fr`,
          contact_consent: true,
        } as never)
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    organisationId = (
      await store.db
        .insertInto('organisations')
        .values({ name: 'Centre social', search_key: 'centre social', name_key: 'centre social', kind: 'centre_social' } as never)
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  });
  afterAll(async () => {
    await store?.close();
  });

  it('launches a call with three tracks and the typical steps, and saves its settings from the version read, keeping ids', async () => {
    const id = await createCall(store.db, { territoryId, title: 'AAP 2026', year: 2026, framing: '', createdBy: userId });
    const call = await loadCall(store.db, id);
    expect(call?.tracks.map((t) => t.track)).toEqual(['projet_individuel', 'projet_collectif', 'petit_collectif']);
    expect(call?.steps).toHaveLength(7);
    const compteRendu = call?.steps.find((s) => s.kind === 'compte_rendu');
    expect([compteRendu?.opensOn, compteRendu?.closesOn]).toEqual(['2027-01-01', '2027-06-30']);
    const body = {
      version: 0,
      title: 'AAP 2026 — contrat de ville',
      year: 2026,
      framing: 'Note',
      priorities: [{ text: 'Parentalité', changeId: null }],
      eligibleTerritoryIds: [],
      tracks: [],
      referents: [{ track: 'projet_individuel' as const, name: 'Inès Instructrice', email: `INES-X@exemple.fr`, phone: '06 00 00 00 00' }],
      steps: (call?.steps ?? []).map((s) => ({ id: s.id, kind: s.kind, opensOn: s.opensOn, closesOn: s.closesOn })),
    };
    expect(await store.db.transaction().execute((trx) => updateCallSettings(trx, id, body))).toEqual({ ok: true });
    const saved = await loadCall(store.db, id);
    expect(saved?.version).toBe(1);
    expect(saved?.steps.map((s) => s.id).sort()).toEqual((call?.steps ?? []).map((s) => s.id).sort());
    const priorityId = saved?.priorities[0]?.id;
    // Again from version 0: refused with the current version, nothing changed.
    expect(await updateCallSettings(store.db, id, { ...body, title: 'Périmé' })).toEqual({
      ok: false,
      error: 'call_conflict',
      details: { current: 1 },
    });
    // A priority of another call is not this call's.
    const other = await createCall(store.db, { territoryId, title: 'Autre', year: 2026, framing: '', createdBy: null });
    const foreignSteps = (await loadCall(store.db, other))?.steps ?? [];
    expect(
      await updateCallSettings(store.db, id, {
        ...body,
        version: 1,
        steps: [{ id: foreignSteps[0]?.id, kind: 'depot', opensOn: '2025-12-01', closesOn: '2026-01-15' }],
      }),
    ).toMatchObject({
      ok: false,
      error: 'call_item_unknown',
    });
    expect(await updateCallSettings(store.db, id, { ...body, version: 1, eligibleTerritoryIds: [otherTerritoryId] })).toMatchObject({
      ok: false,
      error: 'call_territory_outside',
    });
    expect(
      await updateCallSettings(store.db, id, {
        ...body,
        version: 1,
        priorities: [{ id: priorityId, text: 'Parentalité et école', changeId: null }],
      }),
    ).toEqual({ ok: true });
    expect((await loadCall(store.db, id))?.priorities).toEqual([{ id: priorityId, text: 'Parentalité et école', change: null }]);
  });

  it('replaces funders keeping ids, keeps a funder with reviews, stores files with their digest, reads the committee and erases a reviewer', async () => {
    const id = await createCall(store.db, { territoryId, title: 'AAP 2027', year: 2027, framing: '', createdBy: userId });
    expect(
      await replaceCofunders(store.db, id, {
        version: 0,
        cofunders: [
          { kind: 'etat', name: 'État', envelopeCents: 900_000, reviewerUserIds: [userId] },
          { kind: 'caf', name: 'CAF', envelopeCents: 100_000 },
        ],
      }),
    ).toEqual({ ok: true });
    const [etat, caf] = (await loadCall(store.db, id))?.cofunders ?? [];
    expect(etat?.reviewers).toEqual([{ userId, name: 'Inès Instructrice' }]);
    const app = await store.db
      .insertInto('applications')
      .values({
        call_id: id,
        track: 'projet_individuel',
        status: 'en_instruction',
        collective_id: null,
        action: JSON.stringify({ title: 'Soutien scolaire' }),
        created_by: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await store.db
      .insertInto('application_structures')
      .values({ application_id: app.id, organisation_id: organisationId, role: 'lead' })
      .execute();
    await store.db
      .insertInto('application_budgets')
      .values({
        application_id: app.id,
        organisation_id: organisationId,
        planned: JSON.stringify([
          { code: '74-ETAT', detail: '', cofunderId: etat?.id, amountCents: 123_456 },
          { code: '74-ORGANISMES-SOCIAUX', detail: '', cofunderId: caf?.id, amountCents: 10_000 },
        ]),
      })
      .execute();
    const first = await writeReview(store.db, {
      applicationId: app.id,
      cofunderId: etat?.id as string,
      reviewerUserId: userId,
      reviewerName: 'Inès Instructrice',
      review: review(100_000),
    });
    const again = await writeReview(store.db, {
      applicationId: app.id,
      cofunderId: etat?.id as string,
      reviewerUserId: userId,
      reviewerName: 'Inès Instructrice',
      review: review(120_000),
    });
    expect(again.id).toBe(first.id);
    expect(await listReviews(store.db, app.id)).toHaveLength(1);
    expect(again.criteria).toEqual({ capacite: 3, presence_quartiers: 2, faisabilite: 4, publics: null, axes_contrat: 3 });
    // The État has a review: it stays.
    expect(await replaceCofunders(store.db, id, { version: 1, cofunders: [{ id: caf?.id, kind: 'caf', name: 'CAF' }] })).toMatchObject({
      ok: false,
      error: 'cofunder_in_use',
    });
    const committee = await committeeData(store.db, id);
    expect(committee?.applications[0]).toMatchObject({
      title: 'Soutien scolaire',
      leadOrganisation: { id: organisationId, name: 'Centre social' },
    });
    expect(committee?.applications[0]?.reviews).toEqual([{ cofunderId: etat?.id, proposedCents: 120_000, updatedAt: expect.any(Date) }]);

    const bytes = Buffer.from('%PDF-1.4\nnote de cadrage\n');
    const fileId = await addCallFile(store.db, {
      callId: id,
      filename: 'cadrage.pdf',
      mime: 'application/pdf',
      content: bytes,
      uploadedBy: userId,
    });
    const file = await readCallFile(store.db, id, fileId);
    expect(file?.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect(file?.content.equals(bytes)).toBe(true);
    expect(await readCallFile(store.db, crypto.randomUUID(), fileId)).toBeUndefined();

    // Her personal data: the funder she reviews for, her review; erased, the review stays unsigned.
    const exported = (await exportPersonData(store.db, personId)) as Record<string, unknown[]>;
    expect(exported.reviewerFor).toEqual(expect.arrayContaining([{ call: 'AAP 2027', funder: 'État' }]));
    expect(exported.reviewsWritten).toHaveLength(1);
    await erasePerson(store.db, personId, null);
    const [after] = await listReviews(store.db, app.id);
    expect(after?.reviewer).toEqual({ userId: null, name: 'Personne effacée' });
    expect((await loadCall(store.db, id))?.cofunders[0]?.reviewers).toEqual([]);
    expect(await deleteCallFile(store.db, id, fileId)).toBe(true);
  });

  it('finds a referent by her e-mail, whatever its case, exports and erases her', async () => {
    const suffix = Math.random().toString(36).slice(2);
    const email = `nadia-${suffix}@exemple.fr`;
    const person = await store.db
      .insertInto('people')
      .values({ name: 'Nadia Référente', search_key: 'nadia referente', email, contact_consent: true } as never)
      .returning('id')
      .executeTakeFirstOrThrow();
    const id = await createCall(store.db, { territoryId, title: 'AAP référents', year: 2026, framing: '', createdBy: null });
    await store.db
      .insertInto('call_referents')
      .values({ call_id: id, track: 'projet_collectif', name: 'Nadia Référente', email: email.toUpperCase(), phone: '01 23 45 67 89' })
      .execute();
    const exported = (await exportPersonData(store.db, person.id)) as Record<string, unknown[]>;
    expect(exported.referentOf).toEqual([expect.objectContaining({ call: 'AAP référents', phone: '01 23 45 67 89' })]);
    await erasePerson(store.db, person.id, null);
    expect((await loadCall(store.db, id))?.referents).toEqual([]);
  });
});
