import { HORIZONS, type Horizon, type PathwayGraph } from './model';

/**
 * "Un plan qui tient en une page": the layout of a whole pathway on ONE page, read right to left
 * (the vision on the right, then the long, medium and short term), every change in a box whose
 * text is wrapped, never cut and never overflowing. The type shrinks within limits until every
 * column fits; past the smallest readable size the layout says it does not fit, so the caller
 * refuses to print rather than print garbage. Text is measured by the caller (the PDF or SVG
 * writer's font metrics), so the rule stays pure.
 */

/** The width of `text` set at `size` points, in points. */
export type Measure = (text: string, size: number) => number;

export interface PlanPage {
  readonly width: number;
  readonly height: number;
  readonly margin: number;
  /** Height taken at the top by the title line and the column headings. */
  readonly header: number;
  /** Height kept at the bottom (the legend, the date). */
  readonly footer: number;
  readonly gap: number;
  readonly padding: number;
  readonly maxSize: number;
  readonly minSize: number;
  readonly lineHeight: number;
}

export interface PlanBox {
  readonly id: string;
  readonly column: Horizon | 'vision';
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  readonly lines: readonly string[];
  /** Extra lines under the text (an indicator's target, a traffic light), set smaller. */
  readonly notes: readonly string[];
}

export type PlanLayout =
  | { readonly fits: true; readonly size: number; readonly noteSize: number; readonly boxes: readonly PlanBox[] }
  | {
      readonly fits: false;
      /** The column that still overflows at the smallest size, and by how many points. */
      readonly column: Horizon | 'vision';
      readonly overflow: number;
    };

export interface PlanInput extends PathwayGraph {
  readonly vision: string;
  /** Per change: short notes under its text (targets, last light). */
  readonly notes?: Readonly<Record<string, readonly string[]>>;
}

export const COLUMNS: readonly (Horizon | 'vision')[] = [...HORIZONS, 'vision'];

/** Words wrapped greedily into lines no wider than `width`; a word wider than a line is broken. */
export function wrap(text: string, width: number, size: number, measure: Measure): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const candidate = line ? `${line} ${word}` : word;
    if (measure(candidate, size) <= width) {
      line = candidate;
      continue;
    }
    if (line) lines.push(line);
    line = '';
    let rest = word;
    while (measure(rest, size) > width) {
      let cut = rest.length - 1;
      while (cut > 1 && measure(`${rest.slice(0, cut)}-`, size) > width) cut--;
      lines.push(`${rest.slice(0, cut)}-`);
      rest = rest.slice(cut);
    }
    line = rest;
  }
  if (line) lines.push(line);
  return lines;
}

/**
 * The order of the changes in each column, so links cross little: the vision's column is fixed,
 * then each column to the left is sorted by the mean position of the changes it leads to
 * (barycentre heuristic); a change leading nowhere goes last.
 */
export function columnOrder(graph: PathwayGraph): Record<Horizon, string[]> {
  const order = {} as Record<Horizon, string[]>;
  const position = new Map<string | null, number>([[null, 0]]);
  for (const horizon of [...HORIZONS].reverse()) {
    const ids = graph.changes.filter((c) => c.horizon === horizon).map((c, i) => ({ id: c.id, i }));
    const keyOf = (id: string): number => {
      const targets = graph.links.filter((l) => l.from === id && position.has(l.to)).map((l) => position.get(l.to) as number);
      return targets.length ? targets.reduce((a, b) => a + b, 0) / targets.length : Number.POSITIVE_INFINITY;
    };
    const sorted = ids.map((x) => ({ ...x, key: keyOf(x.id) })).sort((a, b) => a.key - b.key || a.i - b.i);
    order[horizon] = sorted.map((x) => x.id);
    sorted.forEach((x, i) => {
      position.set(x.id, i);
    });
  }
  return order;
}

export function layoutPlan(input: PlanInput, page: PlanPage, measure: Measure): PlanLayout {
  const columnWidth = (page.width - 2 * page.margin - (COLUMNS.length - 1) * page.gap) / COLUMNS.length;
  const textWidth = columnWidth - 2 * page.padding;
  const available = page.height - 2 * page.margin - page.header - page.footer;
  const order = columnOrder(input);
  const texts = new Map(input.changes.map((c) => [c.id, c.text]));
  const columnIds: Record<Horizon | 'vision', string[]> = { ...order, vision: ['vision'] };
  texts.set('vision', input.vision);
  let worst: { column: Horizon | 'vision'; overflow: number } = { column: 'vision', overflow: 0 };
  for (let size = page.maxSize; size >= page.minSize - 1e-9; size = Math.round((size - 0.5) * 10) / 10) {
    const noteSize = Math.max(page.minSize * 0.85, size * 0.8);
    const boxes: PlanBox[] = [];
    let fits = true;
    for (const [c, column] of COLUMNS.entries()) {
      const x = page.margin + c * (columnWidth + page.gap);
      const measured = columnIds[column].map((id) => {
        const lines = wrap(texts.get(id) ?? '', textWidth, size, measure);
        const notes = (input.notes?.[id] ?? []).flatMap((n) => wrap(n, textWidth, noteSize, measure));
        const height = 2 * page.padding + lines.length * size * page.lineHeight + notes.length * noteSize * page.lineHeight;
        return { id, lines, notes, height };
      });
      const total = measured.reduce((s, m) => s + m.height, 0) + Math.max(0, measured.length - 1) * page.gap;
      if (total > available) {
        fits = false;
        worst = { column, overflow: total - available };
        break;
      }
      // Spread the boxes over the column's height, centred, the vision in the middle.
      const spare = measured.length > 1 ? Math.min(page.gap * 3, (available - total) / (measured.length - 1)) : 0;
      const used = total + spare * Math.max(0, measured.length - 1);
      let y = page.margin + page.header + (available - used) / 2;
      for (const m of measured) {
        boxes.push({ id: m.id, column, x, y, width: columnWidth, height: m.height, lines: m.lines, notes: m.notes });
        y += m.height + page.gap + spare;
      }
    }
    if (fits) return { fits: true, size, noteSize, boxes };
  }
  return { fits: false, ...worst };
}

/** A4 and A3 landscape, in points. */
export const PLAN_PAGES: Readonly<Record<'A4' | 'A3', PlanPage>> = {
  A4: {
    width: 841.89,
    height: 595.28,
    margin: 24,
    header: 48,
    footer: 18,
    gap: 8,
    padding: 5,
    maxSize: 11,
    minSize: 5.5,
    lineHeight: 1.2,
  },
  A3: {
    width: 1190.55,
    height: 841.89,
    margin: 32,
    header: 60,
    footer: 22,
    gap: 10,
    padding: 6,
    maxSize: 14,
    minSize: 6,
    lineHeight: 1.2,
  },
};
