import { describe, expect, it } from 'vitest';
import {
  formatImportIssue,
  type ImportLookups,
  importTemplate,
  normalisePostalCode,
  parseFrenchDate,
  parseKind,
  planOrganisationImport,
  planPeopleImport,
  postalCodeFitsInsee,
} from './import-plan';
import { organisationNameKey } from './model';

const utf8 = (s: string) => new TextEncoder().encode(s);
const latin1 = (s: string) => Uint8Array.from([...s].map((c) => c.charCodeAt(0)));

const lookups: ImportLookups & { organisation(v: string): string | null } = {
  territoryId: 'epci',
  territory: (v) =>
    ({ '91228': 'evry', evry: 'evry', Évry: 'evry', 'quartier des pyramides': 'pyramides' })[v.toLowerCase()] ??
    ({ Évry: 'evry' } as Record<string, string>)[v] ??
    null,
  theme: (label) => ({ santé: 't-sante', sante: 't-sante', jeunesse: 't-jeunesse' })[label.toLowerCase()] ?? null,
  organisations: [{ id: 'existing', name: 'Centre social La Passerelle', siren: '552100554', communeId: 'evry' }],
  organisation: (v) => (v === 'Association Élan' ? 'o-elan' : null),
};

describe('planOrganisationImport', () => {
  it('reads a Windows-1252 file with semicolons and French headers', () => {
    const csv = 'Nom;Type;SIREN;Commune;Thèmes\r\nAssociation Élan;Association;732 829 320;91228;santé, jeunesse\r\n';
    const plan = planOrganisationImport(latin1(csv), lookups);
    expect(plan.encoding).toBe('windows-1252');
    expect(plan.issues).toEqual([]);
    expect(plan.rows).toMatchObject([
      {
        line: 2,
        name: 'Association Élan',
        kind: 'association',
        siren: '732829320',
        communeId: 'evry',
        territoryIds: ['evry'],
        themeIds: ['t-sante', 't-jeunesse'],
      },
    ]);
    expect(plan.summary).toEqual({ valid: 1, duplicates: 0, errors: 0 });
  });

  it('lists every problem by physical line and column, multi-line fields included', () => {
    const csv = [
      'nom,type,siret,rna,commune,site web',
      '"Maison des familles","Centre social",,W751234567,Évry,maison.example.fr',
      '"Atelier ""Couture""","Asso","123456789",,,',
      '"Café des parents","Fusée",,,Atlantis,',
      '"Lieu',
      'sur deux lignes",Association,,W12,,pas une adresse',
    ].join('\n');
    const plan = planOrganisationImport(utf8(csv), lookups);
    expect(plan.separator).toBe(',');
    expect(plan.rows.map((r) => [r.line, r.name, r.website])).toEqual([[2, 'Maison des familles', 'https://maison.example.fr']]);
    const lines = plan.issues.map(formatImportIssue);
    expect(lines).toContain('ligne 3, colonne « siret » : « 123456789 » : numéro invalide (la clé de contrôle ne correspond pas)');
    expect(lines.some((l) => l.startsWith('ligne 4, colonne « type » : type « Fusée » inconnu'))).toBe(true);
    expect(lines).toContain(
      'ligne 4, colonne « commune » : commune « Atlantis » introuvable dans le territoire importé (code INSEE ou nom)',
    );
    expect(lines.some((l) => l.startsWith('ligne 5, colonne « rna »'))).toBe(true);
    expect(lines.some((l) => l.startsWith('ligne 5, colonne « site web »'))).toBe(true);
    expect(plan.summary).toEqual({ valid: 1, duplicates: 0, errors: 3 });
  });

  it('flags probable duplicates against the store and within the file', () => {
    const csv =
      'Nom;Type;SIRET;Commune\nCS La Passerelle;Centre social;;Évry\nAutre nom;Association;55210055400013;\nAsso Élan;Association;;Évry\nL’Association Élan;Association;;Évry\n';
    const plan = planOrganisationImport(utf8(csv), lookups);
    expect(plan.rows.map((r) => [r.line, r.duplicateOf.map((d) => d.reason)])).toEqual([
      [2, ['same_name_and_commune']],
      [3, ['same_siren']],
      [4, []],
      [5, ['same_name_and_commune']],
    ]);
    expect(plan.summary).toEqual({ valid: 1, duplicates: 3, errors: 0 });
  });

  it('refuses a file without the required columns, naming what it read', () => {
    const plan = planOrganisationImport(utf8('raison;truc\nA;B\n'), lookups);
    expect(plan.rows).toEqual([]);
    expect(plan.summary.errors).toBe(1);
    expect(plan.issues.map(formatImportIssue)).toContain(
      'ligne 1, colonne « nom » : colonne obligatoire absente (en-têtes lus : raison, truc)',
    );
  });

  it('reports an unterminated quote and an empty file', () => {
    const plan = planOrganisationImport(utf8('nom;type\n"Oups;Association\nB;Association\n'), lookups);
    expect(plan.issues[0]).toMatchObject({ line: 2, severity: 'error' });
    expect(plan.summary.errors).toBeGreaterThan(0);
    expect(planOrganisationImport(new Uint8Array(), lookups).summary.errors).toBe(1);
  });
});

