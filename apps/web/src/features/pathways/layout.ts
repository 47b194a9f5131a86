import { graphlib, layout } from '@dagrejs/dagre';
import type { Horizon } from '@maillage/core';

/**
 * Lays a pathway out in fixed columns, as seed 003 draws it: short term on the left, then medium
 * and long term, the vision on the right. dagre places the boxes inside their columns (crossings
 * reduced, links routed); the column of each box is not dagre's choice but its horizon: a custom
 * ranker gives each change the rank of its horizon, so every link dagre routes runs left to right.
 * A link between two changes of the same horizon (allowed: a change may feed another of its own
 * horizon) stays out of dagre and is drawn as an arc beside the column, which keeps the columns
 * strict and dagre's work small (a 60-change pathway has few dummy nodes to order). Loaded only by
 * the editor's graph view (dagre is a chunk of its own).
 */

export interface LayoutInput {
  /** `notes`: short lines set under the text (a traffic light, "not linked to the vision"). */
  readonly changes: readonly { id: string; horizon: Horizon; text: string; notes?: readonly string[] }[];
  readonly links: readonly { id: string; from: string; to: string | null }[];
  readonly visionText: string;
}

export interface PlacedBox {
  readonly id: string;
  /** null: the vision. */
  readonly horizon: Horizon | null;
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  /** The text cut into lines that fit the box. */
  readonly lines: string[];
  readonly notes: readonly string[];
}

export interface PlacedLink {
  readonly id: string;
  readonly from: string;
  readonly to: string | null;
  readonly points: { x: number; y: number }[];
}

export interface PathwayLayout {
  readonly width: number;
  readonly height: number;
  readonly boxes: PlacedBox[];
  readonly links: PlacedLink[];
  /** The horizontal band of each column, for its heading. */
  readonly columns: { horizon: Horizon | 'vision'; x0: number; x1: number }[];
}

export const VISION_ID = '__vision';
export const LINE_HEIGHT = 17;
export const PADDING = 10;
const ORDER: readonly Horizon[] = ['court', 'moyen', 'long'];
const BOX_WIDTH = 214;
const VISION_WIDTH = 220;
const CHARS_PER_LINE = 27;
const MAX_LINES = 8;

/** Cuts a text into lines of at most `max` characters, on spaces when it can, and at most MAX_LINES lines. */
export function wrap(text: string, max = CHARS_PER_LINE): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    let w = word;
    while (w.length > max) {
      if (line) {
        lines.push(line);
        line = '';
      }
      lines.push(w.slice(0, max));
      w = w.slice(max);
    }
    if (!line) line = w;
    else if (line.length + 1 + w.length <= max) line = `${line} ${w}`;
    else {
      lines.push(line);
      line = w;
    }
  }
  if (line) lines.push(line);
  if (lines.length > MAX_LINES) {
    const kept = lines.slice(0, MAX_LINES);
    kept[MAX_LINES - 1] = `${(kept[MAX_LINES - 1] as string).slice(0, max - 1)}…`;
    return kept;
  }
  return lines.length ? lines : [''];
}

const RANK: Readonly<Record<Horizon, number>> = { court: 0, moyen: 1, long: 2 };
const VISION_RANK = 3;

/** A link between two boxes of the same column: an arc on their right side, bulging into the gap (points of a cubic curve). */
function arc(from: PlacedBox, to: PlacedBox): { x: number; y: number }[] {
  const x = from.x + from.width;
  const y0 = from.y + from.height / 2;
  const y1 = to.y + to.height / 2;
  const bulge = Math.min(40, 12 + Math.abs(y1 - y0) / 6);
  const points: { x: number; y: number }[] = [];
  for (let i = 0; i <= 12; i++) {
    const t = i / 12;
    const u = 1 - t;
    // A cubic Bézier curve with its control points at (x + bulge, y0) and (x + bulge, y1).
    const inner = 3 * u * t * (u + t);
    points.push({
      x: (u * u * u + t * t * t) * x + inner * (x + bulge),
      y: (u * u * u + 3 * u * u * t) * y0 + (3 * u * t * t + t * t * t) * y1,
    });
  }
  return points;
}

