import { type BarometerRunView, FACTOR_READING_LABELS, FACTORS } from '@maillage/core';

const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const n = (x: number) => (Math.round(x * 10) / 10).toString();
const fr = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 2 });
const READING_COLOURS = { force: '#1b7837', a_discuter: '#b35806', vigilance: '#b2182b' } as const;

/**
 * A run's results as SVG: one bar per factor (its mean on the 1–5 scale), the thresholds 3 and 4
 * as lines, the spread as a whisker (disagreement is information) and the reading in words
 * beside each bar; or, below three answers, only the sentence that says why nothing is shown.
 */
export function barometerChartSvg(view: BarometerRunView): string {
  const W = 900;
  const rowH = 24;
  const left = 360;
  const right = 170;
  const top = 60;
  const result = view.result;
  const rows = result.shown ? result.factors : [];
  const H = top + Math.max(1, rows.length) * rowH + 50;
  const x = (v: number) => left + ((v - 1) / 4) * (W - left - right);
  const desc = result.shown
    ? `${result.respondents} réponses anonymes. ${rows.filter((f) => f.reading === 'force').length} points forts, ${rows.filter((f) => f.reading === 'a_discuter').length} à discuter, ${rows.filter((f) => f.reading === 'vigilance').length} points de vigilance.`
    : `Résultats masqués : ${result.respondents} réponse(s), il en faut au moins ${result.needed} pour préserver l’anonymat.`;
  const out = [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-labelledby="barometer-title barometer-desc" font-family="Helvetica, Arial, sans-serif">`,
    `<title id="barometer-title">${escapeXml(view.title)}</title>`,
    `<desc id="barometer-desc">${escapeXml(desc)}</desc>`,
    `<rect width="${W}" height="${H}" fill="#ffffff"/>`,
    `<text x="20" y="28" font-size="18" font-weight="bold" fill="#1a1a1a">${escapeXml(view.title)} (${escapeXml(view.openedOn)})</text>`,
  ];
  if (!result.shown) {
    out.push(`<text x="20" y="${top + 20}" font-size="14" fill="#1a1a1a">${escapeXml(desc)}</text>`, '</svg>');
    return out.join('\n');
  }
  for (const v of [1, 2, 3, 4, 5]) {
    out.push(
      `<line x1="${n(x(v))}" x2="${n(x(v))}" y1="${top - 8}" y2="${H - 40}" stroke="${v === 3 || v === 4 ? '#555555' : '#dddddd'}"${v === 3 || v === 4 ? ' stroke-dasharray="5 4"' : ''}/>`,
      `<text x="${n(x(v))}" y="${top - 14}" font-size="12" text-anchor="middle" fill="#333333">${v}</text>`,
    );
  }
  rows.forEach((f, i) => {
    const y = top + i * rowH;
    const name = FACTORS.find((x) => x.key === f.factor)?.fr ?? f.factor;
    const colour = READING_COLOURS[f.reading];
    out.push(
      `<text x="${left - 10}" y="${y + 16}" font-size="12" text-anchor="end" fill="#1a1a1a">${escapeXml(name.length > 52 ? `${name.slice(0, 51)}…` : name)}</text>`,
      `<rect x="${n(x(1))}" y="${y + 5}" width="${n(Math.max(0, x(f.mean) - x(1)))}" height="14" fill="${colour}"><title>${escapeXml(`${name} : ${fr.format(f.mean)} (dispersion ${fr.format(f.spread)})`)}</title></rect>`,
      `<line x1="${n(x(Math.max(1, f.mean - f.spread)))}" x2="${n(x(Math.min(5, f.mean + f.spread)))}" y1="${y + 12}" y2="${y + 12}" stroke="#1a1a1a" stroke-width="1.5"/>`,
      `<text x="${W - right + 10}" y="${y + 16}" font-size="12" fill="${colour}">${fr.format(f.mean)} · ${escapeXml(FACTOR_READING_LABELS[f.reading].fr)}${f.trend === null ? '' : ` (${f.trend >= 0 ? '+' : ''}${fr.format(f.trend)})`}</text>`,
    );
  });
  out.push(
    `<text x="${left}" y="${H - 16}" font-size="11" fill="#333333">Moyenne de 1 (pas du tout d’accord) à 5 (tout à fait d’accord) ; le trait : la dispersion ; 4 et plus : point fort, sous 3 : vigilance.</text>`,
    '</svg>',
  );
  return out.join('\n');
}
