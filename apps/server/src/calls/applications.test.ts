import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readCsv } from '@maillage/core';
import { accountsRepo, ecosystemRepo } from '@maillage/db';
import { availableTestStores } from '@maillage/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { argon2Hasher } from '../accounts/deps';
import type { AuthzWorld } from '../http/authz-fixtures';
import { buildAuthzWorld } from '../http/authz-world';
import { createTestApp, type TestApp, type TestClient } from '../testing';
import { linkedPerson, PDF_BYTES, seedCall } from './application-authz-fixtures';

const hex = () => randomBytes(4).toString('hex');
const dir = mkdtempSync(join(tmpdir(), 'maillage-calls-'));
const flat = (s: string) => s.replace(/\s+/g, ' ');
const pdfText = (bytes: Buffer, name: string) => {
  const path = join(dir, `${name}-${hex()}.pdf`);
  writeFileSync(path, bytes);
  return flat(execFileSync('pdftotext', ['-raw', path, '-'], { encoding: 'utf8' }));
};

describe.each(availableTestStores())('applications to a call for projects on %s', (kind) => {
  let t: TestApp;
  let world: AuthzWorld;
  let call: Awaited<ReturnType<typeof seedCall>>;
  let lead: string;
  let partner: string;
  let collectiveId: string;
  let changeId: string;
  let applicant: TestClient;
  let coordinator: TestClient;
  let reviewerA: TestClient;
  let other: TestClient;
  let url: string;
  let version: number;
  const login = async (email: string) => {
    const c = t.client();
    await c.login(email, world.password);
    return c;
  };

  beforeAll(async () => {
    t = await createTestApp(kind);
    world = await buildAuthzWorld(t.store);
    const db = t.store.db;
    call = await seedCall(db, {
      territoryId: world.territoryId,
      reviewerA: world.users.reviewer.id,
      reviewerB: world.users.facilitator.id,
    });
    const org = (name: string) =>
      ecosystemRepo(db).insertOrganisation(
        {
          name: `${name} ${hex()}`,
          kind: 'association',
          siren: null,
          siret: '12345678900011',
          rna: 'W123456789',
          communeId: world.communeId,
          territoryIds: [world.communeId],
          themeIds: [],
          description: null,
          address: '3 rue des Lilas',
          website: null,
          publicEmail: 'contact@lucioles.exemple.fr',
          publicPhone: null,
        },
        null,
        null,
      );
    lead = await org('Les Lucioles');
    partner = await org('Le Pas de côté');
    const otherOrg = await org('Une autre association');
    await linkedPerson(db, world.communeId, world.users.member.id, [lead]);
    // Another association of the territory, with its own account.
    const otherUser = await accountsRepo(db).createUser({
      email: `autre-${hex()}@exemple.fr`,
      displayName: 'Autre association',
      passwordHash: await argon2Hasher.hash(world.password),
      isAdmin: false,
    });
    await accountsRepo(db).grantRole({
      userId: otherUser.id,
      role: 'member',
      territoryId: world.territoryId,
      title: null,
      createdBy: null,
    });
    await linkedPerson(db, world.communeId, otherUser.id, [otherOrg]);
    // A collective of the territory with its sheet, its guiding answers, a member from the partner, and a pathway.
    const collective = await db
      .insertInto('collectives')
      .values({ territory_id: world.territoryId, name: 'Parents des Coteaux', urgency: 'Les parents isolés' } as never)
      .returning('id')
      .executeTakeFirstOrThrow();
    collectiveId = collective.id;
    await db
      .insertInto('collective_sections')
      .values({
        collective_id: collectiveId,
        section: 'etat_des_lieux',
        version: 1,
        content: JSON.stringify({ text: 'Peu de lieux pour les familles.' }),
        updated_at: new Date(),
      } as never)
      .execute();
    await db
      .insertInto('collective_answers')
      .values({ collective_id: collectiveId, question: 2, answer: 'Les parents du quartier' } as never)
      .execute();
    await db
      .insertInto('collective_members')
      .values({ collective_id: collectiveId, position: 0, display_name: 'Aïcha', organisation_id: partner } as never)
      .execute();
    const pathway = await db
      .insertInto('pathways')
      .values({ territory_id: world.territoryId, collective_id: collectiveId, title: 'Chemin des parents' } as never)
      .returning('id')
      .executeTakeFirstOrThrow();
    const change = await db
      .insertInto('pathway_changes')
      .values({ pathway_id: pathway.id, horizon: 'court', text: 'Les parents se connaissent', position: 0 } as never)
      .returning('id')
      .executeTakeFirstOrThrow();
    changeId = change.id;
    await db
      .insertInto('indicators')
      .values({
        pathway_id: pathway.id,
        change_id: changeId,
        name: 'Parents venus au café',
        unit: 'personnes',
        frequency: 'annuelle',
        target_value: 30,
        target_year: 2026,
      } as never)
      .execute();
    applicant = await login(world.users.member.email);
    coordinator = await login(world.users.coordinator.email);
    reviewerA = await login(world.users.reviewer.email);
    other = await login(otherUser.email);
  }, 240_000);
  afterAll(async () => {
    await t?.close();
  });

  it('drafts a collective application pre-filled from the collective’s sheet and pathway', async () => {
    const res = await applicant.post(`/api/calls/${call.callId}/applications`, {
      track: 'projet_collectif',
      leadOrganisationId: lead,
      collectiveId,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const a = res.body;
    url = `/api/calls/${call.callId}/applications/${a.id}`;
    version = a.version;
    expect(a.status).toBe('brouillon');
    expect(a.action.title).toBe('Action du collectif Parents des Coteaux');
    expect(a.action.objectives).toEqual(['Contribuer à ce changement : les parents se connaissent']);
    expect(a.action.description).toContain('Peu de lieux pour les familles.');
    expect(a.action.beneficiaries.publics).toBe('Les parents du quartier');
    expect(a.action.territoryIds).toEqual([world.territoryId]);
    expect(a.change).toMatchObject({ id: changeId, text: 'Les parents se connaissent' });
    expect(a.action.indicators).toEqual([{ name: 'Parents venus au café', target: '30 personnes en 2026' }]);
    // The collective's member organisation is a partner, each structure has its (empty) budget.
    expect(a.structures.map((s: { organisationId: string; role: string }) => [s.organisationId, s.role])).toEqual([
      [lead, 'lead'],
      [partner, 'partner'],
    ]);
    expect(a.budgets).toHaveLength(2);
    expect(a.history).toEqual([expect.objectContaining({ from: null, to: 'brouillon' })]);
    expect(a.may).toMatchObject({ edit: true, moveTo: ['pre_dossier', 'depose'], decide: false });
  });

  it('refuses a lead structure the caller does not belong to', async () => {
    const res = await applicant.post(`/api/calls/${call.callId}/applications`, { track: 'projet_individuel', leadOrganisationId: partner });
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('application_lead_not_yours');
  });

  it('refuses an unbalanced budget with the gap in euros, and keeps a balanced one', async () => {
    let res = await applicant.put(`${url}/budget`, {
      version,
      organisationId: lead,
      lines: [
        { code: '601', amountCents: 1_234_56 },
        { code: '74-ETAT', cofunderId: call.cofunderA, amountCents: 1_000_00 },
      ],
    });
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('application_budget_unbalanced');
    expect(res.body.problems[0]).toContain('dépassent les produits (1\u202f000,00\u00a0€) de 234,56\u00a0€');
    res = await applicant.put(`${url}/budget`, {
      version,
      organisationId: lead,
      lines: [
        { code: '601', amountCents: 1_234_56 },
        { code: '641', amountCents: 3_000_00 },
        { code: '74-ETAT', detail: 'ANCT', cofunderId: call.cofunderA, amountCents: 2_000_00 },
        { code: '74-EPCI', cofunderId: call.cofunderB, amountCents: 1_500_00 },
        { code: '758', amountCents: 734_56 },
      ],
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    version = res.body.version;
    res = await applicant.put(`${url}/budget`, {
      version,
      organisationId: partner,
      lines: [
        { code: '613', amountCents: 500_00 },
        { code: '74-ETAT', detail: 'ANCT', cofunderId: call.cofunderA, amountCents: 500_00 },
      ],
    });
    expect(res.status).toBe(200);
    version = res.body.version;
    const a = res.body;
    expect(a.consolidated.totals).toMatchObject({ charges: 4_734_56, produits: 4_734_56, balanced: true });
    const etat = a.funding.find((f: { cofunderId: string }) => f.cofunderId === call.cofunderA);
    expect(etat).toMatchObject({ requestedCents: 2_500_00, proposedCents: null, votedCents: null });
    expect(etat.shareBasisPoints).toBe(5280); // 2 500 / 4 734,56 = 52,80 %
    // A funder that is not the call's is refused.
    res = await applicant.put(`${url}/budget`, {
      version,
      organisationId: partner,
      lines: [{ code: '74-ETAT', cofunderId: '00000000-0000-4000-8000-000000000000', amountCents: 1 }],
    });
    expect(res.body.code).toBe('application_cofunder_unknown');
  });

  it('refuses to deposit while a condition is missing, listing it in French', async () => {
    const res = await applicant.post(`${url}/status`, { version, to: 'depose' });
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('application_not_eligible');
    expect(res.body.checks).toEqual([
      { code: 'pieces', message: expect.stringMatching(/^Pièces manquantes pour Les Lucioles \w+ : RIB, Statuts\.$/) },
    ]);
  });

  it('checks a document’s type on its bytes, and keeps a real PDF', async () => {
    let res = await applicant.post(`${url}/documents`, {
      kind: 'rib',
      organisationId: lead,
      filename: 'rib.pdf',
      mime: 'application/pdf',
      contentBase64: Buffer.from('MZ\x90\x00 not a pdf').toString('base64'),
    });
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('document_type_mismatch');
    for (const k of ['rib', 'statuts']) {
      res = await applicant.post(`${url}/documents`, {
        kind: k,
        organisationId: lead,
        filename: `${k}.pdf`,
        mime: 'application/pdf',
        contentBase64: PDF_BYTES.toString('base64'),
      });
      expect(res.status).toBe(201);
    }
    const doc = res.body.documents.find((d: { kind: string }) => d.kind === 'statuts');
    expect(doc).toMatchObject({ filename: 'statuts.pdf', size: PDF_BYTES.length, organisationId: lead });
    const file = await applicant.get(`${url}/documents/${doc.id}`);
    expect(file.status).toBe(200);
    expect(Buffer.from(file.res.rawPayload).equals(PDF_BYTES)).toBe(true);
    version = res.body.version;
  });

  it('deposits once eligible; the call’s team then moves it, a stale version is refused with the current one', async () => {
    const eligibility = await applicant.get(`${url}/eligibility`);
    expect(eligibility.body.ok).toBe(true);
    let res = await applicant.post(`${url}/status`, { version, to: 'depose' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.status).toBe('depose');
    expect(res.body.submittedAt).not.toBeNull();
    expect(res.body.may.edit).toBe(false);
    // The applicant may not instruct it.
    res = await applicant.post(`${url}/status`, { version: res.body.version, to: 'recevable' });
    expect(res.body.code).toBe('application_move_forbidden');
    let current = (await coordinator.get(url)).body.version;
    res = await coordinator.post(`${url}/status`, { version: current - 1, to: 'recevable' });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ code: 'application_conflict', current });
    for (const to of ['recevable', 'en_instruction', 'propose_comite']) {
      res = await coordinator.post(`${url}/status`, { version: current, to, comment: to === 'recevable' ? 'Dossier complet' : '' });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body.status).toBe(to);
      current = res.body.version;
    }
    version = current;
  });

  it('records the committee’s votes line by line: accordé with the amounts', async () => {
    // Funder A's reviewer proposed an amount (the funder side's review is written directly here).
    await t.store.db
      .insertInto('application_reviews')
      .values({
        application_id: url.split('/').at(-1) as string,
        cofunder_id: call.cofunderA,
        reviewer_user_id: world.users.reviewer.id,
        reviewer_name: 'Test reviewer',
        complete: true,
        bilan_received: null,
        eligible: true,
        criteria: '{}',
        appreciation: 'favorable',
        comment: '',
        proposed_cents: 2_200_00,
      })
      .execute();
    const before = await applicant.get(url);
    expect(before.body.funding.find((f: { cofunderId: string }) => f.cofunderId === call.cofunderA).proposedCents).toBeNull();
    const seen = await reviewerA.get(url);
    expect(seen.status).toBe(200);
    expect(seen.body.funding.find((f: { cofunderId: string }) => f.cofunderId === call.cofunderA).proposedCents).toBe(2_200_00);
    // A rejected line votes nothing.
    let res = await coordinator.put(`${url}/decisions`, {
      version,
      lines: [{ cofunderId: call.cofunderB, decision: 'rejete', votedCents: 5 }],
    });
    expect(res.body.code).toBe('application_decision_invalid');
    res = await coordinator.put(`${url}/decisions`, {
      version,
      lines: [
        { cofunderId: call.cofunderA, decision: 'accorde', votedCents: 2_000_00 },
        { cofunderId: call.cofunderB, decision: 'rejete', votedCents: 0 },
      ],
      comment: 'Comité du 15 avril',
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.status).toBe('accorde');
    version = res.body.version;
  });

  it('shows the applicant where the file is, with the amounts and the dated history naming who', async () => {
    const res = await applicant.get(url);
    const a = res.body;
    expect(a.status).toBe('accorde');
    const line = (id: string) => a.funding.find((f: { cofunderId: string }) => f.cofunderId === id);
    expect(line(call.cofunderA)).toMatchObject({ decision: 'accorde', votedCents: 2_000_00, proposedCents: 2_200_00 });
    expect(line(call.cofunderB)).toMatchObject({ decision: 'rejete', votedCents: 0 });
    const moves = a.history.map((h: { from: string | null; to: string; cofunderId: string | null }) => [h.from, h.to, h.cofunderId]);
    expect(moves.slice(0, 5)).toEqual([
      [null, 'brouillon', null],
      ['brouillon', 'depose', null],
      ['depose', 'recevable', null],
      ['recevable', 'en_instruction', null],
      ['en_instruction', 'propose_comite', null],
    ]);
    // One line per funder (recorded together), then the file's own status.
    expect(moves.slice(5, 7)).toEqual(
      expect.arrayContaining([
        ['propose_comite', 'accorde', call.cofunderA],
        ['propose_comite', 'rejete', call.cofunderB],
      ]),
    );
    expect(moves.slice(7)).toEqual([['propose_comite', 'accorde', null]]);
    expect(a.history[1].by).toBe('Test member');
    expect(a.history[2]).toMatchObject({ by: 'Test coordinator', comment: 'Dossier complet' });
    const mine = await applicant.get('/api/applications/mine');
    expect(mine.body.map((s: { id: string }) => s.id)).toContain(a.id);
    expect(mine.body.find((s: { id: string }) => s.id === a.id)).toMatchObject({ status: 'accorde', votedCents: 2_000_00, structures: 2 });
  });

  it('is not readable by another association of the territory', async () => {
    expect((await other.get(url)).status).toBe(403);
    expect((await other.get(`${url}/dauphin.pdf`)).status).toBe(403);
    expect((await other.get('/api/applications/mine')).body).toEqual([]);
    expect((await other.get(`/api/calls/${call.callId}/applications`)).body).toEqual([]);
  });

  it('lists to a reviewer the deposited files of the tracks its funder reviews, and not the others', async () => {
    const id = url.split('/').at(-1);
    const listed = async () => (await reviewerA.get(`/api/calls/${call.callId}/applications`)).body.map((s: { id: string }) => s.id);
    expect(await listed()).toContain(id);
    // The État now reviews only the small collectives: this collective project leaves its list.
    const db = t.store.db;
    await db
      .updateTable('call_cofunders')
      .set({ tracks: JSON.stringify(['petit_collectif']) })
      .where('id', '=', call.cofunderA)
      .execute();
    try {
      expect(await listed()).not.toContain(id);
    } finally {
      await db.updateTable('call_cofunders').set({ tracks: '[]' }).where('id', '=', call.cofunderA).execute();
    }
  });

  it('hands over the Dauphin pack: the CERFA 12156 sections in order, the budget grid with its codes, and the CSV', async () => {
    const pdf = await applicant.get(`${url}/dauphin.pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.res.headers['content-type']).toBe('application/pdf');
    const text = pdfText(Buffer.from(pdf.res.rawPayload), 'dauphin');
    const order = [
      '1. Identification de l’association',
      '2. Relations avec l’administration',
      '3. Moyens humains',
      '4. Projet - Objet de la demande',
      '5. Budget du projet',
      '6. Déclaration sur l’honneur',
    ].map((s) => text.indexOf(s));
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((x, y) => x - y)).toEqual(order);
    for (const s of [
      'Numéro SIRET : 12345678900011',
      'Intitulé : Action du collectif Parents des Coteaux',
      'Part résidant en quartier prioritaire (QPV)',
      '601 Achats matières et fournitures',
      '74-ETAT État (préciser le ministère et la direction)',
      'Budget consolidé de la demande',
      'Total des charges',
      '4 734,56 €',
      'Signature :',
    ]) {
      expect(text, s).toContain(s);
    }
    const csv = await applicant.get(`${url}/budget.csv`);
    expect(csv.status).toBe(200);
    const raw = Buffer.from(csv.res.rawPayload);
    expect([...raw.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const parsed = readCsv(new Uint8Array(raw));
    expect(parsed.separator).toBe(';');
    expect(parsed.header).toEqual(['structure', 'code', 'libellé', 'précision', 'financeur', 'montant']);
    const rows = parsed.records.map((r) => r.fields);
    const leadName = rows[0]?.[0] as string;
    expect(leadName).toMatch(/^Les Lucioles/);
    expect(rows).toContainEqual([leadName, '601', 'Achats matières et fournitures', '', '', '1234,56']);
    expect(rows).toContainEqual([
      leadName,
      '74-ETAT',
      'État (préciser le ministère et la direction)',
      'ANCT',
      'État — politique de la ville',
      '2000,00',
    ]);
    expect(rows).toContainEqual([
      'Budget consolidé',
      '74-ETAT',
      'État (préciser le ministère et la direction)',
      'ANCT',
      'État — politique de la ville',
      '2500,00',
    ]);
    expect(rows).toContainEqual(['Budget consolidé', 'TOTAL-PRODUITS', 'Total des produits', '', '', '4734,56']);
  });

  it('writes the compte rendu financier: planned, actual and the gap per line, and the qualitative report', async () => {
    const res = await applicant.put(`${url}/report`, {
      version,
      budgets: [
        {
          organisationId: lead,
          lines: [
            { code: '601', amountCents: 1_111_10 },
            { code: '641', amountCents: 3_000_00 },
            { code: '74-ETAT', detail: 'ANCT', cofunderId: call.cofunderA, amountCents: 2_000_00 },
          ],
        },
      ],
      qualitative: 'Trente familles sont venues au café des parents.',
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const lines = res.body.report.budgets[0].lines;
    expect(lines).toContainEqual({ code: '601', detail: '', plannedCents: 1_234_56, actualCents: 1_111_10 });
    const pdf = await applicant.get(`${url}/compte-rendu.pdf`);
    expect(pdf.status).toBe(200);
    const text = pdfText(Buffer.from(pdf.res.rawPayload), 'cr');
    expect(text).toContain('Compte rendu financier');
    expect(text).toContain('Prévision Réalisation Écart');
    expect(text).toContain('601 Achats matières et fournitures 1 234,56 € 1 111,10 € -10,0 %');
    expect(text).toContain('Subvention accordée par État — politique de la ville : 2 000,00 €');
    expect(text).toContain('Trente familles sont venues au café des parents.');
  });

  it('lets an association member whose role is on a commune below the call’s territory see she may apply, draft and read her file', async () => {
    const db = t.store.db;
    const user = await accountsRepo(db).createUser({
      email: `commune-${hex()}@exemple.fr`,
      displayName: 'Membre de la commune',
      passwordHash: await argon2Hasher.hash(world.password),
      isAdmin: false,
    });
    await accountsRepo(db).grantRole({ userId: user.id, role: 'member', territoryId: world.communeId, title: null, createdBy: null });
    const organisation = await ecosystemRepo(db).insertOrganisation(
      {
        name: `Association de la commune ${hex()}`,
        kind: 'association',
        siren: null,
        siret: null,
        rna: null,
        communeId: world.communeId,
        territoryIds: [world.communeId],
        themeIds: [],
        description: null,
        address: null,
        website: null,
        publicEmail: null,
        publicPhone: null,
      },
      null,
      null,
    );
    await linkedPerson(db, world.communeId, user.id, [organisation]);
    const member = await login(user.email);
    const seen = await member.get(`/api/calls/${call.callId}`);
    expect(seen.status).toBe(200);
    expect(seen.body.may).toMatchObject({ apply: true, manage: false });
    const created = await member.post(`/api/calls/${call.callId}/applications`, {
      track: 'projet_individuel',
      leadOrganisationId: organisation,
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const read = await member.get(`/api/calls/${call.callId}/applications/${created.body.id}`);
    expect(read.status).toBe(200);
    expect(read.body.may).toMatchObject({ edit: true, moveTo: ['pre_dossier', 'depose'] });
  });
});
