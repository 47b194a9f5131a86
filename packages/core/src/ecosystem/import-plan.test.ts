import { describe, expect, it } from 'vitest';
import { formatImportIssue, type ImportLookups, parseFrenchDate, parseKind, planOrganisationImport, planPeopleImport } from './import-plan';

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