describe('planPeopleImport', () => {
  it('drops contact details without consent, with a warning, and checks organisations and dates', () => {
    const csv = [
      'Nom;Fonction;Organisation;Personne ressource;Ressource pour;Courriel;Consentement;Date du consentement',
      'Inès Fictive;Directrice;Association Élan;oui;parentalité;ines@exemple.fr;oui;03/02/2025',
      'Paul Imaginaire;Animateur;Association Élan;non;;paul@exemple.fr;non;',
      'Zoé Inventée;;Inconnue SA;peut-être;;pas-un-mail;oui;31/02/2025',
    ].join('\r\n');
    const plan = planPeopleImport(utf8(csv), lookups);
    expect(plan.rows).toMatchObject([
      {
        line: 2,
        name: 'Inès Fictive',
        organisationIds: ['o-elan'],
        isResource: true,
        email: 'ines@exemple.fr',
        contactConsent: true,
        contactConsentOn: '2025-02-03',
      },
      { line: 3, name: 'Paul Imaginaire', email: null, contactConsent: false },
    ]);
    const lines = plan.issues.map(formatImportIssue);
    expect(lines).toContain(
      'ligne 3, colonne « Courriel » : attention, coordonnées ignorées : sans consentement de la personne, elles ne sont pas enregistrées (RGPD)',
    );
    expect(lines.filter((l) => l.startsWith('ligne 4')).length).toBe(4);
    expect(plan.summary).toEqual({ valid: 2, duplicates: 0, errors: 1 });
  });

  it('flags a line that is probably someone already recorded, and a line repeated in the file', () => {
    const probes: { nameKey: string; email: string | null; organisationIds: readonly string[] }[] = [];
    const plan = planPeopleImport(
      utf8(
        [
          'Nom;Organisation;Courriel;Consentement',
          'Awa Déjà;Association Élan;AWA@exemple.fr;oui',
          'Awa Nouvelle;Association Élan;;non',
          'awa nouvelle;Association Élan;;non',
        ].join('\r\n'),
      ),
      {
        ...lookups,
        existingPerson(probe) {
          probes.push(probe);
          return probe.email?.toLowerCase() === 'awa@exemple.fr' ? { id: 'p-awa', name: 'Awa Diallo', reason: 'same_email' } : null;
        },
      },
    );
    expect(probes[1]).toEqual({ nameKey: 'awa nouvelle', email: null, organisationIds: ['o-elan'] });
    expect(plan.rows.map((r) => r.duplicateOf)).toEqual([
      [{ id: 'p-awa', name: 'Awa Diallo', reason: 'same_email' }],
      [],
      [{ line: 3, name: 'awa nouvelle', reason: 'same_name_and_organisation' }],
    ]);
    expect(plan.issues.map(formatImportIssue)).toEqual([
      'ligne 2, colonne « Courriel » : attention, doublon probable de « Awa Diallo », déjà enregistrée : même adresse e-mail',
      'ligne 4, colonne « Nom » : attention, doublon probable de la ligne 3 : même nom dans la même organisation',
    ]);
    expect(plan.summary).toEqual({ valid: 1, duplicates: 2, errors: 0 });
  });
});

describe('parsers', () => {
  it('reads kinds and French dates', () => {
    expect(parseKind('Mairie')).toBe('collectivite');
    expect(parseKind('bailleur social')).toBe('bailleur');
    expect(parseKind('Centre Social')).toBe('centre_social');
    expect(parseKind('???')).toBeNull();
    expect(parseFrenchDate('29/02/2024')).toBe('2024-02-29');
    expect(parseFrenchDate('29/02/2025')).toBeNull();
    expect(parseFrenchDate('2025-12-01')).toBe('2025-12-01');
  });
});