/** Places every change and link of a pathway; pure apart from dagre, the same in the page and the bench. */
export function layoutPathway(input: LayoutInput): PathwayLayout {
  const rankOf = new Map<string, number>();
  const g = new graphlib.Graph({ multigraph: true });
  g.setGraph({ rankdir: 'LR', nodesep: 18, ranksep: 56, marginx: 8, marginy: 8 });
  g.setDefaultEdgeLabel(() => ({}));
  const lines = new Map<string, string[]>();
  const visionLines = wrap(input.visionText || '—', 28);
  lines.set(VISION_ID, visionLines);
  g.setNode(VISION_ID, { width: VISION_WIDTH, height: visionLines.length * LINE_HEIGHT + 2 * PADDING + LINE_HEIGHT });
  rankOf.set(VISION_ID, VISION_RANK);
  for (const c of input.changes) {
    const l = wrap(c.text);
    lines.set(c.id, l);
    g.setNode(c.id, { width: BOX_WIDTH, height: (l.length + (c.notes?.length ?? 0)) * LINE_HEIGHT + 2 * PADDING });
    rankOf.set(c.id, RANK[c.horizon]);
  }
  // A link inside a column is not dagre's (its ranks are the columns): it is drawn as an arc after.
  const sameColumn = (l: LayoutInput['links'][number]) => l.to !== null && rankOf.get(l.to) === rankOf.get(l.from);
  for (const l of input.links) {
    const to = l.to ?? VISION_ID;
    if (!g.hasNode(l.from) || !g.hasNode(to) || sameColumn(l)) continue;
    g.setEdge(l.from, to, { minlen: 1, weight: 1 }, l.id);
  }
  // The columns are fixed: the ranker gives each node its column's rank instead of computing one.
  // dagre doubles every edge's length to make room for labels (so ranks are counted in halves) and
  // adds a root of its own before ranking, which goes before every column.
  const ranker = (graph: { nodes(): string[]; node(v: string): { rank?: number } }) => {
    for (const v of graph.nodes()) graph.node(v).rank = 2 * (rankOf.get(v) ?? -1);
  };
  (g.graph() as { ranker?: unknown }).ranker = ranker;
  layout(g);

  const boxes: PlacedBox[] = [];
  const horizonOf = new Map(input.changes.map((c) => [c.id, c.horizon]));
  const notesOf = new Map(input.changes.map((c) => [c.id, c.notes ?? []]));
  for (const id of [...input.changes.map((c) => c.id), VISION_ID]) {
    const n = g.node(id) as { x: number; y: number; width: number; height: number };
    boxes.push({
      id,
      horizon: horizonOf.get(id) ?? null,
      x: n.x - n.width / 2,
      y: n.y - n.height / 2,
      width: n.width,
      height: n.height,
      lines: lines.get(id) ?? [],
      notes: notesOf.get(id) ?? [],
    });
  }
  const links: PlacedLink[] = [];
  const boxOf = new Map(boxes.map((b) => [b.id, b]));
  for (const l of input.links) {
    const to = l.to ?? VISION_ID;
    if (sameColumn(l)) {
      const a = boxOf.get(l.from);
      const b = boxOf.get(to);
      if (a && b) links.push({ id: l.id, from: l.from, to: l.to, points: arc(a, b) });
      continue;
    }
    const e = g.edge(l.from, to, l.id) as { points?: { x: number; y: number }[] } | undefined;
    if (e?.points) links.push({ id: l.id, from: l.from, to: l.to, points: e.points });
  }
  const graph = g.graph() as { width?: number; height?: number };
  // Column bands from the boxes; an empty column keeps its place between its neighbours.
  const columns: PathwayLayout['columns'] = [];
  const bandOf = (ids: string[]) => {
    const xs = boxes.filter((b) => ids.includes(b.id));
    return xs.length ? { x0: Math.min(...xs.map((b) => b.x)), x1: Math.max(...xs.map((b) => b.x + b.width)) } : null;
  };
  for (const h of ORDER)
    columns.push({ horizon: h, ...(bandOf(input.changes.filter((c) => c.horizon === h).map((c) => c.id)) ?? { x0: NaN, x1: NaN }) });
  columns.push({ horizon: 'vision', ...(bandOf([VISION_ID]) as { x0: number; x1: number }) });
  for (let i = 0; i < columns.length; i++) {
    const c = columns[i] as { horizon: Horizon | 'vision'; x0: number; x1: number };
    if (Number.isNaN(c.x0)) {
      const prev = columns
        .slice(0, i)
        .reverse()
        .find((x) => !Number.isNaN(x.x1));
      const next = columns.slice(i + 1).find((x) => !Number.isNaN(x.x0));
      const left = prev ? prev.x1 + 8 : 8;
      const right = next ? next.x0 - 8 : left + BOX_WIDTH;
      columns[i] = { horizon: c.horizon, x0: left, x1: Math.max(left + 40, right) };
    }
  }
  return { width: graph.width ?? 0, height: graph.height ?? 0, boxes, links, columns };
}
