import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HORIZON_LABELS, SEED003_TEMPLATE } from '@maillage/core';
import { createCollectives, seedDemo } from '@maillage/db';
import { availableTestStores } from '@maillage/db/testing';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { argon2Hasher } from '../accounts/deps';
import { type AnswerBody, createTestApp, type TestApp, type TestClient } from '../testing';

const dir = mkdtempSync(join(tmpdir(), 'maillage-pathways-'));
const flat = (s: string) => s.replace(/\s+/g, ' ').trim();

/** What an independent reader (poppler) sees in a PDF: its page count and its text. */
function readPdf(bytes: Buffer, name: string): { pages: number; text: string } {
  const path = join(dir, `${name}.pdf`);
  writeFileSync(path, bytes);
  const info = execFileSync('pdfinfo', [path], { encoding: 'utf8' });
  const pages = Number(/Pages:\s+(\d+)/.exec(info)?.[1]);
  const size = /Page size:\s+([\d.]+) x ([\d.]+)/.exec(info);
  expect(Number(size?.[1])).toBeGreaterThan(Number(size?.[2])); // landscape
  return { pages, text: flat(execFileSync('pdftotext', ['-raw', path, '-'], { encoding: 'utf8' })) };
}

/** The texts of an SVG as an independent XML parser (Python's ElementTree) reads them; it fails on malformed XML. */
function svgTexts(svg: string, name: string): string {
  const path = join(dir, `${name}.svg`);
  writeFileSync(path, svg);
  const python = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';
  return flat(
    execFileSync(
      python,
      [
        '-c',
        "import sys, xml.etree.ElementTree as E\nt = E.parse(sys.argv[1])\nprint(' '.join(x.text or '' for x in t.iter('{http://www.w3.org/2000/svg}text')))",
        path,
      ],
      { encoding: 'utf8' },
    ),
  );
}

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
  return client;
}

