import { parse } from 'csv-parse/sync';
import { availableTestStores } from '@maillage/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuthzWorld } from '../http/authz-fixtures';
import { createTestWorld, type TestWorld } from '../testing';

const b64 = (bytes: Uint8Array | string) => Buffer.from(bytes).toString('base64');
const latin1 = (s: string) => Uint8Array.from([...s].map((c) => c.charCodeAt(0)));

describe.each(availableTestStores())('ecosystem API on %s', (kind) => {
  let t: TestWorld;
  let world: AuthzWorld;
  beforeAll(async () => {
    t = await createTestWorld(kind);
    world = t.world;
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  });

  it('lets a member edit her own organisation and a coordinator any; another organisation is refused in French, pointing to a proposal', async () => {
    const admin = await t.loginAs('admin');
    const own = await admin.post('/api/ecosystem/organisations', {
      name: 'Jardin partagé des Tilleuls',
      kind: 'association',
      territoryIds: [world.communeId],
    });
    const town = await admin.post('/api/ecosystem/organisations', {
      name: 'Mairie de Valbourg',
      kind: 'collectivite',
      territoryIds: [world.communeId],
    });
    expect([own.status, town.status]).toEqual([201, 201]);
    const linked = await admin.post('/api/ecosystem/people', {
      name: 'Léna Tilleul',
      organisationIds: [own.body.id],
      territoryIds: [world.communeId],
      userId: world.users.member.id,
    });
    expect(linked.status, JSON.stringify(linked.body)).toBe(201);
    const member = await t.loginAs('member');
    const mine = await member.put(`/api/ecosystem/organisations/${own.body.id}`, {
      name: 'Jardin partagé des Tilleuls',
      kind: 'association',
      territoryIds: [world.communeId],
      description: 'Parcelles ouvertes le samedi',
    });
    expect(mine.status, JSON.stringify(mine.body)).toBe(200);
    expect((await member.get(`/api/ecosystem/organisations/${own.body.id}`)).body).toMatchObject({
      description: 'Parcelles ouvertes le samedi',
      canEdit: true,
    });
    const theirs = await member.put(`/api/ecosystem/organisations/${town.body.id}`, {
      name: 'Mairie de Valbourg (piratée)',
      kind: 'collectivite',
      territoryIds: [world.communeId],
    });
    expect(theirs.status).toBe(403);
    expect(theirs.body.code).toBe('organisation_edit_by_proposal');
    expect(theirs.body.title).toMatch(/^Proposez une modification/);
    const page = await member.get(`/api/ecosystem/organisations/${town.body.id}`);
    expect(page.body).toMatchObject({ name: 'Mairie de Valbourg', canEdit: false, canPropose: true });
    const coordinator = await t.loginAs('coordinator');
    const edited = await coordinator.put(`/api/ecosystem/organisations/${town.body.id}`, {
      name: 'Mairie de Valbourg',
      kind: 'collectivite',
      territoryIds: [world.communeId],
      website: 'https://valbourg.exemple.fr',
    });
    expect(edited.status).toBe(200);
  });

  it('imports a Windows-1252 CSV: preview lists problems by line and column and writes nothing; confirm writes all', async () => {
    const coordinator = await t.loginAs('coordinator');
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

  it('previews « Texte Unicode » from a French spreadsheet (UTF-16 LE with a BOM, tabs) with readable columns', async () => {
    const coordinator = await t.loginAs('coordinator');
    const text = 'Nom\tType\tThèmes\r\nRégie de quartier des Épinettes\tAssociation\tsanté\r\n';
    const bytes = Buffer.from(`\uFEFF${text}`, 'utf16le');
    expect([...bytes.subarray(0, 4)]).toEqual([0xff, 0xfe, 0x4e, 0x00]);
    const preview = await coordinator.post('/api/ecosystem/import/preview', {
      kind: 'organisations',
      territoryId: world.communeId,
      contentBase64: b64(bytes),
    });
    expect(preview.status, JSON.stringify(preview.body)).toBe(200);
    expect(preview.body).toMatchObject({ encoding: 'utf-16le', separator: '\t', columns: ['Nom', 'Type', 'Thèmes'], issues: [] });
    expect(preview.body.rows).toMatchObject([{ line: 2, name: 'Régie de quartier des Épinettes' }]);
  });

  it('refuses a file that is not text (NUL bytes) with the accepted encodings, on preview and on confirm, never a 500', async () => {
    const coordinator = await t.loginAs('coordinator');
    const content = b64(Buffer.concat([Buffer.from('Nom;Type\r\nÉlan'), Buffer.from([0]), Buffer.from(';Association\r\n')]));
    const body = { kind: 'organisations', territoryId: world.communeId, contentBase64: content };
    const preview = await coordinator.post('/api/ecosystem/import/preview', body);
    expect(preview.status).toBe(200);
    expect(preview.body.summary.errors).toBe(1);
    expect(preview.body.issues.map((i: { text: string }) => i.text)).toEqual([
      expect.stringMatching(/fichier illisible.*Encodages acceptés : UTF-8.*Windows-1252.*UTF-16.*Texte Unicode/),
    ]);
    const confirm = await coordinator.post('/api/ecosystem/import/confirm', body);
    expect(confirm.status).toBe(422);
    expect(confirm.body.code).toBe('import_has_errors');
  });

  it('shows relation levels and notes only to coordinators and members of the two organisations', async () => {
    const coordinator = await t.loginAs('coordinator');
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
    const facilitator = await t.loginAs('facilitator');
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
    const member = await t.loginAs('member');
    // Only the user herself (or an administrator) links her account to a person.
    const me = await member.post('/api/ecosystem/people', {
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
    const coordinator = await t.loginAs('coordinator');
    const noConsent = await coordinator.post('/api/ecosystem/people', {
      name: 'Sans Accord',
      territoryIds: [world.communeId],
      email: 'sans@exemple.fr',
    });
    expect(noConsent.status).toBe(400);
    expect(noConsent.body.errors).toEqual([{ field: 'body.contactConsent', message: expect.stringContaining('consentement') }]);
    // Linked to the reviewer's account: only an administrator may do that for her.
    const created = await (await t.loginAs('admin')).post('/api/ecosystem/people', {
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
    expect((await (await t.loginAs('facilitator')).get(`/api/ecosystem/people/${id}`)).body.contact).toBeNull();
    expect((await (await t.loginAs('outsider')).get(`/api/ecosystem/people/${id}/contact`)).status).toBe(403);
    const self = await t.loginAs('reviewer');
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
    expect((await (await t.loginAs('facilitator')).delete(`/api/ecosystem/people/${id}`)).status).toBe(403);
    expect((await self.delete(`/api/ecosystem/people/${id}`)).status).toBe(200);
    expect((await coordinator.get(`/api/ecosystem/people/${id}`)).status).toBe(404);
    expect((await coordinator.get('/api/ecosystem/directory?q=lea ressource')).body.people).toEqual([]);
  });

  it('exports CSV a French spreadsheet opens, with contact details only for those allowed', async () => {
    const coordinator = await t.loginAs('coordinator');
    await coordinator.post('/api/ecosystem/people', {
      name: 'Côme Export',
      territoryIds: [world.communeId],
      email: 'come@exemple.fr',
      phone: '06 00 00 00 00',
      contactConsent: true,
    });
    await coordinator.post('/api/ecosystem/people', {
      name: '=HYPERLINK("http://exemple.invalid","Cliquez")',
      territoryIds: [world.communeId],
      phone: '+33 6 00 00 00 00',
      contactConsent: true,
    });
    const res = await coordinator.request('GET', `/api/ecosystem/export?territoryId=${world.territoryId}&what=people`);
    expect(res.res.headers['content-type']).toContain('text/csv');
    const body = res.res.body;
    expect(body.startsWith('\uFEFF')).toBe(true);
    expect(body).toContain('\r\n');
    const rows = parse(body, { bom: true, delimiter: ';', columns: true }) as Record<string, string>[];
    expect(rows.find((r) => r.Nom === 'Côme Export')).toMatchObject({ Courriel: 'come@exemple.fr', Téléphone: '06 00 00 00 00' });
    // Formula cells are neutralised with an apostrophe (CSV injection); ordinary cells are not.
    expect(rows.find((r) => r.Nom?.includes('HYPERLINK'))).toMatchObject({
      Nom: `'=HYPERLINK("http://exemple.invalid","Cliquez")`,
      Téléphone: "'+33 6 00 00 00 00",
    });
    expect(rows.every((r) => r.Nom === undefined || !/^[=+\-@]/.test(r.Nom))).toBe(true);
    const facilitator = await t.loginAs('facilitator');
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

  it('edits an organisation, lists probable duplicates with what each holds, and merges them keeping every link', async () => {
    const coordinator = await t.loginAs('coordinator');
    const first = await coordinator.post('/api/ecosystem/organisations', {
      name: 'Maison de quartier Bellevue',
      kind: 'association',
      territoryIds: [world.communeId],
      communeId: world.communeId,
    });
    const second = await coordinator.post('/api/ecosystem/organisations', {
      name: 'Maison de Quartier « Bellevue »',
      kind: 'association',
      territoryIds: [world.communeId],
      communeId: world.communeId,
      allowDuplicate: true,
    });
    const partner = await coordinator.post('/api/ecosystem/organisations', {
      name: 'Régie de quartier Bellevue',
      kind: 'association',
      territoryIds: [world.communeId],
    });
    const [keep, dup, other] = [first.body.id, second.body.id, partner.body.id] as string[];
    await coordinator.post('/api/ecosystem/people', { name: 'Inès Bellevue', organisationIds: [dup] });
    await coordinator.post('/api/ecosystem/assessments', { organisationId: dup, partnerId: other, level: 4, assessedOn: '2025-03-01' });

    // Editing: a field error names the field; the new values are read back.
    const bad = await coordinator.put(`/api/ecosystem/organisations/${keep}`, {
      name: 'M',
      kind: 'association',
      territoryIds: [world.communeId],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([{ field: 'body.name', message: 'au moins 2 caractères' }]);
    const edited = await coordinator.put(`/api/ecosystem/organisations/${keep}`, {
      name: 'Maison de quartier Bellevue',
      kind: 'centre_social',
      territoryIds: [world.communeId],
      communeId: world.communeId,
      website: 'https://bellevue.exemple.fr',
      description: 'Accueil, ateliers, fêtes de quartier',
    });
    expect(edited.status).toBe(200);
    const read = await coordinator.get(`/api/ecosystem/organisations/${keep}`);
    expect(read.body).toMatchObject({ kind: 'centre_social', website: 'https://bellevue.exemple.fr', canEdit: true, canCurate: true });
    // Renaming another organisation into a duplicate is refused unless confirmed.
    const clash = await coordinator.put(`/api/ecosystem/organisations/${other}`, {
      name: 'maison de quartier bellevue',
      kind: 'association',
      territoryIds: [world.communeId],
      communeId: world.communeId,
    });
    expect(clash.status).toBe(409);
    expect(clash.body.code).toBe('organisation_duplicate');
    // A facilitator (not a member of the organisation) neither edits it, nor sees duplicates, nor merges.
    const facilitator = await t.loginAs('facilitator');
    expect((await facilitator.get(`/api/ecosystem/duplicates?territoryId=${world.communeId}`)).status).toBe(403);
    expect(
      (
        await (
          await t.loginAs('outsider')
        ).put(`/api/ecosystem/organisations/${keep}`, { name: 'Pris', kind: 'association', territoryIds: [world.communeId] })
      ).status,
    ).toBe(403);

    // An organisation shared with another territory: nobody takes it from (or adds it to) a
    // territory they do not work on.
    const shared = await (await t.loginAs('admin')).post('/api/ecosystem/organisations', {
      name: 'Mission locale des deux rives',
      kind: 'association',
      territoryIds: [world.communeId, world.otherTerritoryId],
    });
    expect(shared.status).toBe(201);
    const taken = await coordinator.put(`/api/ecosystem/organisations/${shared.body.id}`, {
      name: 'Mission locale des deux rives',
      kind: 'association',
      territoryIds: [world.communeId],
    });
    expect(taken.status).toBe(403);
    const added = await coordinator.put(`/api/ecosystem/organisations/${other}`, {
      name: 'Régie de quartier Bellevue',
      kind: 'association',
      territoryIds: [world.communeId, world.otherTerritoryId],
    });
    expect(added.status).toBe(403);
    const kept = await coordinator.put(`/api/ecosystem/organisations/${shared.body.id}`, {
      name: 'Mission locale des Deux Rives',
      kind: 'association',
      territoryIds: [world.communeId, world.otherTerritoryId],
    });
    expect(kept.status).toBe(200);

    const list = await coordinator.get(`/api/ecosystem/duplicates?territoryId=${world.communeId}`);
    expect(list.status).toBe(200);
    const pair = list.body.pairs.find(
      (p: { a: { id: string }; b: { id: string } }) => [p.a.id, p.b.id].sort().join() === [keep, dup].sort().join(),
    );
    expect(pair.reason).toBe('same_name_and_commune');
    const dupSide = pair.a.id === dup ? pair.a : pair.b;
    expect(dupSide).toMatchObject({ people: 1, relations: 1 });

    const merged = await coordinator.post(`/api/ecosystem/organisations/${keep}/merge`, { duplicateId: dup });
    expect(merged.status).toBe(200);
    const after = await coordinator.get(`/api/ecosystem/organisations/${keep}`);
    expect(after.body.people.map((p: { name: string }) => p.name)).toContain('Inès Bellevue');
    expect(after.body.relations).toMatchObject([{ partner: { id: other }, level: 4 }]);
    const again = await coordinator.get(`/api/ecosystem/duplicates?territoryId=${world.communeId}`);
    expect(again.body.pairs.some((p: { a: { id: string }; b: { id: string } }) => [p.a.id, p.b.id].includes(dup as string))).toBe(false);
  });

  it('lets a person or a coordinator declare an acquaintance, shown on the person page', async () => {
    const coordinator = await t.loginAs('coordinator');
    const a = (await coordinator.post('/api/ecosystem/people', { name: 'Aya Connaît', territoryIds: [world.communeId] })).body.id;
    const b = (await coordinator.post('/api/ecosystem/people', { name: 'Basile Connu', territoryIds: [world.communeId] })).body.id;
    expect((await coordinator.post('/api/ecosystem/acquaintances', { personId: a, knownPersonId: a })).status).toBe(400);
    expect((await coordinator.post('/api/ecosystem/acquaintances', { personId: a, knownPersonId: b })).status).toBe(201);
    const page = await coordinator.get(`/api/ecosystem/people/${a}`);
    expect(page.body.canDeclare).toBe(true);
    expect(page.body.acquaintances).toMatchObject([{ id: b, name: 'Basile Connu', source: 'declared' }]);
    const other = await coordinator.get(`/api/ecosystem/people/${b}`);
    expect(other.body.acquaintances.map((x: { name: string }) => x.name)).toEqual(['Aya Connaît']);
    const facilitator = await (await t.loginAs('facilitator')).get(`/api/ecosystem/people/${a}`);
    expect(facilitator.body).toMatchObject({ canDeclare: false, acquaintances: null });
  });

  it('flags people already in the store as probable duplicates of imported lines (same e-mail, or same name in the same organisation)', async () => {
    const coordinator = await t.loginAs('coordinator');
    const org = (
      await coordinator.post('/api/ecosystem/organisations', {
        name: 'Atelier vélo solidaire',
        kind: 'association',
        territoryIds: [world.communeId],
      })
    ).body.id as string;
    await coordinator.post('/api/ecosystem/people', {
      name: 'Zoé Déjà',
      organisationIds: [org],
      email: 'zoe.deja@exemple.fr',
      contactConsent: true,
    });
    await coordinator.post('/api/ecosystem/people', { name: 'Marc Présent', organisationIds: [org] });
    const file =
      'Nom;Organisation;Courriel;Consentement\r\n' +
      'Zoé D.;Atelier vélo solidaire;ZOE.DEJA@exemple.fr;oui\r\n' +
      'marc present;Atelier vélo solidaire;;non\r\n' +
      'Marc Présent;Autre chose;;non\r\n' +
      'Nouvelle Personne;Atelier vélo solidaire;;non\r\n';
    const preview = await coordinator.post('/api/ecosystem/import/preview', {
      kind: 'people',
      territoryId: world.communeId,
      contentBase64: b64(file),
    });
    expect(preview.status).toBe(200);
    const texts = preview.body.issues.map((i: { text: string }) => i.text);
    expect(texts).toContain(
      'ligne 2, colonne « Courriel » : attention, doublon probable de « Zoé Déjà », déjà enregistrée : même adresse e-mail',
    );
    expect(texts).toContain(
      'ligne 3, colonne « Nom » : attention, doublon probable de « Marc Présent », déjà enregistrée : même nom dans la même organisation',
    );
    expect(texts.filter((x: string) => x.startsWith('ligne 5'))).toEqual([]);
    const done = await coordinator.post('/api/ecosystem/import/confirm', {
      kind: 'people',
      territoryId: world.communeId,
      contentBase64: b64(file.replace('Marc Présent;Autre chose;;non\r\n', '')),
    });
    expect(done.status).toBe(201);
    expect(done.body).toMatchObject({ created: 1, skipped: 2 });
  });

  it('imports a 5 MB file, and refuses a larger one with a French message naming the limit', async () => {
    const coordinator = await t.loginAs('coordinator');
    const filler = 'Accueil, accompagnement et ateliers collectifs pour les habitants du quartier. '.repeat(12);
    const lines = ['Nom;Type;Description'];
    // The length of lines.join('\r\n'), kept as lines are added (joining at each line took 90 s).
    let size = lines[0]!.length;
    for (let i = 0; size < 5 * 1024 * 1024 - 2_000; i++) {
      const line = `Grande structure ${i};Association;${filler}`;
      lines.push(line);
      size += 2 + line.length;
    }
    const text = `${lines.join('\r\n')}\r\n`;
    const bytes = Buffer.from(text, 'utf8');
    expect(bytes.length).toBeGreaterThan(5 * 1024 * 1024 - 3_000);
    expect(bytes.length).toBeLessThanOrEqual(5 * 1024 * 1024);
    const done = await coordinator.post('/api/ecosystem/import/confirm', {
      kind: 'organisations',
      territoryId: world.communeId,
      contentBase64: b64(bytes),
    });
    expect(done.status).toBe(201);
    expect(done.body.created).toBe(lines.length - 1);
    const tooBig = await coordinator.post('/api/ecosystem/import/preview', {
      kind: 'organisations',
      territoryId: world.communeId,
      contentBase64: b64(Buffer.concat([bytes, Buffer.alloc(100_000, 'x')])),
    });
    expect(tooBig.status).toBe(400);
    expect(tooBig.body.errors).toEqual([{ field: 'body.contentBase64', message: expect.stringContaining('5 Mo au plus') }]);
  }, 120_000);
});
