import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ecosystemRepo } from '@maillage/db';
import { availableTestStores } from '@maillage/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { argon2Hasher } from '../accounts/deps';
import { createTestApp, type TestApp, type TestClient } from '../testing';

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
    expect(res.body.reporters.map((r: any) => r.id).sort()).toEqual([centre, caf].sort());
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
    expect(history.body.map((m: any) => [m.version, m.value])).toEqual([
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
    expect(list.body.find((i: any) => i.id === indicatorId).last).toMatchObject({ period: '2024', total: 165 });
  });

  it('says what is due to the reporter and who is late to the coordinator', async () => {
    const due = await partner.get('/api/indicators/due');
    const mine = due.body.find((d: any) => d.indicatorId === indicatorId);
    const year = new Date().getUTCFullYear();
    expect(mine.organisation.id).toBe(centre);
    expect(mine.periods).toEqual(Array.from({ length: year - 2025 }, (_, k) => String(2025 + k)));
    const missing = await coordinator.get(`/api/indicators/${indicatorId}/missing`);
    expect(missing.body.reporters.map((r: any) => r.lastPeriod)).toEqual(['2024', '2024']);
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
    expect(res.body.errors.map((e: any) => [e.line, e.column])).toEqual([[3, 'valeur']]);
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
    expect(detail.body.periods.map((p: any) => [p.period, p.total])).toEqual([
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
    expect(timeline.body.map((m: any) => [m.month, m.items.length, m.counts.relation])).toEqual([
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
