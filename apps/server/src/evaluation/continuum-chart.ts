import { type ContinuumView, continuumLabel } from '@maillage/core';

const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const n = (x: number) => (Math.round(x * 10) / 10).toString();
const fr = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 2 });
const percent = new Intl.NumberFormat('fr-FR', { style: 'percent', maximumFractionDigits: 0 });

/** From rivalry (warm) to integration (deep blue): a sequential scale readable without colour too (each band is labelled in the legend, in order). */
const LEVEL_COLOURS = ['#b2182b', '#ef8a62', '#fddbc7', '#d1e5f0', '#67a9cf', '#2166ac', '#053061'];

/**
 * The continuum over time as SVG drawn by the server: one bar per date, stacked from level 1
 * (bottom) to level 7 (top), as shares of the pairs; the description says in words whether
 * cooperation has moved since last year.
 */
export function continuumChartSvg(view: ContinuumView, title: string): string {
  const W = 820;
  const H = 420;
  const left = 60;
  const right = 170;
  const top = 50;
  const bottom = 60;
  const width = W - left - right;
  const bar = Math.max(6, Math.min(60, (width / Math.max(1, view.points.length)) * 0.7));
  const x = (i: number) => left + ((i + 0.5) * width) / Math.max(1, view.points.length);
  const y = (share: number) => top + (1 - share) * (H - top - bottom);
  const { yearAgo, now, meanChange } = view.sinceLastYear;
  const desc = [
    `Répartition des relations entre organisations sur les sept niveaux du continuum, du ${view.from} au ${view.to}.`,
    now.mean === null
      ? 'Aucune relation évaluée.'
      : `Au ${now.on} : ${now.pairs} relations, niveau moyen ${fr.format(now.mean)}, ${percent.format(now.coordinatedShare ?? 0)} au niveau coordination ou au-delà.`,
    meanChange === null || yearAgo.mean === null
      ? ''
      : `Un an plus tôt : niveau moyen ${fr.format(yearAgo.mean)} (${meanChange >= 0 ? '+' : ''}${fr.format(meanChange)}).`,
  ]
    .filter(Boolean)
    .join(' ');
  const out = [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-labelledby="continuum-title continuum-desc" font-family="Helvetica, Arial, sans-serif">`,
    `<title id="continuum-title">${escapeXml(title)}</title>`,
    `<desc id="continuum-desc">${escapeXml(desc)}</desc>`,
    `<rect width="${W}" height="${H}" fill="#ffffff"/>`,
    `<text x="${left}" y="28" font-size="18" font-weight="bold" fill="#1a1a1a">${escapeXml(title)}</text>`,
  ];
  for (const share of [0, 0.25, 0.5, 0.75, 1]) {
    out.push(
      `<line x1="${left}" x2="${W - right}" y1="${n(y(share))}" y2="${n(y(share))}" stroke="#d0d0d0"/>`,
      `<text x="${left - 8}" y="${n(y(share) + 4)}" font-size="12" text-anchor="end" fill="#333333">${percent.format(share)}</text>`,
    );
  }
  view.points.forEach((p, i) => {
    let below = 0;
    p.counts.forEach((count, level) => {
      if (!p.pairs || !count) return;
      const share = count / p.pairs;
      out.push(
        `<rect x="${n(x(i) - bar / 2)}" y="${n(y(below + share))}" width="${n(bar)}" height="${n(y(below) - y(below + share))}" fill="${LEVEL_COLOURS[level]}"><title>${escapeXml(`${p.on} — ${continuumLabel(level + 1)} : ${count}`)}</title></rect>`,
      );
      below += share;
    });
    if (view.points.length <= 12 || i % Math.ceil(view.points.length / 12) === 0 || i === view.points.length - 1) {
      out.push(
        `<text x="${n(x(i))}" y="${H - bottom + 18}" font-size="11" text-anchor="middle" fill="#333333">${escapeXml(p.on.slice(0, 7))}</text>`,
      );
    }
  });
  for (let level = 7; level >= 1; level--) {
    const ly = top + (7 - level) * 22;
    out.push(
      `<rect x="${W - right + 16}" y="${ly - 10}" width="14" height="14" fill="${LEVEL_COLOURS[level - 1]}" stroke="#333333" stroke-width="0.5"/>`,
      `<text x="${W - right + 36}" y="${ly + 2}" font-size="12" fill="#1a1a1a">${level}. ${escapeXml(continuumLabel(level))}</text>`,
    );
  }
  out.push('</svg>');
  return out.join('\n');
}
