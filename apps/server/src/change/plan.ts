import {
  COLUMNS,
  HORIZON_LABELS,
  type Horizon,
  LIGHT_LABELS,
  type Light,
  layoutPlan,
  type Measure,
  PLAN_PAGES,
  type PlanBox,
  type PlanPage,
  type StoredPathwayView,
  wrap,
} from '@maillage/core';
import PDFDocument from 'pdfkit';

/**
 * "Un plan qui tient en une page": the whole pathway on ONE landscape page, read right to left
 * (the vision on the right). Core lays it out (`layoutPlan`) with the metrics of pdfkit's Helvetica;
 * this file turns the layout into drawing primitives once, then writes them as PDF (pdfkit) or SVG
 * (a string writer), so both files show the same boxes, lines and arrows.
 */

type Format = 'A4' | 'A3';
const FONT = 'Helvetica';
const BOLD = 'Helvetica-Bold';
/** Helvetica's ascender (AFM), to place an SVG baseline where pdfkit puts the top of a line. */
const ASCENDER = 0.718;

export const LIGHT_COLOURS: Readonly<Record<Light, string>> = {
  en_bonne_voie: '#2e7d32',
  a_risque: '#e65100',
  hors_trajectoire: '#c62828',
  pas_commence: '#616161',
};

const COLUMN_FILL: Readonly<Record<Horizon | 'vision', string>> = {
  court: '#eef5fb',
  moyen: '#e8f3ec',
  long: '#fdf3e3',
  vision: '#f3eefa',
};

type Primitive =
  | { t: 'rect'; x: number; y: number; w: number; h: number; fill: string; stroke: string }
  | { t: 'text'; x: number; y: number; size: number; bold: boolean; colour: string; text: string }
  | { t: 'curve'; points: [number, number, number, number, number, number, number, number]; colour: string }
  | { t: 'poly'; points: [number, number][]; colour: string }
  | { t: 'dot'; x: number; y: number; r: number; colour: string };

export interface Drawing {
  readonly width: number;
  readonly height: number;
  readonly title: string;
  readonly items: readonly Primitive[];
}

/** Characters Helvetica's standard encoding (WinAnsi) cannot show, made showable. */
const printable = (text: string) => text.replace(/[\u202f\u2009]/g, '\u00a0').replace(/[\u2192]/g, '->');

let measurer: PDFKit.PDFDocument | undefined;
/** pdfkit's metrics, without writing a file: the same numbers for the PDF and the SVG. */
function metrics(font = FONT): Measure {
  measurer ??= new PDFDocument({ size: 'A4', margin: 0, autoFirstPage: false });
  const doc = measurer;
  return (text, size) => doc.font(font).fontSize(size).widthOfString(printable(text));
}

const number = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 2 });
const value = (v: number | null, unit: string, year: number | null) =>
  v === null ? '?' : `${number.format(v)} ${unit}${year === null ? '' : ` (${year})`}`;

/** The notes under each change: every indicator's target, and the last review's light. */
export function planNotes(view: StoredPathwayView): Record<string, string[]> {
  const notes: Record<string, string[]> = {};
  for (const change of view.changes) {
    const lines = view.indicators
      .filter((i) => i.changeId === change.id)
      .map(
        (i) =>
          `${i.name} : cible ${value(i.targetValue, i.unit, i.targetYear)}${i.baselineValue === null ? '' : `, départ ${value(i.baselineValue, i.unit, i.baselineYear)}`}`,
      );
    if (change.lastLight) lines.push(`• ${LIGHT_LABELS[change.lastLight].fr}`);
    if (lines.length) notes[change.id] = lines;
  }
  return notes;
}

const dateFormat = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeZone: 'Europe/Paris' });

