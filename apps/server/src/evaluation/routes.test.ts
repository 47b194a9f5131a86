import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCollectives, ecosystemRepo, exportPersonData } from '@maillage/db';
import { availableTestStores } from '@maillage/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { argon2Hasher } from '../accounts/deps';
import { freshRegistration } from '../events/authz-fixtures';
import { liveRoom } from './authz-fixtures';
import type { AuthzWorld } from '../http/authz-fixtures';
import { type AnswerBody, createTestApp, type TestApp, type TestClient } from '../testing';

const dir = mkdtempSync(join(tmpdir(), 'maillage-evaluation-'));

async function userWithRole(t: TestApp, email: string, role: 'coordinator' | 'member', territoryId: string, name: string) {
  const user = await t.store.db
    .insertInto('users')
    .values({ email, display_name: name, password_hash: await argon2Hasher.hash('mot de passe solide') })
    .returning('id')
    .executeTakeFirstOrThrow();
  await t.store.db
    .insertInto('role_assignments')
    .values({ user_id: user.id, role, territory_id: territoryId, title: null, created_by: null })
    .execute();
  const client = t.client();
  await client.login(email, 'mot de passe solide');
  return { client, userId: user.id };
}

async function organisation(t: TestApp, name: string, territoryId: string): Promise<string> {
  return ecosystemRepo(t.store.db).insertOrganisation(
    {
      name,
      kind: 'association',
      siren: null,
      siret: null,
      rna: null,
      communeId: null,
      territoryIds: [territoryId],
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
}

describe.each(availableTestStores())('shared measurement API on %s', (kind) => {
  let t: TestApp;
  let territoryId: string;
  let coordinator: TestClient;
  let partner: TestClient;
  let centre: string;
  let caf: string;
  let indicatorId: string;

  beforeAll(async () => {
    t = await createTestApp(kind);
    const territory = await t.store.db
      .insertInto('territories')
      .values({
        kind: 'epci',
        name: 'Agglomération des mesures (fictive)',
        slug: `mesures-${kind}`,
        code: null,
        epci_type: null,
        population: null,
        created_by: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    territoryId = territory.id;
    coordinator = (await userWithRole(t, 'coordination-mesures@exemple.fr', 'coordinator', territoryId, 'Claire Coordination')).client;
    const p = await userWithRole(t, 'partenaire-mesures@exemple.fr', 'member', territoryId, 'Paul Partenaire');
    partner = p.client;
    centre = await organisation(t, 'Centre social des Tilleuls', territoryId);
    caf = await organisation(t, 'CAF de l’agglomération', territoryId);
    // Paul works at the centre social: the ecosystem's person linked to his account.
    const person = await t.store.db
      .insertInto('people')
      .values({ name: 'Paul Partenaire', search_key: 'paul partenaire', user_id: p.userId })
      .returning('id')
      .executeTakeFirstOrThrow();
    await t.store.db.insertInto('person_organisations').values({ person_id: person.id, organisation_id: centre }).execute();
    const res = await coordinator.post('/api/indicators', {
      territoryId,
      name: 'Familles accompagnées',
      unit: 'familles',
      frequency: 'annuelle',
      baselineValue: 100,
      baselineYear: 2023,
      targetValue: 300,
      targetYear: 2027,
      firstPeriod: '2024',
      reporterIds: [centre, caf],
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    indicatorId = res.body.id;
    expect(res.body.owner).toMatchObject({ kind: 'territory', id: territoryId });
    expect(res.body.reporters.map((r: AnswerBody) => r.id).sort()).toEqual([centre, caf].sort());
  });
  afterAll(async () => {
    await t?.close();
  });

  it('a partner reports only for its own organisation; a correction is a new version and the history keeps the first', async () => {
    const seen = await partner.get(`/api/indicators/${indicatorId}`);
    expect(seen.body.may).toEqual({ write: false, reportFor: [centre] });
    expect(
      (await partner.post(`/api/indicators/${indicatorId}/measurements`, { organisationId: caf, period: '2024', value: 10 })).status,
    ).toBe(403);
    let res = await partner.post(`/api/indicators/${indicatorId}/measurements`, { organisationId: centre, period: '2024', value: 120 });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({ version: 1, value: 120, reportedBy: 'Paul Partenaire' });
    res = await partner.post(`/api/indicators/${indicatorId}/measurements`, {
      organisationId: centre,
      period: '2024',
      value: 125,
      comment: 'erreur de saisie',
    });
    expect(res.body.version).toBe(2);
    res = await partner.post(`/api/indicators/${indicatorId}/measurements`, { organisationId: centre, period: '2024-T1', value: 1 });
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('measurement_period_invalid');
    const history = await partner.get(`/api/indicators/${indicatorId}/measurements/history?organisationId=${centre}&period=2024`);
    expect(history.body.map((m: AnswerBody) => [m.version, m.value])).toEqual([
      [1, 120],
      [2, 125],
    ]);
    // The coordinator enters the CAF's figure sent by mail.
    res = await coordinator.post(`/api/indicators/${indicatorId}/measurements`, { organisationId: caf, period: '2024', value: 40 });
    expect(res.status).toBe(201);
    const detail = await coordinator.get(`/api/indicators/${indicatorId}`);
    expect(detail.status, JSON.stringify(detail.body)).toBe(200);
    expect(detail.body.periods).toHaveLength(1);
    expect(detail.body.periods[0]).toMatchObject({ period: '2024', total: 165 });
    const list = await partner.get(`/api/indicators?territoryId=${territoryId}`);
    expect(list.body.find((i: AnswerBody) => i.id === indicatorId).last).toMatchObject({ period: '2024', total: 165 });
  });

  it('edits an indicator of its own, but not its frequency once reported, nor a pathway’s', async () => {
    const def = {
      name: 'Familles accompagnées',
      unit: 'familles',
      frequency: 'annuelle',
      baselineValue: 100,
      baselineYear: 2023,
      firstPeriod: '2024',
    };
    let res = await coordinator.put(`/api/indicators/${indicatorId}`, { ...def, targetValue: 320, targetYear: 2028 });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ targetValue: 320, targetYear: 2028 });
    res = await coordinator.put(`/api/indicators/${indicatorId}`, { ...def, frequency: 'semestrielle', firstPeriod: null });
    expect(res.body.code).toBe('indicator_frequency_locked');
    expect((await partner.put(`/api/indicators/${indicatorId}`, { ...def, targetValue: 1 })).status).toBe(403);
    res = await coordinator.put(`/api/indicators/${indicatorId}`, { ...def, targetValue: 300, targetYear: 2027 });
    expect(res.body.targetValue).toBe(300);
  });

  it('says what is due to the reporter and who is late to the coordinator', async () => {
    const due = await partner.get('/api/indicators/due');
    const mine = due.body.find((d: AnswerBody) => d.indicatorId === indicatorId);
    const year = new Date().getUTCFullYear();
    expect(mine.organisation.id).toBe(centre);
    expect(mine.periods).toEqual(Array.from({ length: year - 2025 }, (_, k) => String(2025 + k)));
    const board = await partner.get(`/api/indicators/dashboard?territoryId=${territoryId}`);
    expect(board.status, JSON.stringify(board.body)).toBe(200);
    expect(board.body.indicators.find((i: AnswerBody) => i.id === indicatorId)).toMatchObject({
      lastPeriod: '2024',
      lastTotal: 165,
      progress: 0.325,
      reporters: 2,
      lateReporters: year > 2025 ? 2 : 0,
    });
    const missing = await coordinator.get(`/api/indicators/${indicatorId}/missing`);
    expect(missing.body.reporters.map((r: AnswerBody) => r.lastPeriod)).toEqual(['2024', '2024']);
    expect((await partner.get(`/api/indicators/${indicatorId}/missing`)).status).toBe(403);
  });

  it('imports a Windows-1252 file with decimal commas, all or nothing, after a preview', async () => {
    // Windows-1252: Latin-1, with the typographic apostrophe at 0x92.
    const file = (lines: string[]) => Buffer.from(`${lines.join('\r\n')}\r\n`.replace(/\u2019/g, '\x92'), 'latin1').toString('base64');
    const bad = file([
      'Indicateur;Période;Valeur;Organisation;Commentaire',
      'Familles accompagnées;2025;130,5;Centre social des Tilleuls;année pleine',
      'Familles accompagnées;2025;beaucoup;CAF de l’agglomération;',
    ]);
    let res = await coordinator.post('/api/indicators/import/preview', { territoryId, contentBase64: bad });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.encoding).toBe('windows-1252');
    expect(res.body.errors.map((e: AnswerBody) => [e.line, e.column])).toEqual([[3, 'valeur']]);
    res = await coordinator.post('/api/indicators/import/confirm', { territoryId, contentBase64: bad });
    expect(res.status).toBe(422);
    const good = file([
      'Indicateur;Période;Valeur;Organisation;Commentaire',
      'Familles accompagnées;2025;130,5;Centre social des Tilleuls;année pleine',
      'Familles accompagnées;2024;41;CAF de l’agglomération;correction',
    ]);
    res = await coordinator.post('/api/indicators/import/preview', { territoryId, contentBase64: good });
    expect(res.body).toMatchObject({ lines: 2, corrections: 1, errors: [] });
    res = await coordinator.post('/api/indicators/import/confirm', { territoryId, fileName: 'mesures.csv', contentBase64: good });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toEqual({ written: 2, corrections: 1 });
    const detail = await coordinator.get(`/api/indicators/${indicatorId}`);
    expect(detail.body.periods.map((p: AnswerBody) => [p.period, p.total])).toEqual([
      ['2024', 166],
      ['2025', 130.5],
    ]);
  });

  it('draws the indicator as an accessible SVG and exports every version as CSV', async () => {
    const svg = await coordinator.get(`/api/indicators/${indicatorId}/chart.svg`);
    expect(svg.status).toBe(200);
    expect(svg.res.headers['content-type']).toContain('image/svg+xml');
    const path = join(dir, 'chart.svg');
    writeFileSync(path, svg.res.body);
    // An independent XML parser reads it, with its title and description.
    const read = execFileSync(
      'python3',
      [
        '-c',
        "import sys, xml.etree.ElementTree as E\nn='{http://www.w3.org/2000/svg}'\nt=E.parse(sys.argv[1]).getroot()\nprint(t.find(n+'title').text)\nprint(t.find(n+'desc').text)",
        path,
      ],
      { encoding: 'utf8' },
    );
    expect(read).toContain('Familles accompagnées');
    expect(read).toContain('Cible 300');
    expect(read).toContain('Dernière période 2025');
    const csv = await coordinator.get(`/api/indicators/${indicatorId}/measurements.csv`);
    expect(csv.res.body.split('\r\n').filter(Boolean)).toHaveLength(1 + 5);
  });
});

describe.each(availableTestStores())('observed changes API on %s', (kind) => {
  let t: TestApp;
  let territoryId: string;
  let coordinator: TestClient;

  beforeAll(async () => {
    t = await createTestApp(kind);
    const territory = await t.store.db
      .insertInto('territories')
      .values({
        kind: 'epci',
        name: 'Agglomération des récoltes (fictive)',
        slug: `recoltes-${kind}`,
        code: null,
        epci_type: null,
        population: null,
        created_by: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    territoryId = territory.id;
    coordinator = (await userWithRole(t, 'coordination-recoltes@exemple.fr', 'coordinator', territoryId, 'Claire Coordination')).client;
  });
  afterAll(async () => {
    await t?.close();
  });

  it('records dated changes, lists them as a timeline, and ties one to a pathway change afterwards', async () => {
    const centre = await organisation(t, 'Centre social des Glycines', territoryId);
    const entry = (observedOn: string, kind: string, extra: object = {}) => ({
      territoryId,
      observedOn,
      kind,
      description: `Changement du ${observedOn}`,
      evidence: 'compte rendu',
      ...extra,
    });
    let res = await coordinator.post('/api/observed-changes', entry('2026-03-02', 'pratique', { actorOrganisationId: centre }));
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.actor).toEqual({ organisationId: centre, name: 'Centre social des Glycines' });
    res = await coordinator.post('/api/observed-changes', entry('2026-03-20', 'relation', { actorName: 'Les parents de l’école Jaurès' }));
    const second = res.body.id;
    res = await coordinator.post('/api/observed-changes', entry('2026-05-01', 'politique'));
    expect(res.status).toBe(400);
    await coordinator.post('/api/observed-changes', entry('2026-05-01', 'politique', { actorName: 'La commune' }));
    const timeline = await coordinator.get(`/api/observed-changes/timeline?territoryId=${territoryId}`);
    expect(timeline.body.map((m: AnswerBody) => [m.month, m.items.length, m.counts.relation])).toEqual([
      ['2026-05', 1, 0],
      ['2026-03', 2, 1],
    ]);
    const pathway = await coordinator.post('/api/pathways', { title: 'Chemin des récoltes', territoryId, template: 'seed003' });
    const change = pathway.body.changes[0];
    res = await coordinator.put(`/api/observed-changes/${second}/change`, { pathwayId: pathway.body.id, changeId: change.id });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.change).toMatchObject({ pathwayId: pathway.body.id, changeId: change.id, text: change.text });
    const other = await coordinator.post('/api/pathways', { title: 'Autre chemin', territoryId, template: 'seed003' });
    res = await coordinator.put(`/api/observed-changes/${second}/change`, {
      pathwayId: pathway.body.id,
      changeId: other.body.changes[0].id,
    });
    expect(res.body.code).toBe('observed_change_link_invalid');
  });
});

describe.each(availableTestStores())('cooperation barometer API on %s', (kind) => {
  let t: TestApp;
  let territoryId: string;
  let coordinator: TestClient;
  let admin: TestClient;
  let memberUserId: string;
  let member: TestClient;

  beforeAll(async () => {
    t = await createTestApp(kind);
    const territory = await t.store.db
      .insertInto('territories')
      .values({
        kind: 'epci',
        name: 'Agglomération du baromètre (fictive)',
        slug: `barometre-${kind}`,
        code: null,
        epci_type: null,
        population: null,
        created_by: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    territoryId = territory.id;
    coordinator = (await userWithRole(t, 'coordination-barometre@exemple.fr', 'coordinator', territoryId, 'Claire Coordination')).client;
    const m = await userWithRole(t, 'membre-barometre@exemple.fr', 'member', territoryId, 'Mina Membre');
    member = m.client;
    memberUserId = m.userId;
    const a = await userWithRole(t, 'admin-barometre@exemple.fr', 'member', territoryId, 'Ada Admin');
    await t.store.db.updateTable('users').set({ is_admin: true }).where('id', '=', a.userId).execute();
    admin = t.client();
    await admin.login('admin-barometre@exemple.fr', 'mot de passe solide');
  });
  afterAll(async () => {
    await t?.close();
  });

  const ratings = (base: number) => Array.from({ length: 40 }, (_, i) => Math.min(5, Math.max(1, base + (i % 3) - 1)));

  it('hides results below three answers, shows mean, spread and trend from three, and keeps answers anonymous even to admins', async () => {
    let res = await coordinator.post('/api/barometer/runs', { territoryId, title: 'Partenariat du contrat de ville' });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const first = res.body;
    expect(first.code).toHaveLength(24);
    // The phones answer through the link; the member is signed in, which must leave no trace.
    const phone = t.client();
    expect((await phone.get(`/api/barometer/form/${first.code}`)).body.statements).toHaveLength(40);
    await phone.get('/api/session');
    for (const [k, client] of [phone, member, t.client()].entries()) {
      if (k === 2) await client.get('/api/session');
      res = await client.post(`/api/barometer/form/${first.code}/answers`, {
        respondentToken: `jeton-premier-${k}-aleatoire`,
        answers: ratings(2 + k),
      });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      if (k === 1) {
        const two = await coordinator.get(`/api/barometer/runs/${first.id}`);
        expect(two.body.result).toEqual({ shown: false, respondents: 2, needed: 3 });
      }
    }
    res = await member.post(`/api/barometer/form/${first.code}/answers`, {
      respondentToken: 'jeton-premier-1-aleatoire',
      answers: ratings(5),
    });
    expect(res.body.code).toBe('barometer_already_answered');
    res = await coordinator.get(`/api/barometer/runs/${first.id}`);
    expect(res.body.result.shown).toBe(true);
    expect(res.body.result.respondents).toBe(3);
    expect(res.body.result.factors[0].spread).toBeGreaterThan(0);
    expect(res.body.result.factors[0].trend).toBeNull();
    // A second run of the same partnership: the trend compares with the first.
    res = await coordinator.post('/api/barometer/runs', { territoryId, title: 'Partenariat du contrat de ville' });
    const second = res.body;
    for (const k of [0, 1, 2]) {
      const c = t.client();
      await c.get('/api/session');
      await c.post(`/api/barometer/form/${second.code}/answers`, { respondentToken: `jeton-second-${k}-aleatoire`, answers: ratings(4) });
    }
    res = await coordinator.get(`/api/barometer/runs/${second.id}`);
    expect(res.body.previousRunId).toBe(first.id);
    const chart = await member.get(`/api/barometer/runs/${second.id}/results.svg`);
    expect(chart.status).toBe(200);
    writeFileSync(join(dir, 'barometre.svg'), chart.res.body);
    const words = execFileSync(
      'python3',
      [
        '-c',
        "import sys, xml.etree.ElementTree as E\nn='{http://www.w3.org/2000/svg}'\nt=E.parse(sys.argv[1]).getroot()\nprint(t.find(n+'desc').text)\nprint(len(t.findall(n+'rect')))",
        join(dir, 'barometre.svg'),
      ],
      { encoding: 'utf8' },
    );
    expect(words).toContain('3 réponses anonymes');
    expect(words.trim().split('\n').at(-1)).toBe('21');
    expect(res.body.result.factors.every((f: AnswerBody) => typeof f.trend === 'number')).toBe(true);
    // Anonymous, even to an administrator: no answer in any view, nothing in the audit log, nothing in her export.
    const seenByAdmin = await admin.get(`/api/barometer/runs?territoryId=${territoryId}`);
    expect(JSON.stringify(seenByAdmin.body)).not.toContain('jeton');
    expect(JSON.stringify(seenByAdmin.body)).not.toContain('"answers"');
    const stored = await t.store.db.selectFrom('barometer_answers').selectAll().where('run_id', '=', first.id).execute();
    expect(Object.keys(stored[0] ?? {}).sort()).toEqual(['answers', 'respondent_hash', 'run_id']);
    expect(JSON.stringify(stored)).not.toContain(memberUserId);
    expect(JSON.stringify(stored)).not.toContain('jeton-premier');
    const audit = await t.store.db.selectFrom('audit_log').selectAll().where('actor_user_id', '=', memberUserId).execute();
    expect(audit.filter((a) => JSON.stringify(a).includes(first.id))).toEqual([]);
    // The results' CSV export holds the factors' aggregates only: one line per factor, no answer, no token.
    const csv = await admin.get(`/api/barometer/runs/${first.id}/results.csv`);
    expect(csv.status).toBe(200);
    const lines = csv.res.body.split('\r\n').filter(Boolean);
    expect(lines).toHaveLength(1 + 20);
    expect(lines[0]).toContain('Dispersion');
    expect(csv.res.body).not.toContain('jeton');
    expect(csv.res.body).not.toMatch(/respondent|réponses individuelles/i);
    const person = await t.store.db
      .insertInto('people')
      .values({ name: 'Mina Membre', search_key: 'mina membre', user_id: memberUserId })
      .returning('id')
      .executeTakeFirstOrThrow();
    const exported = JSON.stringify(await exportPersonData(t.store.db, person.id));
    expect(exported).toContain('Mina Membre');
    expect(exported).not.toContain(first.id);
    expect(exported).not.toContain('Partenariat du contrat de ville');
  });

  it('closes a run: no more answers', async () => {
    const run = (await coordinator.post('/api/barometer/runs', { territoryId, title: 'Collectif à clore' })).body;
    expect((await member.post(`/api/barometer/runs/${run.id}/close`)).status).toBe(403);
    expect((await coordinator.get(`/api/barometer/runs/${run.id}`)).body.code).toBe(run.code);
    expect((await member.get(`/api/barometer/runs/${run.id}`)).body.code).toBeNull();
    expect((await coordinator.post(`/api/barometer/runs/${run.id}/close`)).body.closed).toBe(true);
    const phone = t.client();
    await phone.get('/api/session');
    const res = await phone.post(`/api/barometer/form/${run.code}/answers`, {
      respondentToken: 'jeton-trop-tard-aleatoire',
      answers: ratings(3),
    });
    expect(res.body.code).toBe('barometer_run_closed');
  });

  it('shows the continuum’s distribution over time and since last year', async () => {
    const [a, b, c] = [
      await organisation(t, 'Association Alpha', territoryId),
      await organisation(t, 'Association Bêta', territoryId),
      await organisation(t, 'Association Gamma', territoryId),
    ].sort();
    const assess = (x: string, y: string, side: string, level: number, on: string) =>
      t.store.db
        .insertInto('cooperation_assessments')
        .values({ org_a: x, org_b: y, on_behalf_of: side, level, assessed_on: on, note: null, assessed_by: null })
        .execute();
    await assess(a as string, b as string, a as string, 2, '2025-02-01');
    await assess(a as string, c as string, a as string, 3, '2025-03-01');
    await assess(a as string, b as string, a as string, 5, '2026-04-01');
    const res = await coordinator.get(`/api/barometer/continuum?territoryId=${territoryId}&from=2025-01-01&to=2026-06-30`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.points.at(-1)).toMatchObject({ on: '2026-06-30', pairs: 2, counts: [0, 0, 1, 0, 1, 0, 0], mean: 4 });
    expect(res.body.points[0]).toMatchObject({ on: '2025-03-31', pairs: 2, mean: 2.5 });
    expect(res.body.sinceLastYear).toMatchObject({ meanChange: 1.5 });
    // A collective whose members are people of Alpha and Bêta sees only their pair.
    const people = [];
    for (const [name, org] of [
      ['Alice Alpha', a],
      ['Bruno Bêta', b],
    ] as const) {
      const person = await t.store.db
        .insertInto('people')
        .values({ name, search_key: name.toLowerCase() })
        .returning('id')
        .executeTakeFirstOrThrow();
      await t.store.db
        .insertInto('person_organisations')
        .values({ person_id: person.id, organisation_id: org as string })
        .execute();
      people.push({ name, personId: person.id, liveParticipantId: null });
    }
    const [collectiveId] = await createCollectives(t.store.db, [
      { territoryId, name: 'Collectif Alpha-Bêta', urgency: '', themes: [], origin: null, members: people, createdBy: null },
    ]);
    const own = await coordinator.get(
      `/api/barometer/continuum?territoryId=${territoryId}&collectiveId=${collectiveId}&from=2025-01-01&to=2026-06-30`,
    );
    expect(own.status, JSON.stringify(own.body)).toBe(200);
    expect(own.body.points.at(-1)).toMatchObject({ pairs: 1, counts: [0, 0, 0, 0, 1, 0, 0] });
    const svg = await coordinator.get(`/api/barometer/continuum.svg?territoryId=${territoryId}&from=2025-01-01&to=2026-06-30`);
    expect(svg.status).toBe(200);
    const path = join(dir, 'continuum.svg');
    writeFileSync(path, svg.res.body);
    const read = execFileSync(
      'python3',
      [
        '-c',
        "import sys, xml.etree.ElementTree as E\nn='{http://www.w3.org/2000/svg}'\nt=E.parse(sys.argv[1]).getroot()\nprint(t.find(n+'desc').text)",
        path,
      ],
      { encoding: 'utf8' },
    );
    expect(read).toContain('niveau moyen 4');
    expect(read).toContain('Un an plus tôt : niveau moyen 2,5 (+1,5)');
  });
});

describe.each(availableTestStores())('quiz API on %s', (kind) => {
  let t: TestApp;
  let territoryId: string;
  let member: TestClient;
  let memberUserId: string;
  let collectiveId: string;

  beforeAll(async () => {
    t = await createTestApp(kind);
    const territory = await t.store.db
      .insertInto('territories')
      .values({
        kind: 'epci',
        name: 'Agglomération du quiz (fictive)',
        slug: `quiz-${kind}`,
        code: null,
        epci_type: null,
        population: null,
        created_by: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    territoryId = territory.id;
    const m = await userWithRole(t, 'membre-quiz@exemple.fr', 'member', territoryId, 'Mina Membre');
    member = m.client;
    memberUserId = m.userId;
    const [id] = await createCollectives(t.store.db, [
      { territoryId, name: 'Collectif du quiz', urgency: '', themes: [], origin: null, members: [], createdBy: null },
    ]);
    collectiveId = id as string;
  });
  afterAll(async () => {
    await t?.close();
  });

  it('scores the same answers the same way, keeps the result behind its link, and shows a collective only the mix', async () => {
    const quiz = await t.client().get('/api/quiz');
    expect(quiz.body.questions).toHaveLength(12);
    const answers = quiz.body.questions.map((_: unknown, i: number) => i % 4);
    const phone = t.client();
    await phone.get('/api/session');
    const a = await phone.post('/api/quiz/results', { answers });
    const b = await member.post('/api/quiz/results', { answers });
    expect(a.status, JSON.stringify(a.body)).toBe(201);
    expect(a.body.result).toEqual(b.body.result);
    expect(a.body.token).not.toBe(b.body.token);
    const stored = await t.store.db.selectFrom('quiz_results').select(['user_id', 'token_hash']).execute();
    expect(stored.map((r) => r.user_id).sort()).toEqual([memberUserId, null].sort());
    expect(JSON.stringify(stored)).not.toContain(a.body.token);
    const read = await t.client().get(`/api/quiz/results/${a.body.token}`);
    expect(read.body.result).toEqual(a.body.result);
    expect((await t.client().get('/api/quiz/results/un-lien-qui-n-existe-pas-du-tout')).status).toBe(404);
    expect((await member.post('/api/quiz/results', { answers: answers.slice(1) })).status).toBe(400);
    const shared = await member.post(`/api/quiz/results/${b.body.token}/shares`, { collectiveId });
    expect(shared.status, JSON.stringify(shared.body)).toBe(200);
    expect(shared.body.sharedWith).toEqual([{ id: collectiveId, name: 'Collectif du quiz' }]);
    const mix = await member.get(`/api/quiz/collectives/${collectiveId}/mix`);
    expect(mix.body.people).toBe(1);
    for (const p of b.body.result.profiles) expect(mix.body.profiles[p]).toBe(1);
    expect(mix.body.firstMotivation[b.body.result.motivations[0]]).toBe(1);
    expect(JSON.stringify(mix.body)).not.toContain(b.body.token);
  });

  it('a member of the collective with no role on its territory shares her result and reads the mix; someone else may not', async () => {
    const seat = await t.store.db
      .insertInto('users')
      .values({
        email: 'habitante-quiz@exemple.fr',
        display_name: 'Hana Habitante',
        password_hash: await argon2Hasher.hash('mot de passe solide'),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await t.store.db
      .insertInto('users')
      .values({
        email: 'ailleurs-quiz@exemple.fr',
        display_name: 'Olga Ailleurs',
        password_hash: await argon2Hasher.hash('mot de passe solide'),
      })
      .execute();
    await t.store.db
      .insertInto('collective_members')
      .values({
        collective_id: collectiveId,
        position: 1,
        display_name: 'Hana Habitante',
        person_id: null,
        live_participant_id: null,
        user_id: seat.id,
      })
      .execute();
    const resident = t.client();
    await resident.login('habitante-quiz@exemple.fr', 'mot de passe solide');
    const other = t.client();
    await other.login('ailleurs-quiz@exemple.fr', 'mot de passe solide');
    const quiz = await resident.get('/api/quiz');
    const answers = quiz.body.questions.map((_: unknown, i: number) => (i + 1) % 4);
    const mine = await resident.post('/api/quiz/results', { answers });
    const before = (await resident.get(`/api/quiz/collectives/${collectiveId}/mix`)).body.people as number;
    const shared = await resident.post(`/api/quiz/results/${mine.body.token}/shares`, { collectiveId });
    expect(shared.status, JSON.stringify(shared.body)).toBe(200);
    const mix = await resident.get(`/api/quiz/collectives/${collectiveId}/mix`);
    expect(mix.status, JSON.stringify(mix.body)).toBe(200);
    expect(mix.body.people).toBe(before + 1);
    const theirs = await other.post('/api/quiz/results', { answers });
    expect((await other.post(`/api/quiz/results/${theirs.body.token}/shares`, { collectiveId })).status).toBe(403);
    expect((await other.get(`/api/quiz/collectives/${collectiveId}/mix`)).status).toBe(403);
  });
});

describe.each(availableTestStores())('pre-training questionnaire API on %s', (kind) => {
  let t: TestApp;
  let territoryId: string;
  let coordinator: TestClient;
  let member: TestClient;

  beforeAll(async () => {
    t = await createTestApp(kind);
    const territory = await t.store.db
      .insertInto('territories')
      .values({
        kind: 'epci',
        name: 'Agglomération des formations (fictive)',
        slug: `formations-${kind}`,
        code: null,
        epci_type: null,
        population: null,
        created_by: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    territoryId = territory.id;
    coordinator = (await userWithRole(t, 'coordination-formations@exemple.fr', 'coordinator', territoryId, 'Claire Coordination')).client;
    member = (await userWithRole(t, 'membre-formations@exemple.fr', 'member', territoryId, 'Mina Membre')).client;
  });
  afterAll(async () => {
    await t?.close();
  });

  it('the organiser sets questions, a registered person answers through her link, the trainers read the answers', async () => {
    const { eventId, token } = await freshRegistration({ store: t.store, territoryId } as AuthzWorld);
    let res = await coordinator.put(`/api/questionnaires/events/${eventId}`, {
      questions: [
        { text: 'Qu’attendez-vous de la formation ?' },
        { text: 'Avez-vous déjà monté un projet à plusieurs ?', choices: ['oui', 'non'] },
      ],
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.questions.map((q: AnswerBody) => q.key)).toEqual(['q1', 'q2']);
    const phone = t.client();
    await phone.get('/api/session');
    res = await phone.get(`/api/questionnaires/registrations/${token}`);
    expect(res.body).toMatchObject({ answers: {}, questions: [{ key: 'q1' }, { key: 'q2', choices: ['oui', 'non'] }] });
    res = await phone.put(`/api/questionnaires/registrations/${token}`, { answers: { q2: 'peut-être' } });
    expect(res.body.code).toBe('questionnaire_answer_invalid');
    res = await phone.put(`/api/questionnaires/registrations/${token}`, { answers: { q1: 'Des outils pour animer', q2: 'oui' } });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.answers).toEqual({ q1: 'Des outils pour animer', q2: 'oui' });
    const seen = await coordinator.get(`/api/questionnaires/events/${eventId}/answers`);
    expect(seen.body.answers).toEqual([
      expect.objectContaining({ name: 'Personne de la matrice', answers: { q1: 'Des outils pour animer', q2: 'oui' } }),
    ]);
    expect((await member.get(`/api/questionnaires/events/${eventId}/answers`)).status).toBe(403);
  });
});

describe.each(availableTestStores())('quiz in a live room on %s', (kind) => {
  let t: TestApp;
  let territoryId: string;
  let facilitator: TestClient;

  beforeAll(async () => {
    t = await createTestApp(kind);
    const territory = await t.store.db
      .insertInto('territories')
      .values({
        kind: 'epci',
        name: 'Agglomération des salles (fictive)',
        slug: `salles-quiz-${kind}`,
        code: null,
        epci_type: null,
        population: null,
        created_by: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    territoryId = territory.id;
    facilitator = (await userWithRole(t, 'coordination-salles@exemple.fr', 'coordinator', territoryId, 'Fanny Facilitation')).client;
  });
  afterAll(async () => {
    await t?.close();
  });

  it('counts the phones of a room for its projector, never a person’s answers; an unknown code changes nothing in the answer', async () => {
    const room = await liveRoom({ store: t.store, territoryId } as AuthzWorld);
    const quiz = await t.client().get('/api/quiz');
    const answers = (k: number) => quiz.body.questions.map((_: unknown, i: number) => (i + k) % 4);
    for (const k of [0, 1, 2]) {
      const phone = t.client();
      await phone.get('/api/session');
      const res = await phone.post('/api/quiz/results', { answers: answers(k), roomCode: room.code.toLowerCase() });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
    }
    const stray = t.client();
    await stray.get('/api/session');
    const res = await stray.post('/api/quiz/results', { answers: answers(0), roomCode: 'ZZZZZ9' });
    expect(res.status).toBe(201);
    expect(Object.keys(res.body).sort()).toEqual(['result', 'token']);
    const mix = await facilitator.get(`/api/quiz/rooms/${room.id}/mix`);
    expect(mix.status, JSON.stringify(mix.body)).toBe(200);
    expect(mix.body.people).toBe(3);
    expect(Object.values(mix.body.firstMotivation).reduce((a: number, b) => a + (b as number), 0)).toBe(3);
    expect(JSON.stringify(mix.body)).not.toContain('token');
  });
});
