import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseCsvText } from '@maillage/core';
import { accountsRepo } from '@maillage/db';
import { availableTestStores } from '@maillage/db/testing';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { argon2Hasher } from '../accounts/deps';
import { organisation } from '../ecosystem/authz-fixtures';
import { createTestWorld, type TestClient, type TestWorld } from '../testing';
import { application, PDF_BYTES, pathwayChange, sampleReview } from './authz-fixtures';

// Logins hash and check passwords (argon2): slow on a loaded machine, never a measure of anything.
vi.setConfig({ testTimeout: 300_000, hookTimeout: 600_000 });

/** Reads an XLSX with Python's standard library only (zipfile, xml.etree): an independent reader. */
const XLSX_READER = `
import json, sys, zipfile
import xml.etree.ElementTree as ET
ns = {'m': 'http://schemas.openxmlformats.org/spreadsheetml/2006/main'}
z = zipfile.ZipFile(sys.argv[1])
assert z.testzip() is None
sheet = ET.fromstring(z.read('xl/worksheets/sheet1.xml'))
styles = ET.fromstring(z.read('xl/styles.xml'))
fmts = {f.get('numFmtId'): f.get('formatCode') for f in styles.iter('{%s}numFmt' % ns['m'])}
xfs = [x.get('numFmtId') for x in styles.find('m:cellXfs', ns)]
rows = []
for row in sheet.iter('{%s}row' % ns['m']):
    cells = {}
    for c in row.iter('{%s}c' % ns['m']):
        ref = ''.join(ch for ch in c.get('r') if ch.isalpha())
        if c.get('t') == 'inlineStr':
            cells[ref] = ''.join(t.text or '' for t in c.iter('{%s}t' % ns['m']))
        else:
            fmt = fmts.get(xfs[int(c.get('s', '0'))], '')
            cells[ref] = {'number': float(c.find('m:v', ns).text), 'format': fmt}
    rows.append(cells)
workbook = ET.fromstring(z.read('xl/workbook.xml'))
print(json.dumps({'sheets': [s.get('name') for s in workbook.iter('{%s}sheet' % ns['m'])], 'rows': rows}))
`;

