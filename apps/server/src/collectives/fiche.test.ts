import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { seedDemo } from '@maillage/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing';
import { frenchTypography } from './fiche';

const dir = mkdtempSync(join(tmpdir(), 'maillage-fiche-'));
const flat = (s: string) => s.replace(/\s+/g, ' ');

describe('the fiche-projet (PDF), read back by pdftotext', () => {
  let t: TestApp;
  let collectiveId: string;
  beforeAll(async () => {
    t = await createTestApp('pglite');
    await seedDemo(t.store.db);
    const row = await t.store.db
      .selectFrom('collectives')
      .select('id')
      .where('name', '=', 'Parents en mouvement aux Coteaux')
      .executeTakeFirstOrThrow();
    collectiveId = row.id;
  }, 180_000);
  afterAll(async () => {
    await t?.close();
  });

  async function fiche(email: string, password: string) {
    const client = t.client();
    await client.login(email, password);
    const res = await client.get(`/api/collectives/${collectiveId}/fiche.pdf`);
    expect(res.status).toBe(200);
    expect(res.res.headers['content-type']).toBe('application/pdf');
    const path = join(dir, `${email}.pdf`);
    writeFileSync(path, res.res.rawPayload);
    const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [path], { encoding: 'utf8' }))?.[1]);
    const pageText = (n: number) => execFileSync('pdftotext', ['-raw', '-f', String(n), '-l', String(n), path, '-'], { encoding: 'utf8' });
    return { pages, pageText, all: execFileSync('pdftotext', ['-raw', path, '-'], { encoding: 'utf8' }) };
  }

  it('holds the seven sections, the formal frame, members with roles, steps and pairs, with the name, the date and « page N sur M » on every page', async () => {
    const { pages, pageText, all } = await fiche('cooperation@val-de-lys.exemple.fr', 'demo-cooperation-val-de-lys');
    const text = flat(all);
    for (const title of [
      'État des lieux du territoire',
      'Enjeux et motivations',
      'Niveau de coopération',
      'Éco-système',
      'Animation',
      'Pistes de financement',
      'Calendrier prévisionnel',
      'Gouvernance',
      'Forme juridique',
      'Évaluation',
      'Communication',
    ]) {
      expect(text).toContain(title);
    }
    expect(text).toContain('Un comité de pilotage des quatre structures');
    expect(text).toContain('Rythme des réunions : une fois par mois');
    expect(text).toContain('Forme choisie : Convention de partenariat');
    expect(text).toContain('Ce que cela implique : Un contrat écrit entre les structures');
    expect(text).toContain('Awa Diallo');
    expect(text).toContain('Porteur · coordination');
    expect(text).toContain('Rencontrer la principale du collège');
    expect(text).toContain('(en retard)');
    expect(text).toContain('Lys Habitat');
    // The coordinator may read contact details: they are printed.
    expect(text).toMatch(/@/);
    expect(pages).toBeGreaterThanOrEqual(2);
    const today = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'full', timeZone: 'Europe/Paris' }).format(new Date());
    for (let n = 1; n <= pages; n++) {
      const page = flat(pageText(n));
      expect(page).toContain(`page ${n} sur ${pages}`);
      expect(page).toContain('Parents en mouvement aux Coteaux');
      expect(page).toContain(today);
    }
    // French typography: the space before ; : ! ? » does not break (pdftotext reads WinAnsi's
    // non-breaking space back as a space), so no line starts with one of them.
    const layout = execFileSync('pdftotext', ['-layout', join(dir, 'cooperation@val-de-lys.exemple.fr.pdf'), '-'], { encoding: 'utf8' });
    expect(layout.split('\n').filter((line) => /^\s*[;:!?»]/.test(line))).toEqual([]);
    expect(text).toContain('Où en sont les relations entre les membres (continuum de coopération) :');
    expect(text).toMatch(/: \d — (Concurrence|Coexistence|Communication|Assistance|Coordination|Collaboration|Intégration)/);
  });

  it('prints no contact detail for a facilitator, who may read the collective but not its contacts', async () => {
    const { all } = await fiche('animation@val-de-lys.exemple.fr', 'demo-animation-val-de-lys');
    expect(all).toContain('Awa Diallo');
    expect(all).not.toMatch(/@/);
  });

  it('puts non-breaking spaces where French typography wants them, and not in addresses or times', () => {
    expect(frenchTypography('Quoi ? Oui ! Non ; « bien » : fait')).toBe('Quoi\u00a0? Oui\u00a0! Non\u00a0; «\u00a0bien\u00a0»\u00a0: fait');
    expect(frenchTypography('Voir https://exemple.fr à 10:30')).toBe('Voir https://exemple.fr à 10:30');
  });
});