describe('imports from real French spreadsheets', () => {
  /** Two communes named "Saint-Martin" (fictional codes): only the postal code tells them apart. */
  const homonyms: ImportLookups = {
    ...lookups,
    territory: (v, postalCode) => {
      const communes = [
        { id: 'sm-78', insee: '78999', name: 'saint-martin' },
        { id: 'sm-91', insee: '91999', name: 'saint-martin' },
      ].filter((c) => c.name === v.toLowerCase() && (!postalCode || postalCodeFitsInsee(postalCode, c.insee)));
      return communes[0]?.id ?? null;
    },
  };

  it('takes "&" and "et" for the same organisation', () => {
    expect(organisationNameKey('Dupont & Fils')).toBe(organisationNameKey('dupont et fils'));
    expect(organisationNameKey('Dupont&Fils')).toBe(organisationNameKey('Dupont et Fils'));
    const csv = 'Nom;Type;Commune\nDupont & Fils;Entreprise;Évry\ndupont et fils;Entreprise;Évry\n';
    const plan = planOrganisationImport(utf8(csv), lookups);
    expect(plan.rows[1]?.duplicateOf).toEqual([{ line: 2, name: 'Dupont & Fils', reason: 'same_name_and_commune' }]);
  });

  it('reads a postal-code column and lets it choose between communes of the same name', () => {
    const csv =
      'Nom;Type;Commune;Code postal\nAsso A;Association;Saint-Martin;91 100\nAsso B;Association;Saint-Martin;78200\nAsso C;Association;Saint-Martin;13001\nAsso D;Association;Saint-Martin;9A\n';
    const plan = planOrganisationImport(utf8(csv), homonyms);
    expect(plan.issues.filter((i) => i.message.includes('colonne non reconnue'))).toEqual([]);
    expect(plan.rows.map((r) => [r.name, r.communeId])).toEqual([
      ['Asso A', 'sm-91'],
      ['Asso B', 'sm-78'],
    ]);
    const lines = plan.issues.map(formatImportIssue);
    expect(lines).toContain(
      'ligne 4, colonne « Commune » : commune « Saint-Martin » introuvable avec le code postal 13001 dans le territoire importé',
    );
    expect(lines).toContain('ligne 5, colonne « Code postal » : « 9A » : un code postal a 5 chiffres (78200)');
    for (const header of ['CP', 'Code Postal', 'code_postal']) {
      const p = planOrganisationImport(utf8(`Nom;Type;Commune;${header}\nAsso A;Association;Saint-Martin;78200\n`), homonyms);
      expect(p.issues, header).toEqual([]);
      expect(p.rows[0]?.communeId).toBe('sm-78');
    }
    const people = planPeopleImport(utf8('Nom;Commune;CP\nCamille Test;Saint-Martin;91000\n'), { ...homonyms, organisation: () => null });
    expect(people.issues).toEqual([]);
    expect(people.rows[0]?.territoryIds).toEqual(['sm-91']);
  });

  it('knows the postal codes of a département, Corsica and overseas included', () => {
    expect(postalCodeFitsInsee('78200', '78361')).toBe(true);
    expect(postalCodeFitsInsee('78200', '91228')).toBe(false);
    expect(postalCodeFitsInsee('20000', '2A004')).toBe(true);
    expect(postalCodeFitsInsee('97400', '97411')).toBe(true);
    expect(postalCodeFitsInsee('97400', '97101')).toBe(false);
    expect(normalisePostalCode('8000')).toBe('08000');
  });

  it('skips lines made only of separators', () => {
    const csv = 'Nom;Type;Commune\n;;\nAsso A;Association;Évry\n ; ; \n;;\n';
    const plan = planOrganisationImport(utf8(csv), lookups);
    expect(plan.issues).toEqual([]);
    expect(plan.rows.map((r) => [r.line, r.name])).toEqual([[3, 'Asso A']]);
    expect(plan.summary).toEqual({ valid: 1, duplicates: 0, errors: 0 });
  });

  it('maps kinds written without accents, with a straight apostrophe, in the singular or the plural', () => {
    expect(parseKind('Collectivite')).toBe('collectivite');
    expect(parseKind('Collectivités')).toBe('collectivite');
    expect(parseKind('Bailleurs sociaux')).toBe('bailleur');
    expect(parseKind("Collectif d'habitants")).toBe('collectif_habitants');
    expect(parseKind("Service de l'Etat")).toBe('etat');
    expect(parseKind('Centres sociaux')).toBe('centre_social');
    expect(parseKind('ASSOCIATIONS')).toBe('association');
    expect(parseKind('Entreprises')).toBe('entreprise');
    expect(parseKind('Centres de ressources')).toBe('centre_ressources');
    expect(parseKind('Fusée')).toBeNull();
  });

  it('offers templates the import reads back without a warning', () => {
    for (const kind of ['organisations', 'people'] as const) {
      const text = importTemplate(kind);
      expect(text.startsWith('\uFEFF')).toBe(true);
      expect(text.split('\r\n')[0]).toContain(';');
      const bytes = utf8(text);
      const plan =
        kind === 'organisations'
          ? planOrganisationImport(bytes, lookups)
          : planPeopleImport(bytes, { ...lookups, organisation: (v) => (v.includes('Jardins du Bocage') ? 'o-bocage' : null) });
      expect(plan.issues, kind).toEqual([]);
      expect(plan.summary, kind).toEqual({ valid: 1, duplicates: 0, errors: 0 });
    }
  });
});