describe.each(availableTestStores())('calls for projects, the funder side, on %s', (kind) => {
  let t: TestWorld;
  let coordinator: TestClient;
  let reviewerA: TestClient;
  let reviewerB: TestClient;
  let applicant: TestClient;
  let otherAssociation: TestClient;
  let reviewerBId: string;
  let callId: string;
  let funderA: string;
  let funderB: string;
  let applicationId: string;

  async function extraUser(key: string, role: 'reviewer' | 'member') {
    const repo = accountsRepo(t.store.db);
    const email = `${key}-${Math.random().toString(36).slice(2)}@exemple.fr`;
    const u = await repo.createUser({
      email,
      displayName: `Test ${key}`,
      passwordHash: await argon2Hasher.hash(t.world.password),
      isAdmin: false,
    });
    await repo.grantRole({ userId: u.id, role, territoryId: t.world.territoryId, title: null, createdBy: null });
    const client = t.client();
    await client.login(email, t.world.password);
    return { id: u.id, client };
  }

  /** Links a user to an organisation through a person of the ecosystem (what makes her one of its members). */
  async function memberOf(userId: string, organisationId: string) {
    const p = await t.store.db
      .insertInto('people')
      .values({ name: 'Membre Test', search_key: 'membre test', user_id: userId } as never)
      .returning('id')
      .executeTakeFirstOrThrow();
    await t.store.db.insertInto('person_organisations').values({ person_id: p.id, organisation_id: organisationId }).execute();
  }

  beforeAll(async () => {
    t = await createTestWorld(kind);
    coordinator = await t.loginAs('coordinator');
    reviewerA = await t.loginAs('reviewer');
    applicant = await t.loginAs('member');
    const b = await extraUser('instructrice-b', 'reviewer');
    reviewerB = b.client;
    reviewerBId = b.id;
    const other = await extraUser('autre-asso', 'member');
    otherAssociation = other.client;
    await memberOf(other.id, await organisation(t.world, 'Autre association'));
  });
  afterAll(async () => {
    await t?.close();
  });

  it('lets a coordinator launch a call with its three tracks and the typical calendar, and no one else', async () => {
    const body = {
      territoryId: t.world.territoryId,
      title: 'AAP 2026 de l’agglo',
      year: 2026,
      framing: 'Les actions servent les habitants des quartiers.',
    };
    expect((await applicant.post('/api/calls', body)).status).toBe(403);
    const anonymous = t.client();
    await anonymous.get('/api/session');
    expect((await anonymous.post('/api/calls', body)).status).toBe(401);
    const res = await coordinator.post('/api/calls', body);
    expect(res.status).toBe(201);
    callId = res.body.id;
    expect(res.body.version).toBe(0);
    expect(res.body.tracks.map((x: { track: string; enabled: boolean }) => [x.track, x.enabled])).toEqual([
      ['projet_individuel', true],
      ['projet_collectif', true],
      ['petit_collectif', true],
    ]);
    const depot = res.body.steps.find((s: { kind: string }) => s.kind === 'depot');
    expect(depot).toMatchObject({ opensOn: '2025-12-01', closesOn: '2026-01-15', label: 'Dépôt des demandes' });
    expect(res.body.may).toMatchObject({ manage: true, decide: true });
  });

  it('saves steps, referents and priorities (one on a change of the territory) and refuses another territory’s change in French', async () => {
    const current = (await coordinator.get(`/api/calls/${callId}`)).body;
    const changeId = await pathwayChange(t.world);
    const steps = current.steps.map((s: { id: string; kind: string; opensOn: string; closesOn: string }) =>
      s.kind === 'depot'
        ? { id: s.id, kind: s.kind, opensOn: '2025-12-01', closesOn: '2026-01-31' }
        : { id: s.id, kind: s.kind, opensOn: s.opensOn, closesOn: s.closesOn },
    );
    const body = {
      version: current.version,
      title: current.title,
      year: 2026,
      framing: current.framing,
      priorities: [
        { text: 'Soutenir la parentalité', changeId },
        { text: 'Favoriser l’emploi des jeunes', changeId: null },
      ],
      eligibleTerritoryIds: [t.world.quartierId],
      tracks: [{ track: 'petit_collectif', enabled: false, description: 'Pas cette année' }],
      referents: [
        {
          track: 'projet_collectif',
          institution: 'Agglo',
          territoryId: t.world.communeId,
          name: 'Nadia Exemple',
          email: 'nadia@exemple.fr',
          phone: '01 02 03 04 05',
        },
      ],
      steps,
    };
    const saved = await coordinator.put(`/api/calls/${callId}`, body);
    expect(saved.status).toBe(200);
    expect(saved.body.version).toBe(1);
    expect(saved.body.priorities.map((p: { text: string; change: { id: string } | null }) => [p.text, p.change?.id ?? null])).toEqual([
      ['Soutenir la parentalité', changeId],
      ['Favoriser l’emploi des jeunes', null],
    ]);
    expect(saved.body.eligibleTerritories.map((x: { id: string }) => x.id)).toEqual([t.world.quartierId]);
    expect(saved.body.tracks.find((x: { track: string }) => x.track === 'petit_collectif').enabled).toBe(false);
    expect(saved.body.referents[0]).toMatchObject({ name: 'Nadia Exemple', territory: { id: t.world.communeId } });
    expect(saved.body.steps.find((s: { kind: string }) => s.kind === 'depot').closesOn).toBe('2026-01-31');
    const stepIds = current.steps.map((s: { id: string }) => s.id).sort();
    expect(saved.body.steps.map((s: { id: string }) => s.id).sort()).toEqual(stepIds);

    // A change of another territory's pathway.
    const foreignChange = await pathwayChange({ ...t.world, territoryId: t.world.otherTerritoryId });
    const refused = await coordinator.put(`/api/calls/${callId}`, {
      ...body,
      version: 1,
      priorities: saved.body.priorities.map((p: { id: string; text: string }, i: number) => ({
        id: p.id,
        text: p.text,
        changeId: i === 1 ? foreignChange : null,
      })),
    });
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe('call_change_foreign');
    expect(refused.body.title).toMatch(/changement du chemin de changement d’un autre territoire/);
    expect(refused.body.field).toBe('body.priorities.1.changeId');

    // From a stale version: 409 with the current one, nothing saved.
    const stale = await coordinator.put(`/api/calls/${callId}`, { ...body, title: 'Titre périmé' });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ code: 'call_conflict', current: 1 });
    expect((await coordinator.get(`/api/calls/${callId}`)).body.title).toBe('AAP 2026 de l’agglo');
  });

  it('names co-funders with their reviewers, keeping ids, and refuses a reviewer with no role on the territory', async () => {
    const res = await coordinator.put(`/api/calls/${callId}/cofunders`, {
      version: 1,
      cofunders: [
        { kind: 'etat', name: 'État (BOP 147)', envelopeCents: 1_000_000, reviewerUserIds: [t.world.users.reviewer.id] },
        { kind: 'commune', name: 'Ville de Valmont', envelopeCents: 500_000, tracks: ['projet_collectif'], reviewerUserIds: [reviewerBId] },
      ],
    });
    expect(res.status).toBe(200);
    [funderA, funderB] = res.body.cofunders.map((f: { id: string }) => f.id);
    expect(res.body.cofunders[1].reviewers.map((r: { userId: string }) => r.userId)).toEqual([reviewerBId]);
    const again = await coordinator.put(`/api/calls/${callId}/cofunders`, {
      version: 2,
      cofunders: res.body.cofunders.map(
        (f: { id: string; kind: string; name: string; envelopeCents: number; tracks: string[]; reviewers: { userId: string }[] }) => ({
          id: f.id,
          kind: f.kind,
          name: f.name,
          envelopeCents: f.envelopeCents,
          tracks: f.tracks,
          reviewerUserIds: f.reviewers.map((r) => r.userId),
        }),
      ),
    });
    expect(again.status).toBe(200);
    expect(again.body.cofunders.map((f: { id: string }) => f.id)).toEqual([funderA, funderB]);
    const outsider = await coordinator.put(`/api/calls/${callId}/cofunders`, {
      version: 3,
      cofunders: [
        { id: funderA, kind: 'etat', name: 'État', reviewerUserIds: [t.world.users.outsider.id] },
        { id: funderB, kind: 'commune', name: 'Ville' },
      ],
    });
    expect(outsider.status).toBe(422);
    expect(outsider.body.code).toBe('reviewer_outside');
    // A reviewer reads the call and sees only her own funder's reviewers.
    const seen = await reviewerA.get(`/api/calls/${callId}`);
    expect(seen.status).toBe(200);
    expect(seen.body.may.reviewFor).toEqual([funderA]);
    expect(seen.body.cofunders[1].reviewers).toEqual([]);
  });

  it('keeps a funder’s reviews from the other funder’s reviewers until the committee', async () => {
    const lead = await organisation(t.world, 'Centre social des Tilleuls');
    await memberOf(t.world.users.member.id, lead);
    applicationId = (
      await application(t.world, {
        callId,
        status: 'en_instruction',
        title: 'Ateliers parents-enfants',
        organisationId: lead,
        lines: [
          { code: '641', detail: '', cofunderId: null, amountCents: 900_050 },
          { code: '74-ETAT', detail: 'BOP 147', cofunderId: funderA, amountCents: 600_000 },
          { code: '74-COMMUNE', detail: 'Valmont', cofunderId: funderB, amountCents: 300_050 },
        ],
      })
    ).id;
    const url = `/api/calls/${callId}/applications/${applicationId}/reviews`;
    const a = await reviewerA.put(`${url}/${funderA}`, sampleReview(500_000));
    expect(a.status).toBe(200);
    expect(a.body).toMatchObject({ cofunderId: funderA, proposedCents: 500_000, reviewer: { userId: t.world.users.reviewer.id } });
    expect((await reviewerB.put(`${url}/${funderB}`, { ...sampleReview(250_000), appreciation: 'reserve' })).status).toBe(200);
    // Writing for a funder one does not review for.
    expect((await reviewerA.put(`${url}/${funderB}`, sampleReview())).status).toBe(403);
    expect((await coordinator.put(`${url}/${funderA}`, sampleReview())).status).toBe(403);

    const funders = async (c: TestClient) => {
      const res = await c.get(url);
      return res.status === 200 ? res.body.map((r: { cofunderId: string }) => r.cofunderId) : res.status;
    };
    expect(await funders(reviewerA)).toEqual([funderA]);
    expect(await funders(reviewerB)).toEqual([funderB]);
    expect(await funders(coordinator)).toEqual([]);
    expect(await funders(applicant)).toEqual([]);
    expect(await funders(otherAssociation)).toBe(403);
    expect(await funders(t.client())).toBe(401);

    await t.store.db.updateTable('applications').set({ status: 'propose_comite' }).where('id', '=', applicationId).execute();
    expect(await funders(reviewerA)).toEqual([funderA, funderB]);
    expect(await funders(reviewerB)).toEqual([funderA, funderB]);
    expect(await funders(coordinator)).toEqual([funderA, funderB]);
    expect(await funders(applicant)).toEqual([]);

    // A second review of funder A, later: the committee takes the latest amount.
    expect((await reviewerA.put(`${url}/${funderA}`, sampleReview(450_000))).status).toBe(200);
    const committee = await coordinator.get(`/api/calls/${callId}/committee`);
    expect(committee.status).toBe(200);
    expect(committee.body.applications[0].lines).toEqual([
      { cofunderId: funderA, requestedCents: 600_000, proposedCents: 450_000, votedCents: null, decision: null },
      { cofunderId: funderB, requestedCents: 300_050, proposedCents: 250_000, votedCents: null, decision: null },
    ]);
    expect(
      committee.body.cofunders.map((f: { envelopeCents: number; requestedCents: number }) => [f.envelopeCents, f.requestedCents]),
    ).toEqual([
      [1_000_000, 600_000],
      [500_000, 300_050],
    ]);
    expect(committee.body.tracks.find((x: { track: string }) => x.track === 'projet_collectif')).toEqual({
      track: 'projet_collectif',
      requestedCents: 900_050,
      proposedCents: 700_000,
      votedCents: 0,
    });
    expect((await reviewerA.get(`/api/calls/${callId}/committee`)).status).toBe(403);

    // Once decided, the file is no longer reviewed.
    await t.store.db.updateTable('applications').set({ status: 'accorde' }).where('id', '=', applicationId).execute();
    const closed = await reviewerA.put(`${url}/${funderA}`, sampleReview());
    expect(closed.status).toBe(409);
    expect(closed.body.code).toBe('review_not_open');
  });

  it('writes the programming table as CSV and as a real XLSX workbook', async () => {
    await t.store.db
      .insertInto('application_decisions')
      .values([
        { application_id: applicationId, cofunder_id: funderA, decision: 'accorde', voted_cents: 400_000, decided_by: null },
        { application_id: applicationId, cofunder_id: funderB, decision: 'rejete', voted_cents: 0, decided_by: null },
      ])
      .execute();
    const csv = await coordinator.request('GET', `/api/calls/${callId}/programming.csv`);
    expect(csv.status).toBe(200);
    expect(csv.res.headers['content-type']).toMatch(/^text\/csv/);
    const text = csv.res.body;
    expect(text.startsWith('\uFEFF')).toBe(true);
    const rows = parseCsvText(text.slice(1), ';').records.map((r) => [...r.fields]);
    expect(rows[0]).toEqual([
      'Appel à projets',
      'Filière',
      'Action',
      'Structure porteuse',
      'Financeur',
      'Montant demandé (€)',
      'Montant proposé (€)',
      'Montant voté (€)',
      'Décision',
    ]);
    expect(rows.slice(1).filter((r) => r.some((c) => c !== ''))).toEqual([
      [
        'AAP 2026 de l’agglo',
        'Projet collectif',
        'Ateliers parents-enfants',
        expect.stringMatching(/^Centre social des Tilleuls/),
        'État (BOP 147)',
        '6000,00',
        '4500,00',
        '4000,00',
        'Accordé',
      ],
      [
        'AAP 2026 de l’agglo',
        'Projet collectif',
        'Ateliers parents-enfants',
        expect.stringMatching(/^Centre social des Tilleuls/),
        'Ville de Valmont',
        '3000,50',
        '2500,00',
        '0,00',
        'Rejeté',
      ],
    ]);
    expect((await reviewerA.request('GET', `/api/calls/${callId}/programming.csv`)).status).toBe(403);

    const xlsx = await coordinator.request('GET', `/api/calls/${callId}/programming.xlsx`);
    expect(xlsx.status).toBe(200);
    expect(xlsx.res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const dir = mkdtempSync(join(tmpdir(), 'programmation-'));
    const file = join(dir, 'programmation.xlsx');
    writeFileSync(file, xlsx.res.rawPayload);
    const read = JSON.parse(execFileSync('python3', ['-c', XLSX_READER, file], { encoding: 'utf8' }));
    expect(read.sheets).toEqual(['Programmation']);
    expect(read.rows[0].F).toBe('Montant demandé (€)');
    expect(read.rows).toHaveLength(3);
    expect(read.rows[1]).toMatchObject({ C: 'Ateliers parents-enfants', E: 'État (BOP 147)', I: 'Accordé' });
    expect(read.rows[1].F).toEqual({ number: 6000, format: expect.stringContaining('€') });
    expect(read.rows[1].G.number).toBe(4500);
    expect(read.rows[1].H.number).toBe(4000);
    expect(read.rows[2].F.number).toBe(3000.5);
    expect(read.rows[2].H.number).toBe(0);
  });

  it('keeps the note de cadrage’s files in the database and refuses an executable renamed .pdf in French', async () => {
    const exe = Buffer.concat([Buffer.from([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00]), Buffer.alloc(200, 0x41)]);
    const refused = await coordinator.post(`/api/calls/${callId}/files`, {
      filename: 'note-de-cadrage.pdf',
      mime: 'application/pdf',
      contentBase64: exe.toString('base64'),
    });
    expect(refused.status).toBe(415);
    expect(refused.body.code).toBe('call_file_type');
    expect(refused.body.title).toMatch(/n’est pas du type annoncé/);
    // A PNG declared as a PDF is refused too: name, type and bytes must agree.
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);
    expect(
      (
        await coordinator.post(`/api/calls/${callId}/files`, {
          filename: 'a.pdf',
          mime: 'application/pdf',
          contentBase64: png.toString('base64'),
        })
      ).status,
    ).toBe(415);

    const added = await coordinator.post(`/api/calls/${callId}/files`, {
      filename: 'Note de cadrage 2026.pdf',
      mime: 'application/pdf',
      contentBase64: PDF_BYTES.toString('base64'),
    });
    expect(added.status).toBe(201);
    const meta = added.body.files[0];
    expect(meta).toMatchObject({ filename: 'Note de cadrage 2026.pdf', mime: 'application/pdf', size: PDF_BYTES.length });
    const row = await t.store.db.selectFrom('call_files').select(['sha256', 'size']).where('id', '=', meta.id).executeTakeFirstOrThrow();
    expect(row.sha256).toBe(createHash('sha256').update(PDF_BYTES).digest('hex'));
    const got = await applicant.request('GET', `/api/calls/${callId}/files/${meta.id}`);
    expect(got.status).toBe(200);
    expect(Buffer.from(got.res.rawPayload).equals(PDF_BYTES)).toBe(true);
    expect(got.res.headers['content-disposition']).toMatch(/attachment/);
    expect((await applicant.delete(`/api/calls/${callId}/files/${meta.id}`)).status).toBe(403);
    const removed = await coordinator.delete(`/api/calls/${callId}/files/${meta.id}`);
    expect(removed.status).toBe(200);
    expect(removed.body.files).toEqual([]);
    expect((await coordinator.request('GET', `/api/calls/${callId}/files/${meta.id}`)).status).toBe(404);
  });

  it('lists the calls one may read: the territory’s, and those one reviews for', async () => {
    const mine = await reviewerB.get('/api/calls');
    expect(mine.status).toBe(200);
    const summary = mine.body.find((c: { id: string }) => c.id === callId);
    expect(summary).toMatchObject({ title: 'AAP 2026 de l’agglo', may: { manage: false, review: true } });
    expect(summary.tracks).toEqual(['projet_individuel', 'projet_collectif']);
    expect(summary.currentStep).not.toBeNull();
    const coord = (await coordinator.get(`/api/calls?territoryId=${t.world.territoryId}`)).body.find(
      (c: { id: string }) => c.id === callId,
    );
    expect(coord).toMatchObject({ applications: 1, may: { manage: true } });
    expect((await applicant.get('/api/calls')).body.find((c: { id: string }) => c.id === callId)).toMatchObject({
      applications: 1,
      may: { manage: false },
    });
    const outsider = await t.loginAs('outsider');
    expect((await outsider.get('/api/calls')).body.map((c: { id: string }) => c.id)).not.toContain(callId);
    expect((await outsider.get(`/api/calls/${callId}`)).status).toBe(403);
    expect((await outsider.get(`/api/calls?territoryId=${t.world.territoryId}`)).status).toBe(403);
  });

  it('lists the reviewers a coordinator who is not an administrator may name: people of the territory, not outsiders', async () => {
    const res = await coordinator.get(`/api/calls/${callId}/reviewer-candidates`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const ids = res.body.map((u: { userId: string }) => u.userId);
    expect(ids).toContain(t.world.users.reviewer.id);
    expect(ids).toContain(reviewerBId);
    expect(ids).not.toContain(t.world.users.outsider.id);
    expect(res.body.find((u: { userId: string }) => u.userId === reviewerBId)).toEqual({
      userId: reviewerBId,
      name: 'Test instructrice-b',
      email: expect.stringContaining('instructrice-b'),
    });
    // Every candidate is accepted by the funders' form.
    const call = (await coordinator.get(`/api/calls/${callId}`)).body;
    const saved = await coordinator.put(`/api/calls/${callId}/cofunders`, {
      version: call.version,
      cofunders: call.cofunders.map(
        (
          f: { id: string; kind: string; name: string; envelopeCents: number; tracks: string[]; reviewers: { userId: string }[] },
          i: number,
        ) => ({
          id: f.id,
          kind: f.kind,
          name: f.name,
          envelopeCents: f.envelopeCents,
          tracks: f.tracks,
          reviewerUserIds: i === 0 ? ids : f.reviewers.map((r) => r.userId),
        }),
      ),
    });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect((await reviewerB.get(`/api/calls/${callId}/reviewer-candidates`)).status).toBe(403);
    expect((await applicant.get(`/api/calls/${callId}/reviewer-candidates`)).status).toBe(403);
  });
});
