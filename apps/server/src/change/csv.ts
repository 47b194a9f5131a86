import { HORIZON_LABELS, LIGHT_LABELS, type StoredPathwayView, writeCsv } from '@maillage/core';

const number = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 2 });
const amount = (v: number | null, unit: string, year: number | null) =>
  v === null ? 'non renseignée' : `${number.format(v)} ${unit}${year === null ? '' : ` (${year})`}`;

/**
 * The changes of a pathway as CSV a French spreadsheet opens correctly (UTF-8 BOM, `;`, CRLF,
 * formulas neutralised by the one writer): one line per change, from the short term to the long
 * term, with the changes it leads to, its actors, its indicators (baseline and target) and the
 * last review's light.
 */
export function changesCsv(view: StoredPathwayView): string {
  const text = new Map(view.changes.map((c) => [c.id, c.text]));
  const order = { court: 0, moyen: 1, long: 2 } as const;
  const changes = view.changes.map((c, i) => ({ c, i })).sort((a, b) => order[a.c.horizon] - order[b.c.horizon] || a.i - b.i);
  return writeCsv(
    [
      'Horizon',
      'Changement',
      'Mène à',
      'Vient de',
      'Acteurs',
      'Indicateurs (départ → cible)',
      'Dernier feu',
      'Contribue à',
      'Porté par',
      'Relié à la vision',
    ],
    changes.map(({ c }) => [
      `${HORIZON_LABELS[c.horizon].fr} — ${HORIZON_LABELS[c.horizon].what.fr}`,
      c.text,
      view.links
        .filter((l) => l.from === c.id)
        .map((l) => (l.to === null ? 'Vision' : (text.get(l.to) ?? '')))
        .join(' | '),
      view.links
        .filter((l) => l.to === c.id)
        .map((l) => text.get(l.from) ?? '')
        .join(' | '),
      [...c.actors.organisations.map((o) => o.name), ...c.actors.kinds].join(' | '),
      view.indicators
        .filter((i) => i.changeId === c.id)
        .map(
          (i) =>
            `${i.name} : départ ${amount(i.baselineValue, i.unit, i.baselineYear)} → cible ${amount(i.targetValue, i.unit, i.targetYear)}`,
        )
        .join(' | '),
      c.lastLight ? LIGHT_LABELS[c.lastLight].fr : '',
      c.contributesTo.map((t) => t.text).join(' | '),
      c.carriedBy.map((t) => `${t.ownerName} : ${t.text}`).join(' | '),
      c.detached ? 'non' : 'oui',
    ]),
  );
}
