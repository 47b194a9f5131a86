import { graphlib, layout } from '@dagrejs/dagre';
import type { Horizon } from '@maillage/core';

/**
 * Lays a pathway out in fixed columns, as seed 003 draws it: short term on the left, then medium
 * and long term, the vision on the right. dagre places the boxes inside their columns (crossings
 * reduced, links routed); the column of each box is not dagre's choice but its horizon: a custom
 * ranker gives each change the rank of its horizon, plus its depth among the links that stay in
 * the same horizon (a change may feed another of its own horizon), so a link always runs left to
 * right. Loaded only by the editor's graph view (dagre is a chunk of its own).
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
const BOX_WIDTH = 200;
const VISION_WIDTH = 220;
const CHARS_PER_LINE = 28;
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

/** The depth of each change among the links inside its own horizon (longest path; the server refuses cycles). */
function depthsWithinHorizons(input: LayoutInput): Map<string, number> {
  const horizonOf = new Map(input.changes.map((c) => [c.id, c.horizon]));
  const preds = new Map<string, string[]>();
  for (const l of input.links) {
    if (l.to && horizonOf.get(l.to) !== undefined && horizonOf.get(l.to) === horizonOf.get(l.from)) {
      preds.set(l.to, [...(preds.get(l.to) ?? []), l.from]);
    }
  }
  const depth = new Map<string, number>();
  const visiting = new Set<string>();
  const visit = (id: string): number => {
    const known = depth.get(id);
    if (known !== undefined) return known;
    if (visiting.has(id)) return 0; // a cycle cannot come from the server; stay finite anyway
    visiting.add(id);
    let d = 0;
    for (const p of preds.get(id) ?? []) d = Math.max(d, visit(p) + 1);
    visiting.delete(id);
    depth.set(id, d);
    return d;
  };
  for (const c of input.changes) visit(c.id);
  return depth;
}

/** Places every change and link of a pathway; pure apart from dagre, the same in the page and the bench. */
export function layoutPathway(input: LayoutInput): PathwayLayout {
  const depth = depthsWithinHorizons(input);
  const width: Record<Horizon, number> = { court: 1, moyen: 1, long: 1 };
  for (const c of input.changes) width[c.horizon] = Math.max(width[c.horizon], (depth.get(c.id) ?? 0) + 1);
  const base: Record<Horizon, number> = { court: 0, moyen: width.court, long: width.court + width.moyen };
  const visionRank = base.long + width.long;

  const rankOf = new Map<string, number>();
  const g = new graphlib.Graph({ multigraph: true });
  g.setGraph({ rankdir: 'LR', nodesep: 18, ranksep: 56, marginx: 8, marginy: 8 });
  g.setDefaultEdgeLabel(() => ({}));
  const lines = new Map<string, string[]>();
  const visionLines = wrap(input.visionText || '—', 30);
  lines.set(VISION_ID, visionLines);
  g.setNode(VISION_ID, { width: VISION_WIDTH, height: visionLines.length * LINE_HEIGHT + 2 * PADDING + LINE_HEIGHT });
  rankOf.set(VISION_ID, visionRank);
  for (const c of input.changes) {
    const l = wrap(c.text);
    lines.set(c.id, l);
    g.setNode(c.id, { width: BOX_WIDTH, height: (l.length + (c.notes?.length ?? 0)) * LINE_HEIGHT + 2 * PADDING });
    rankOf.set(c.id, base[c.horizon] + (depth.get(c.id) ?? 0));
  }
  for (const l of input.links) {
    const to = l.to ?? VISION_ID;
    if (!g.hasNode(l.from) || !g.hasNode(to)) continue;
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
  for (const l of input.links) {
    const to = l.to ?? VISION_ID;
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