/** The drawing of the plan, or where it does not fit. */
export function planDrawing(
  view: StoredPathwayView,
  format: Format,
  at: Date,
): { ok: true; value: Drawing } | { ok: false; column: Horizon | 'vision' } {
  const page: PlanPage = PLAN_PAGES[format];
  const measure = metrics();
  const layout = layoutPlan(
    { vision: view.vision.sentence || 'Vision', changes: view.changes, links: view.links, notes: planNotes(view) },
    page,
    measure,
  );
  if (!layout.fits) return { ok: false, column: layout.column };
  const items: Primitive[] = [];
  const scale = page.width / PLAN_PAGES.A4.width;
  const ink = '#1b1f24';
  // Title and date on the first line of the header.
  const titleSize = 14 * scale;
  const dateText = `${dateFormat.format(at)} — version ${view.version}`;
  const dateSize = 9 * scale;
  const dateWidth = metrics()(dateText, dateSize);
  let title = view.title;
  const titleRoom = page.width - 2 * page.margin - dateWidth - 20;
  const boldMeasure = metrics(BOLD);
  while (title.length > 1 && boldMeasure(title, titleSize) > titleRoom) title = `${title.slice(0, -2)}…`;
  items.push({ t: 'text', x: page.margin, y: page.margin - 6 * scale, size: titleSize, bold: true, colour: '#0b4a8b', text: title });
  items.push({
    t: 'text',
    x: page.width - page.margin - dateWidth,
    y: page.margin - 2 * scale,
    size: dateSize,
    bold: false,
    colour: '#555555',
    text: dateText,
  });
  // Column headings: the horizon names, the vision's heading on the right.
  const columnWidth = (page.width - 2 * page.margin - (COLUMNS.length - 1) * page.gap) / COLUMNS.length;
  const headingSize = 7.5 * scale;
  for (const [c, column] of COLUMNS.entries()) {
    const x = page.margin + c * (columnWidth + page.gap);
    const heading =
      column === 'vision' ? 'Vision — Souhait, futur désirable' : `${HORIZON_LABELS[column].fr} — ${HORIZON_LABELS[column].what.fr}`;
    const lines = wrap(heading, columnWidth, headingSize, boldMeasure);
    lines.forEach((line, i) => {
      items.push({
        t: 'text',
        x,
        y: page.margin + 14 * scale + i * headingSize * 1.15,
        size: headingSize,
        bold: true,
        colour: ink,
        text: line,
      });
    });
  }
  // Boxes.
  const boxes = new Map<string, PlanBox>(layout.boxes.map((b) => [b.id, b]));
  for (const b of layout.boxes) {
    items.push({
      t: 'rect',
      x: b.x,
      y: b.y,
      w: b.width,
      h: b.height,
      fill: COLUMN_FILL[b.column],
      stroke: b.column === 'vision' ? '#5e35b1' : '#8a96a3',
    });
  }
  // Links as arrows, under the texts.
  const arrow = '#4a5a6a';
  const head = 4 * scale;
  for (const link of view.links) {
    const from = boxes.get(link.from);
    const to = boxes.get(link.to ?? 'vision');
    if (!from || !to) continue;
    const fy = from.y + from.height / 2;
    const ty = to.y + to.height / 2;
    if (from.column === to.column) {
      // Within one horizon: a loop out of the right edge into the other box's right edge.
      const x = from.x + from.width;
      const bulge = page.gap * 0.9;
      items.push({ t: 'curve', points: [x, fy, x + bulge, fy, x + bulge, ty, x + 1, ty], colour: arrow });
      items.push({
        t: 'poly',
        points: [
          [x, ty],
          [x + head, ty - head / 2],
          [x + head, ty + head / 2],
        ],
        colour: arrow,
      });
      continue;
    }
    const x0 = from.x + from.width;
    const x1 = to.x;
    const mid = (x0 + x1) / 2;
    items.push({ t: 'curve', points: [x0, fy, mid, fy, mid, ty, x1 - head, ty], colour: arrow });
    items.push({
      t: 'poly',
      points: [
        [x1, ty],
        [x1 - head, ty - head / 2],
        [x1 - head, ty + head / 2],
      ],
      colour: arrow,
    });
  }
  // Texts and notes; the light's note gets its coloured dot over the bullet.
  const lightOf = new Map(view.changes.map((c) => [c.id, c.lastLight]));
  for (const b of layout.boxes) {
    let y = b.y + page.padding;
    for (const line of b.lines) {
      // Set in the font it was measured with (bold would overflow): the vision stands out by its colour.
      items.push({
        t: 'text',
        x: b.x + page.padding,
        y,
        size: layout.size,
        bold: false,
        colour: b.column === 'vision' ? '#311b92' : ink,
        text: line,
      });
      y += layout.size * page.lineHeight;
    }
    const light = lightOf.get(b.id);
    for (const line of b.notes) {
      const isLight = light && line.startsWith('• ');
      items.push({
        t: 'text',
        x: b.x + page.padding,
        y,
        size: layout.noteSize,
        bold: false,
        colour: isLight ? LIGHT_COLOURS[light] : '#37474f',
        text: line,
      });
      if (isLight) {
        const r = layout.noteSize * 0.32;
        items.push({
          t: 'dot',
          x: b.x + page.padding + measure('•', layout.noteSize) / 2,
          y: y + layout.noteSize * 0.42,
          r,
          colour: LIGHT_COLOURS[light],
        });
      }
      y += layout.noteSize * page.lineHeight;
    }
  }
  // Footer: the legend of the lights.
  const legendSize = 7 * scale;
  let lx = page.margin;
  const ly = page.height - page.margin - page.footer + 8 * scale;
  items.push({ t: 'text', x: lx, y: ly, size: legendSize, bold: true, colour: ink, text: 'Feux de la dernière revue :' });
  lx += boldMeasure('Feux de la dernière revue :', legendSize) + 8;
  for (const [light, label] of Object.entries(LIGHT_LABELS) as [Light, { fr: string }][]) {
    items.push({ t: 'dot', x: lx + legendSize * 0.35, y: ly + legendSize * 0.42, r: legendSize * 0.35, colour: LIGHT_COLOURS[light] });
    items.push({ t: 'text', x: lx + legendSize, y: ly, size: legendSize, bold: false, colour: ink, text: label.fr });
    lx += legendSize + measure(label.fr, legendSize) + 12;
  }
  return { ok: true, value: { width: page.width, height: page.height, title: view.title, items } };
}

