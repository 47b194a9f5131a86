import type { IndicatorDetailView } from '@maillage/core';

const escapeXml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
const n = (x: number) => (Math.round(x * 10) / 10).toString();
const fr = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 2 });

/** Colours distinguishable by most people with a colour-vision deficiency (Okabe–Ito), dark enough on white. */
const PALETTE = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#8a6d00', '#56B4E9', '#000000'];

/**
 * An indicator over time, drawn by the server as SVG with no script and no outside asset: each
 * partner's current value per period (thin lines), the total (thick), the baseline and the target
 * (dashed lines, labelled). The chart carries a title and a description that says the same in
 * words (the last period, the total, the target), for screen readers and for whoever prints it.
 */
export function indicatorChartSvg(view: IndicatorDetailView): string {
  const W = 800;
  const H = 420;
  const left = 70;
  const right = 190;
  const top = 50;
  const bottom = 60;
  const periods = view.periods.map((p) => p.period);
  const partners = [
    ...new Map(view.periods.flatMap((p) => p.values.map((v) => [v.organisationId, v.organisationName] as const))).entries(),
  ];
  const values = [
    ...view.periods.flatMap((p) => [p.total, ...p.values.map((v) => v.value)]),
    ...(view.baselineValue === null ? [] : [view.baselineValue]),
    ...(view.targetValue === null ? [] : [view.targetValue]),
  ];
  const max = Math.max(1, ...values);
  const min = Math.min(0, ...values);
  const x = (i: number) => left + (periods.length <= 1 ? (W - left - right) / 2 : (i * (W - left - right)) / (periods.length - 1));
  const y = (v: number) => top + ((max - v) * (H - top - bottom)) / (max - min || 1);
  const totalLabel = view.aggregate === 'moyenne' ? 'Moyenne' : 'Total';
  const last = view.periods.at(-1);
  const desc = [
    `${view.name} (${view.unit}), par période, pour ${partners.length} partenaire${partners.length > 1 ? 's' : ''} et au total.`,
    last ? `Dernière période ${last.period} : ${totalLabel.toLowerCase()} ${fr.format(last.total)} ${view.unit}.` : 'Aucune valeur saisie.',
    view.baselineValue === null
      ? ''
      : `Valeur de départ ${fr.format(view.baselineValue)}${view.baselineYear ? ` (${view.baselineYear})` : ''}.`,
    view.targetValue === null ? '' : `Cible ${fr.format(view.targetValue)}${view.targetYear ? ` (${view.targetYear})` : ''}.`,
  ]
    .filter(Boolean)
    .join(' ');
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-labelledby="chart-title chart-desc" font-family="Helvetica, Arial, sans-serif">`,
    `<title id="chart-title">${escapeXml(view.name)}</title>`,
    `<desc id="chart-desc">${escapeXml(desc)}</desc>`,
    `<rect width="${W}" height="${H}" fill="#ffffff"/>`,
    `<text x="${left}" y="28" font-size="18" font-weight="bold" fill="#1a1a1a">${escapeXml(view.name)} (${escapeXml(view.unit)})</text>`,
  ];
  // Axes and grid.
  for (let k = 0; k <= 4; k++) {
    const v = min + ((max - min) * k) / 4;
    out.push(
      `<line x1="${left}" x2="${W - right}" y1="${n(y(v))}" y2="${n(y(v))}" stroke="#d0d0d0" stroke-width="1"/>`,
      `<text x="${left - 8}" y="${n(y(v) + 4)}" font-size="12" text-anchor="end" fill="#333333">${fr.format(Math.round(v * 100) / 100)}</text>`,
    );
  }
  periods.forEach((p, i) => {
    out.push(`<text x="${n(x(i))}" y="${H - bottom + 20}" font-size="12" text-anchor="middle" fill="#333333">${escapeXml(p)}</text>`);
  });
  const legend: string[] = [];
  let legendY = top;
  const addLegend = (label: string, colour: string, dash: string, width: number) => {
    legend.push(
      `<line x1="${W - right + 16}" x2="${W - right + 40}" y1="${legendY}" y2="${legendY}" stroke="${colour}" stroke-width="${width}"${dash ? ` stroke-dasharray="${dash}"` : ''}/>`,
      `<text x="${W - right + 46}" y="${legendY + 4}" font-size="12" fill="#1a1a1a">${escapeXml(label.length > 22 ? `${label.slice(0, 21)}…` : label)}</text>`,
    );
    legendY += 20;
  };
  const reference = (value: number | null, label: string, colour: string) => {
    if (value === null) return;
    out.push(
      `<line x1="${left}" x2="${W - right}" y1="${n(y(value))}" y2="${n(y(value))}" stroke="${colour}" stroke-width="2" stroke-dasharray="6 4"/>`,
    );
    addLegend(`${label} ${fr.format(value)}`, colour, '6 4', 2);
  };
  reference(view.baselineValue, 'Départ', '#555555');
  reference(view.targetValue, 'Cible', '#117733');
  const line = (points: [number, number][], colour: string, width: number) => {
    if (!points.length) return;
    if (points.length > 1) {
      out.push(
        `<polyline fill="none" stroke="${colour}" stroke-width="${width}" points="${points.map(([i, v]) => `${n(x(i))},${n(y(v))}`).join(' ')}"/>`,
      );
    }
    for (const [i, v] of points) out.push(`<circle cx="${n(x(i))}" cy="${n(y(v))}" r="${width + 1}" fill="${colour}"/>`);
  };
  partners.forEach(([id, name], k) => {
    const colour = PALETTE[k % PALETTE.length] as string;
    const points = view.periods.flatMap((p, i) => {
      const v = p.values.find((m) => m.organisationId === id);
      return v ? [[i, v.value] as [number, number]] : [];
    });
    line(points, colour, 1.5);
    addLegend(name, colour, '', 1.5);
  });
  line(
    view.periods.map((p, i) => [i, p.total] as [number, number]),
    '#1a1a1a',
    3.5,
  );
  addLegend(totalLabel, '#1a1a1a', '', 3.5);
  out.push(...legend, '</svg>');
  return out.join('\n');
}
