import { parse } from 'csv-parse/sync';
import { availableTestStores } from '@maillage/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuthzWorld } from '../http/authz-fixtures';
import { buildAuthzWorld } from '../http/authz-world';
import { createTestApp, type TestApp } from '../testing';

const b64 = (bytes: Uint8Array | string) => Buffer.from(bytes).toString('base64');
const latin1 = (s: string) => Uint8Array.from([...s].map((c) => c.charCodeAt(0)));

describe.each(availableTestStores())('ecosystem API on %s', (kind) => {
  let t: TestApp;
  let world: AuthzWorld;
  const as = async (role: keyof AuthzWorld['users']) => {
    const c = t.client();
    await c.login(world.users[role].email, world.password);
    return c;
  };
  beforeAll(async () => {
    t = await createTestApp(kind);
    world = await buildAuthzWorld(t.store);
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  });

  it('imports a Windows-1252 CSV: preview lists problems by line and column and writes nothing; confirm writes all', async () => {
    const coordinator = await as('coordinator');
    const bad = 'Nom;Type;SIREN\r\nMaison des Séniors;Association;123456789\r\nÉpicerie solidaire;Fusée;\r\n';
    const preview = await coordinator.post('/api/ecosystem/import/preview', {
      kind: 'organisations',
      territoryId: world.communeId,
      contentBase64: b64(latin1(bad)),
    });
    expect(preview.status).toBe(200);
    expect(preview.body.encoding).toBe('windows-1252');
    expect(preview.body.issues.map((i: { text: string }) => i.text)).toEqual([
      'ligne 2, colonne « SIREN » : « 123456789 » : numéro invalide (la clé de contrôle ne correspond pas)',
      expect.stringMatching(/^ligne 3, colonne « Type » : type « Fusée » inconnu/),
    ]);
    const refused = await coordinator.post('/api/ecosystem/import/confirm', {
      kind: 'organisations',
      territoryId: world.communeId,
      contentBase64: b64(latin1(bad)),
    });
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe('import_has_errors');
    const search = await coordinator.get('/api/ecosystem/directory?q=seniors');
    expect(search.body.organisations).toEqual([]);

    const good =
      'Nom;Type;SIREN;Thèmes\r\nMaison des Séniors;Association;732 829 320;santé\r\n"Épicerie ""solidaire""";Association;;alimentation\r\n';
    const done = await coordinator.post('/api/ecosystem/import/confirm', {
      kind: 'organisations',
      territoryId: world.communeId,
      contentBase64: b64(latin1(good)),
    });
    expect(done.status).toBe(201);
    expect(done.body).toMatchObject({ created: 2, skipped: 0 });
    const found = await coordinator.get('/api/ecosystem/directory?q=SENIOR');
    expect(found.body.organisations).toMatchObject([{ name: 'Maison des Séniors', themes: ['santé'] }]);
    const again = await coordinator.post('/api/ecosystem/import/preview', {
      kind: 'organisations',
      territoryId: world.communeId,
      contentBase64: b64(latin1(good)),
    });
    expect(again.body.summary).toEqual({ valid: 1, duplicates: 1, errors: 0 });
  });

  it('shows relation levels and notes only to coordinators and members of the two organisations', async () => {
    const coordinator = await as('coordinator');
    const dir = await coordinator.get('/api/ecosystem/directory?q=seniors');
    const seniors = dir.body.organisations[0].id as string;
    const created = await coordinator.post('/api/ecosystem/organisations', {
      name: 'Centre social du Lac',
      kind: 'centre_social',
      territoryIds: [world.communeId],
    });
    expect(created.status).toBe(201);
    const lac = created.body.id as string;
    const duplicate = await coordinator.post('/api/ecosystem/organisations', {
      name: 'centre social du lac',
      kind: 'centre_social',
      territoryIds: [world.communeId],
      communeId: world.communeId,
    });
    expect(duplicate.status).toBe(201); // no commune on the first one: not the same commune, not a duplicate
    const assess = await coordinator.post('/api/ecosystem/assessments', {
      organisationId: seniors,
      partnerId: lac,
      level: 5,
      assessedOn: '2025-04-01',
      note: 'un projet commun',
    });
    expect(assess.status).toBe(201);
    const other = await coordinator.post('/api/ecosystem/assessments', {
      organisationId: lac,
      partnerId: seniors,
      level: 3,
      assessedOn: '2025-05-01',
      note: null,
    });
    expect(other.status).toBe(201);
    const page = await coordinator.get(`/api/ecosystem/organisations/${seniors}`);
    expect(page.body.relations).toMatchObject([{ partner: { id: lac }, level: 3, ownLevel: 5, partnerLevel: 3, disagreement: true }]);
    expect(page.body.relations[0].history.map((h: { level: number; side: string }) => [h.side, h.level])).toEqual([
      ['own', 5],
      ['partner', 3],
    ]);
    const facilitator = await as('facilitator');
    const hidden = await facilitator.get(`/api/ecosystem/organisations/${seniors}`);
    expect(hidden.body.relations).toEqual([]);
    expect(hidden.body.aggregate).toEqual({ relations: 1, byLevel: [0, 0, 1, 0, 0, 0, 0], hidden: 1 });
    expect((await facilitator.get(`/api/ecosystem/relations/${seniors}/${lac}`)).status).toBe(403);
    type MapBody = { nodes: { id: string }[]; edges: [number, number, number | null, number][] };
    const edgeOf = (body: MapBody, id: string) => body.edges.find(([s, t]) => body.nodes[s]?.id === id || body.nodes[t]?.id === id);
    const map = await facilitator.get(`/api/ecosystem/map?territoryId=${world.territoryId}`);
    expect(edgeOf(map.body, lac)?.slice(2)).toEqual([null, 0]);
    const filtered = await facilitator.get(`/api/ecosystem/map?territoryId=${world.territoryId}&minLevel=3`);
    expect(edgeOf(filtered.body, lac)).toBeUndefined();
    const coordMap = await coordinator.get(`/api/ecosystem/map?territoryId=${world.territoryId}&minLevel=3`);
    expect(edgeOf(coordMap.body, lac)?.slice(2)).toEqual([3, 1]);
    const past = await coordinator.get(`/api/ecosystem/map?territoryId=${world.territoryId}&at=2025-04-15`);
    expect(edgeOf(past.body, lac)?.slice(2)).toEqual([5, 0]);
    // A member of one of the two organisations sees the relation.
    const member = await as('member');
    const me = await coordinator.post('/api/ecosystem/people', {
      name: 'Noé Membre',
      organisationIds: [lac],
      userId: world.users.member.id,
    });
    expect(me.status).toBe(201);
    expect((await member.get(`/api/ecosystem/relations/${seniors}/${lac}`)).body.history).toHaveLength(2);
    const dashboard = await coordinator.get(`/api/ecosystem/dashboard?territoryId=${world.territoryId}`);
    expect(dashboard.body.levels[2]).toEqual({ level: 3, label: 'Communication', count: 1 });
    expect(dashboard.body.history).toHaveLength(12);
    expect(dashboard.body.isolated.map((o: { name: string }) => o.name)).toContain('Épicerie "solidaire"');
    expect(dashboard.body.isolated.map((o: { name: string }) => o.name)).not.toContain('Maison des Séniors');
  });

  it('shows contact details only to coordinators of the territory and to the person, and lets the person export and erase', async () => {
    const coordinator = await as('coordinator');
    const noConsent = await coordinator.post('/api/ecosystem/people', {
      name: 'Sans Accord',
      territoryIds: [world.communeId],
      email: 'sans@exemple.fr',
    });
    expect(noConsent.status).toBe(400);
    expect(noConsent.body.errors).toEqual([{ field: 'body.contactConsent', message: expect.stringContaining('consentement') }]);
    const created = await coordinator.post('/api/ecosystem/people', {
      name: 'Léa Ressource',
      territoryIds: [world.communeId],
      email: 'lea@exemple.fr',
      contactConsent: true,
      isResource: true,
      resourceFor: 'santé des jeunes',
      userId: world.users.reviewer.id,
    });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    expect((await coordinator.get(`/api/ecosystem/people/${id}`)).body.contact).toMatchObject({ email: 'lea@exemple.fr', consent: true });
    expect((await (await as('facilitator')).get(`/api/ecosystem/people/${id}`)).body.contact).toBeNull();
    expect((await (await as('outsider')).get(`/api/ecosystem/people/${id}/contact`)).status).toBe(403);
    const self = await as('reviewer');
    expect((await self.get(`/api/ecosystem/people/${id}/contact`)).body.email).toBe('lea@exemple.fr');
    const exported = await self.get(`/api/ecosystem/people/${id}/export`);
    expect(exported.body.person.name).toBe('Léa Ressource');
    const health = (await coordinator.get(`/api/ecosystem/themes`)).body.themes.find((th: { label: string }) => th.label === 'santé');
    const mobilise = await coordinator.get(`/api/ecosystem/mobilise?territoryId=${world.communeId}&themeId=${health.id}`);
    expect(mobilise.body.results.map((r: { name: string }) => r.name)).toEqual(
      expect.arrayContaining(['Léa Ressource', 'Maison des Séniors']),
    );
    expect(mobilise.body.results.find((r: { name: string }) => r.name === 'Léa Ressource').reasons).toContainEqual({
      code: 'resource_for_theme',
    });
    expect((await (await as('facilitator')).delete(`/api/ecosystem/people/${id}`)).status).toBe(403);
    expect((await self.delete(`/api/ecosystem/people/${id}`)).status).toBe(200);
    expect((await coordinator.get(`/api/ecosystem/people/${id}`)).status).toBe(404);
    expect((await coordinator.get('/api/ecosystem/directory?q=lea ressource')).body.people).toEqual([]);
  });

  it('exports CSV a French spreadsheet opens, with contact details only for those allowed', async () => {
    const coordinator = await as('coordinator');
    await coordinator.post('/api/ecosystem/people', {
      name: 'Côme Export',
      territoryIds: [world.communeId],
      email: 'come@exemple.fr',
      phone: '06 00 00 00 00',
      contactConsent: true,
    });
    const res = await coordinator.request('GET', `/api/ecosystem/export?territoryId=${world.territoryId}&what=people`);
    expect(res.res.headers['content-type']).toContain('text/csv');
    const body = res.res.body;
    expect(body.startsWith('\uFEFF')).toBe(true);
    expect(body).toContain('\r\n');
    const rows = parse(body, { bom: true, delimiter: ';', columns: true }) as Record<string, string>[];
    expect(rows.find((r) => r.Nom === 'Côme Export')).toMatchObject({ Courriel: 'come@exemple.fr', Téléphone: '06 00 00 00 00' });
    const facilitator = await as('facilitator');
    const theirs = parse(
      (await facilitator.request('GET', `/api/ecosystem/export?territoryId=${world.territoryId}&what=people`)).res.body,
      {
        bom: true,
        delimiter: ';',
        columns: true,
      },
    ) as Record<string, string>[];
    expect(theirs.find((r) => r.Nom === 'Côme Export')).toMatchObject({ Courriel: '', Téléphone: '' });
    const orgs = parse((await coordinator.request('GET', `/api/ecosystem/export?territoryId=${world.territoryId}`)).res.body, {
      bom: true,
      delimiter: ';',
      columns: true,
    }) as Record<string, string>[];
    expect(orgs.find((r) => r.Nom === 'Épicerie "solidaire"')).toMatchObject({ Type: 'association', Thèmes: 'alimentation' });
    const json = await coordinator.get(`/api/ecosystem/export?territoryId=${world.territoryId}&format=json`);
    expect(json.body.organisations.length).toBe(orgs.length);
  });
});