function collect(doc: PDFKit.PDFDocument): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.end();
  });
}

/** The plan as a one-page landscape PDF, or the column that does not fit. */
export async function planPdf(
  view: StoredPathwayView,
  format: Format,
  at: Date,
): Promise<{ ok: true; value: Buffer } | { ok: false; column: Horizon | 'vision' }> {
  const drawing = planDrawing(view, format, at);
  if (!drawing.ok) return drawing;
  const { width, height, items, title } = drawing.value;
  // No margins: nothing written near the edge makes pdfkit open a second page.
  const doc = new PDFDocument({
    size: [width, height],
    margin: 0,
    info: { Title: title, Creator: 'maillage' },
    lang: 'fr-FR',
  } as PDFKit.PDFDocumentOptions);
  for (const item of items) {
    switch (item.t) {
      case 'rect':
        doc.lineWidth(0.6).roundedRect(item.x, item.y, item.w, item.h, 3).fillAndStroke(item.fill, item.stroke);
        break;
      case 'curve': {
        const [x0, y0, c1x, c1y, c2x, c2y, x1, y1] = item.points;
        doc.lineWidth(0.7).moveTo(x0, y0).bezierCurveTo(c1x, c1y, c2x, c2y, x1, y1).stroke(item.colour);
        break;
      }
      case 'poly':
        doc.polygon(...item.points).fill(item.colour);
        break;
      case 'dot':
        doc.circle(item.x, item.y, item.r).fill(item.colour);
        break;
      case 'text':
        doc
          .font(item.bold ? BOLD : FONT)
          .fontSize(item.size)
          .fillColor(item.colour)
          .text(printable(item.text), item.x, item.y, { lineBreak: false });
        break;
    }
  }
  return { ok: true, value: await collect(doc) };
}

const escapeXml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
const n = (v: number) => (Math.round(v * 100) / 100).toString();

/** The plan as SVG, from the same drawing as the PDF. */
export function planSvg(
  view: StoredPathwayView,
  format: Format,
  at: Date,
): { ok: true; value: string } | { ok: false; column: Horizon | 'vision' } {
  const drawing = planDrawing(view, format, at);
  if (!drawing.ok) return drawing;
  const { width, height, items, title } = drawing.value;
  const out: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<svg xmlns="http://www.w3.org/2000/svg" width="${n(width)}pt" height="${n(height)}pt" viewBox="0 0 ${n(width)} ${n(height)}" font-family="Helvetica, Arial, sans-serif" lang="fr">`,
    `<title>${escapeXml(title)}</title>`,
    `<rect x="0" y="0" width="${n(width)}" height="${n(height)}" fill="#ffffff"/>`,
  ];
  for (const item of items) {
    switch (item.t) {
      case 'rect':
        out.push(
          `<rect x="${n(item.x)}" y="${n(item.y)}" width="${n(item.w)}" height="${n(item.h)}" rx="3" fill="${item.fill}" stroke="${item.stroke}" stroke-width="0.6"/>`,
        );
        break;
      case 'curve': {
        const [x0, y0, c1x, c1y, c2x, c2y, x1, y1] = item.points.map(n);
        out.push(
          `<path d="M${x0} ${y0} C${c1x} ${c1y} ${c2x} ${c2y} ${x1} ${y1}" fill="none" stroke="${item.colour}" stroke-width="0.7"/>`,
        );
        break;
      }
      case 'poly':
        out.push(`<polygon points="${item.points.map(([x, y]) => `${n(x)},${n(y)}`).join(' ')}" fill="${item.colour}"/>`);
        break;
      case 'dot':
        out.push(`<circle cx="${n(item.x)}" cy="${n(item.y)}" r="${n(item.r)}" fill="${item.colour}"/>`);
        break;
      case 'text':
        out.push(
          `<text x="${n(item.x)}" y="${n(item.y + item.size * ASCENDER)}" font-size="${n(item.size)}"${item.bold ? ' font-weight="bold"' : ''} fill="${item.colour}" xml:space="preserve">${escapeXml(item.text)}</text>`,
        );
        break;
    }
  }
  out.push('</svg>');
  return { ok: true, value: `${out.join('\n')}\n` };
}
