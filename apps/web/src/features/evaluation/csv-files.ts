import type { ContinuumView } from '@maillage/core';

/** Files made in the page for a spreadsheet: `;`, decimal comma, UTF-8 with its BOM, CRLF. */

/** A model file: the header the import reads and one line per indicator of the territory (UTF-8 with its BOM, for spreadsheets). */
export function templateCsv(indicators: readonly { name: string; frequency: string }[]): string {
  const example: Record<string, string> = {
    annuelle: '2026',
    semestrielle: '2026-S1',
    trimestrielle: '2026-T1',
    mensuelle: '2026-03',
    ponctuelle: '2026-03-14',
  };
  const quote = (s: string) => (/[;"\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  const lines = ['indicateur;période;valeur;organisation;commentaire'];
  for (const i of indicators.length ? indicators : [{ name: 'Nom de l’indicateur', frequency: 'annuelle' }]) {
    lines.push(`${quote(i.name)};${example[i.frequency] ?? '2026'};12,5;Nom de l’organisation;`);
  }
  return `\ufeff${lines.join('\r\n')}\r\n`;
}

/** The continuum's points as CSV a French spreadsheet opens: `;`, decimal comma, one line per date. */
export function continuumCsv(view: ContinuumView, levelNames: readonly string[]): string {
  const number = (n: number | null) => (n === null ? '' : String(n).replace('.', ','));
  const lines = [['date', 'paires', ...levelNames, 'niveau moyen', 'part coordonnée ou plus'].join(';')];
  for (const p of view.points) lines.push([p.on, p.pairs, ...p.counts, number(p.mean), number(p.coordinatedShare)].join(';'));
  return `\ufeff${lines.join('\r\n')}\r\n`;
}
