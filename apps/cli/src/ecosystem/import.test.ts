import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Store } from '@maillage/db';
import { availableTestStores, openTestStore } from '@maillage/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runImport } from './import';

const dir = mkdtempSync(join(tmpdir(), 'maillage-import-'));
const file = (name: string, bytes: Uint8Array | string) => {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
};
const latin1 = (s: string) => Uint8Array.from([...s].map((c) => c.charCodeAt(0)));

describe.each(availableTestStores())('maillage import on %s', (kind) => {
  let store: Store;
  const io = () => {
    const out: string[] = [];
    const err: string[] = [];
    return { out, err, io: { stdout: (t: string) => out.push(t), stderr: (t: string) => err.push(t) } };
  };
  // The command closes the store it opens: hand it a view whose close does nothing.
  const open = async () => ({ ...store, close: async () => {} });
  beforeAll(async () => {
    store = await openTestStore(kind);
    const epci = await store.db
      .insertInto('territories')
      .values({ kind: 'epci', name: 'Agglo CLI', code: 'ECO-CLI', slug: 'agglo-cli-test' } as never)
      .returning('id')
      .executeTakeFirstOrThrow();
    const commune = await store.db
      .insertInto('territories')
      .values({ kind: 'commune', name: 'Ville-sur-Test', code: 'ECO-CLI-C', slug: 'ville-sur-test' } as never)
      .returning('id')
      .executeTakeFirstOrThrow();
    await store.db.insertInto('territory_parents').values({ territory_id: commune.id, parent_id: epci.id }).execute();
  }, 60_000);
  afterAll(async () => {
    await store?.close();
  });

  it('checks a malformed Windows-1252 file line by line and writes nothing', async () => {
    const path = file(
      'bad.csv',
      latin1(
        'Nom;Type;SIRET;Commune\r\nAssociation Été;Association;732 829 320 00075;Ville-sur-Test\r\nRégie de quartier;Inconnu;;\r\n"Lieu ouvert;Association;;\r\n',
      ),
    );
    const r = io();
    expect(await runImport(['organisations', path, '--territory', 'ECO-CLI'], r.io, open)).toBe(1);
    expect(r.out).toEqual([
      'ligne 2, colonne « SIRET » : « 732 829 320 00075 » : numéro invalide (la clé de contrôle ne correspond pas)',
      expect.stringMatching(/^ligne 3, colonne « Type » : type « Inconnu » inconnu/),
      'ligne 4 : guillemet ouvert jamais refermé : la fin du fichier a été lue comme un seul champ',
      expect.stringMatching(/^ligne 4, colonne « Type » : type obligatoire/),
      'organisations: 0 valides, 0 doublons probables, 3 erreurs',
    ]);
    expect(r.err).toEqual(['Rien n’a été importé : corrigez les lignes en erreur puis relancez.']);
    const count = await store.db
      .selectFrom('organisations')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(0);
  });

  it('imports organisations then people, reporting duplicates', async () => {
    const orgs = file(
      'orgs.csv',
      'nom,type,siren,commune\n"Association Été",Association,732829320,Ville-sur-Test\n"Maison ""Pour Tous""",Centre social,,ECO-CLI-C\n',
    );
    const dry = io();
    expect(await runImport(['organisations', orgs, '--dry-run'], dry.io, open)).toBe(0);
    expect(dry.out.at(-1)).toBe('organisations: 2 valides, 0 doublons probables, 0 erreurs');
    expect(
      Number(
        (
          await store.db
            .selectFrom('organisations')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      ),
    ).toBe(0);
    const real = io();
    expect(await runImport(['organisations', orgs, '--territory', 'agglo-cli-test'], real.io, open)).toBe(0);
    expect(real.out.at(-1)).toBe('2 organisations importées');
    const again = io();
    expect(await runImport(['organisations', orgs, '--territory', 'ECO-CLI', '--dry-run'], again.io, open)).toBe(0);
    expect(again.out.at(-1)).toBe('organisations: 0 valides, 2 doublons probables, 0 erreurs');
    const people = file(
      'people.csv',
      '\uFEFFNom;Organisation;Personne ressource;Courriel;Consentement\nNadia Test;Association Été;oui;nadia@exemple.fr;oui\nOmar Test;732829320;non;omar@exemple.fr;non\n',
    );
    const p = io();
    expect(await runImport(['people', people, '--territory', 'ECO-CLI'], p.io, open)).toBe(0);
    expect(p.out).toEqual([
      'ligne 3, colonne « Courriel » : attention, coordonnées ignorées : sans consentement de la personne, elles ne sont pas enregistrées (RGPD)',
      'people: 2 valides, 0 doublons probables, 0 erreurs',
      '2 personnes importées',
    ]);
    const omar = await store.db.selectFrom('people').selectAll().where('name', '=', 'Omar Test').executeTakeFirstOrThrow();
    expect(omar.email).toBeNull();
    // The same file again: both people are already stored (same e-mail; same name in the same organisation).
    const rerun = io();
    expect(await runImport(['people', people, '--territory', 'ECO-CLI', '--dry-run'], rerun.io, open)).toBe(0);
    expect(rerun.out.at(-1)).toBe('people: 0 valides, 2 doublons probables, 0 erreurs');
  });

  it('explains usage errors', async () => {
    const r = io();
    expect(await runImport(['organisations', file('x.csv', 'nom;type\n')], r.io, open)).toBe(2);
    expect(r.err[0]).toContain('--territory CODE est obligatoire');
    const u = io();
    expect(await runImport(['organisations', file('y.csv', 'nom;type\n'), '--territory', 'NULLEPART'], u.io, open)).toBe(2);
    expect(u.err[0]).toContain('territoire « NULLEPART » introuvable');
  });
});