describe.each(availableTestStores())('change pathways API on %s', (kind) => {
  let t: TestApp;
  let territoryId: string;
  let coordinator: TestClient;
  let member: TestClient;
  let pathway: AnswerBody;
  const byText = (p: AnswerBody, start: string) => p.changes.find((c: AnswerBody) => c.text.startsWith(start));

  beforeAll(async () => {
    t = await createTestApp(kind);
    const territory = await t.store.db
      .insertInto('territories')
      .values({
        kind: 'epci',
        name: 'Agglomération des chemins (fictive)',
        slug: `chemins-${kind}`,
        code: null,
        epci_type: null,
        population: null,
        created_by: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    territoryId = territory.id;
    coordinator = await userWithRole(t, 'coordination-chemins@exemple.fr', 'coordinator', territoryId, 'Claire Coordination');
    member = await userWithRole(t, 'membre-chemins@exemple.fr', 'member', territoryId, 'Marc Membre');
    const res = await coordinator.post('/api/pathways', { title: SEED003_TEMPLATE.title, territoryId, template: 'seed003' });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    pathway = res.body;
  });
  afterAll(async () => {
    await t?.close();
  });

  it('creates a pathway from seed 003’s template: vision, nine changes linked to it, version 1', async () => {
    expect(pathway.version).toBe(1);
    expect(pathway.vision.sentence).toBe(SEED003_TEMPLATE.vision.sentence);
    expect(pathway.changes).toHaveLength(9);
    expect(pathway.changes.filter((c: AnswerBody) => c.detached)).toEqual([]);
    expect(pathway.may.edit).toBe(true);
    const read = await member.get(`/api/pathways/${pathway.id}`);
    expect(read.status).toBe(200);
    expect(read.body.may.edit).toBe(false);
    expect((await member.post(`/api/pathways/${pathway.id}/journal`, { on: '2026-12-01', text: 'Note' })).status).toBe(403);
    const list = await member.get('/api/pathways');
    expect(list.body.map((p: AnswerBody) => p.id)).toContain(pathway.id);
  });

  it('adds indicators and a review: targets and lights come back per change', async () => {
    const contactes = byText(pathway, 'Chaque parent a été contacté');
    const instances = byText(pathway, 'Chaque structure a mis en œuvre');
    const indicator = {
      name: 'Parents contactés trois fois',
      unit: '%',
      source: 'Tableau de bord des structures',
      method: 'Relevé des contacts',
      frequency: 'annuelle',
      reporter: 'Centre social',
    };
    let res = await coordinator.post(`/api/pathways/${pathway.id}/indicators`, {
      ...indicator,
      changeId: contactes.id,
      baselineValue: 20,
      baselineYear: 2025,
      targetValue: 80,
      targetYear: 2028,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    res = await coordinator.post(`/api/pathways/${pathway.id}/reviews`, {
      heldOn: '2026-11-15',
      lights: [
        { changeId: contactes.id, light: 'a_risque', comment: 'Peu de structures relancent' },
        { changeId: instances.id, light: 'en_bonne_voie', comment: '' },
      ],
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(byText(res.body, 'Chaque parent a été contacté').lastLight).toBe('a_risque');
    expect(res.body.reviews).toHaveLength(1);
    res = await coordinator.post(`/api/pathways/${pathway.id}/journal`, { on: '2026-11-16', text: 'Revue faite avec les partenaires' });
    expect(res.body.journal[0]).toMatchObject({ author: 'Claire Coordination' });
    pathway = res.body;
  });

  it('refuses bad input with French errors naming the field, and stores nothing', async () => {
    const version = pathway.version;
    const court = pathway.changes.filter((c: AnswerBody) => c.horizon === 'court');
    const moyen = byText(pathway, 'Chaque parent a connaissance');
    // Two changes of the short term linked one way, then the other way: a loop.
    let res = await coordinator.post(`/api/pathways/${pathway.id}/links`, { from: court[0].id, to: court[1].id });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const withLink = res.body.version;
    res = await coordinator.post(`/api/pathways/${pathway.id}/links`, { from: court[1].id, to: court[0].id });
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ code: 'link_cycle', field: 'body.to' });
    expect(res.body.title).toContain('boucle');
    expect(res.body.detail).toMatch(/^Ce lien fermerait une boucle : .+ → .+/);
    // A medium-term change leading back to the short term.
    res = await coordinator.post(`/api/pathways/${pathway.id}/links`, { from: moyen.id, to: court[0].id });
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ code: 'link_backwards', field: 'body.to' });
    expect(res.body.title).toContain('remonte le temps');
    // A target year before the baseline year.
    res = await coordinator.post(`/api/pathways/${pathway.id}/indicators`, {
      changeId: null,
      name: 'Parents dans les instances',
      unit: 'parents',
      source: '',
      method: '',
      frequency: 'annuelle',
      reporter: '',
      baselineValue: 10,
      baselineYear: 2027,
      targetValue: 40,
      targetYear: 2025,
    });
    expect(res.status).toBe(400);
    expect(res.body.errors).toContainEqual({
      field: 'body.targetYear',
      message: 'l’année de la cible précède celle de la valeur de départ',
    });
    // A change with no text.
    res = await coordinator.post(`/api/pathways/${pathway.id}/changes`, { horizon: 'court', text: '   ' });
    expect(res.status).toBe(400);
    expect(res.body.errors).toContainEqual({ field: 'body.text', message: 'le changement doit être écrit' });
    const after = await coordinator.get(`/api/pathways/${pathway.id}`);
    expect(after.body.version).toBe(withLink);
    expect(withLink).toBe(version + 1);
    expect(after.body.indicators).toHaveLength(1);
    expect(after.body.changes).toHaveLength(9);
    res = await coordinator.delete(`/api/pathways/${pathway.id}/links/${after.body.links.at(-1).id}`);
    expect(res.status).toBe(200);
    pathway = res.body;
  });

  it('lists versions and reads any one back as it was', async () => {
    const versions = await member.get(`/api/pathways/${pathway.id}/versions`);
    expect(versions.status).toBe(200);
    expect(versions.body[0]).toMatchObject({ version: pathway.version, author: 'Claire Coordination' });
    expect(versions.body.at(-1)).toMatchObject({ version: 1 });
    expect(versions.body.at(-1).summary).toContain('modèle');
    const first = await member.get(`/api/pathways/${pathway.id}/versions/1`);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ version: 1, indicators: [], reviews: [], may: { edit: false } });
    expect((await member.get(`/api/pathways/${pathway.id}/versions/999`)).status).toBe(404);
  });

  it('prints the plan on ONE landscape page: vision, the three horizons, every change, targets and lights', async () => {
    const res = await member.request('GET', `/api/pathways/${pathway.id}/plan.pdf`);
    expect(res.status).toBe(200);
    expect(res.res.headers['content-type']).toBe('application/pdf');
    const { pages, text } = readPdf(res.res.rawPayload, `plan-${kind}`);
    expect(pages).toBe(1);
    expect(text).toContain(flat(SEED003_TEMPLATE.vision.sentence));
    for (const h of Object.values(HORIZON_LABELS)) expect(text).toContain(`${h.fr} — ${h.what.fr}`);
    for (const c of SEED003_TEMPLATE.changes) expect(text).toContain(flat(c.text));
    expect(text).toContain('cible 80 % (2028)');
    expect(text).toContain('À risque');
    const a3 = await member.request('GET', `/api/pathways/${pathway.id}/plan.pdf?format=A3`);
    expect(readPdf(a3.res.rawPayload, `plan-a3-${kind}`).pages).toBe(1);
  });

  it('prints the demo territory’s pathway (two indicators, a review) on one A4 page', async () => {
    const report = await seedDemo(t.store.db);
    const account = report.accounts.find((a) => a.email.startsWith('cooperation@'))!;
    const demo = t.client();
    await demo.login(account.email, account.password);
    const list = await demo.get('/api/pathways');
    const found = list.body.find((p: AnswerBody) => p.title === SEED003_TEMPLATE.title && p.owner.name.includes('Val-de-Lys'));
    expect(found).toBeDefined();
    const res = await demo.request('GET', `/api/pathways/${found.id}/plan.pdf`);
    expect(res.status).toBe(200);
    const { pages, text } = readPdf(res.res.rawPayload, `demo-${kind}`);
    expect(pages).toBe(1);
    expect(text).toContain(flat(SEED003_TEMPLATE.vision.sentence));
    for (const h of Object.values(HORIZON_LABELS)) expect(text).toContain(`${h.fr} — ${h.what.fr}`);
    for (const c of SEED003_TEMPLATE.changes) expect(text).toContain(flat(c.text));
    for (const light of ['En bonne voie', 'À risque', 'Hors trajectoire', 'Pas commencé']) expect(text).toContain(light);
  });

  it('draws the same plan as SVG, well-formed, with every text', async () => {
    const res = await member.request('GET', `/api/pathways/${pathway.id}/plan.svg`);
    expect(res.status).toBe(200);
    expect(res.res.headers['content-type']).toContain('image/svg+xml');
    const texts = svgTexts(res.res.body, `plan-${kind}`);
    expect(texts).toContain(flat(SEED003_TEMPLATE.vision.sentence));
    for (const c of SEED003_TEMPLATE.changes) expect(texts).toContain(flat(c.text));
    expect(texts).toContain('Court terme — Changements dans les savoirs et connaissances');
  });

  it('escapes what a person typed in the SVG (quotes, ampersands, angle brackets)', async () => {
    const created = await coordinator.post('/api/pathways', { title: 'Chemin <des> "quotes" & co', territoryId });
    const text = 'Les parents & les <écoles> se parlent « enfin » (l’"aller-vers")';
    const res = await coordinator.post(`/api/pathways/${created.body.id}/changes`, { horizon: 'moyen', text });
    expect(res.status).toBe(201);
    const svg = await coordinator.request('GET', `/api/pathways/${created.body.id}/plan.svg?format=A3`);
    expect(svg.status).toBe(200);
    expect(svg.res.body).not.toContain('<écoles>');
    const texts = svgTexts(svg.res.body, `escaped-${kind}`);
    expect(texts).toContain(text);
    expect(texts).toContain('Chemin <des> "quotes" & co');
  });

  it('exports the changes as CSV for a French spreadsheet', async () => {
    const res = await member.request('GET', `/api/pathways/${pathway.id}/changes.csv`);
    expect(res.status).toBe(200);
    expect(res.res.body.startsWith('\uFEFF')).toBe(true);
    const rows = parse(res.res.body, { bom: true, delimiter: ';', columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(9);
    const contactes = rows.find((r) => r.Changement?.startsWith('Chaque parent a été contacté'))!;
    expect(contactes.Horizon).toBe('Court terme — Changements dans les savoirs et connaissances');
    expect(contactes['Indicateurs (départ → cible)']).toBe('Parents contactés trois fois : départ 20 % (2025) → cible 80 % (2028)');
    expect(contactes['Dernier feu']).toBe('À risque');
    expect(contactes['Mène à']).toContain('De nouveaux parents s’investissent');
    expect(rows.find((r) => r.Horizon?.startsWith('Long'))?.['Mène à']).toBe('Vision');
  });

  it('refuses a plan that cannot fit on A4 (422 plan_too_large) and fits it on A3 when it can', async () => {
    const res = await coordinator.post('/api/pathways', { title: 'Chemin trop chargé', territoryId });
    const id = res.body.id;
    const long = 'Les habitants, les associations, les écoles, les centres sociaux et les services de la ville travaillent ensemble';
    for (let i = 0; i < 14; i++) {
      const r = await coordinator.post(`/api/pathways/${id}/changes`, { horizon: 'court', text: `${long} (${i + 1}) ${long}.` });
      expect(r.status).toBe(201);
    }
    const a4 = await coordinator.get(`/api/pathways/${id}/plan.pdf?format=A4`);
    expect(a4.status).toBe(422);
    expect(a4.body).toMatchObject({ code: 'plan_too_large' });
    expect(a4.body.title).toContain('essayez A3');
    const a3 = await coordinator.request('GET', `/api/pathways/${id}/plan.pdf?format=A3`);
    expect(a3.status).toBe(200);
    expect(readPdf(a3.res.rawPayload, `dense-a3-${kind}`).pages).toBe(1);
  });

  it('a collective’s pathway contributes to its territory’s changes, which show who carries them', async () => {
    const [collectiveId] = await createCollectives(t.store.db, [
      { territoryId, name: 'Collectif des parents relais', urgency: '', themes: [], origin: null, members: [], createdBy: null },
    ]);
    let res = await coordinator.post('/api/pathways', { title: 'Parents relais', territoryId, collectiveId });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.owner).toMatchObject({ kind: 'collective', name: 'Collectif des parents relais' });
    const own = res.body.id;
    const target = byText(pathway, 'Chaque parent a été contacté');
    res = await coordinator.post(`/api/pathways/${own}/changes`, {
      horizon: 'court',
      text: 'Chaque parent relais appelle dix familles par trimestre',
      contributesTo: [target.id],
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.changes[0].contributesTo).toEqual([{ id: target.id, text: target.text, pathwayId: pathway.id }]);
    // A change of its own pathway, or of another collective's, is not a contribution.
    res = await coordinator.post(`/api/pathways/${own}/changes`, { horizon: 'moyen', text: 'x', contributesTo: [res.body.changes[0].id] });
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ code: 'contribution_unknown', field: 'body.contributesTo' });
    const territory = await member.get(`/api/pathways/${pathway.id}`);
    expect(byText(territory.body, 'Chaque parent a été contacté').carriedBy).toEqual([
      expect.objectContaining({
        text: 'Chaque parent relais appelle dix familles par trimestre',
        pathwayId: own,
        ownerName: 'Collectif des parents relais',
      }),
    ]);
    const list = await member.get(`/api/pathways?territoryId=${territoryId}`);
    expect(list.body.map((p: AnswerBody) => p.id)).toEqual(expect.arrayContaining([pathway.id, own]));
  });
});
