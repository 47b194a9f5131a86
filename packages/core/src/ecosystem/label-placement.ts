/** A label that may be drawn: its node's position on screen and the box its text takes. */
export interface LabelCandidate {
  readonly id: string;
  /** The node's centre on screen, in pixels. */
  readonly x: number;
  readonly y: number;
  /** The node's radius on screen: the label starts just right of it. */
  readonly radius: number;
  /** The label's box, in pixels. */
  readonly width: number;
  readonly height: number;
  /** Higher first (an organisation with more relations); ties go to the id, so the choice is stable. */
  readonly priority: number;
  /** Always labelled, before any other (the organisation chosen in the list). */
  readonly forced?: boolean;
}

interface Box {
  readonly x1: number;
  readonly y1: number;
  readonly x2: number;
  readonly y2: number;
}

const overlaps = (a: Box, b: Box) => a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2;

/**
 * Chooses which labels of a map to draw so that no two overlap: greedily, the forced ones first,
 * then by priority, each label kept when its box (right of its node) meets no kept box and lies
 * in the viewport (`bounds`), trying the left of the node when the right side is taken. An
 * isolated organisation, with nothing near it, is always labelled. Returns the labelled ids and
 * the side of their node each label goes.
 * Boxes are bucketed in a grid, so a 2,000-node map is placed in a few milliseconds.
 */
/** How far a label's box runs off the sides of a viewport `width` wide. */
const overflowX = (b: Box, width: number) => Math.max(0, -b.x1) + Math.max(0, b.x2 - width);

export function placeLabels(
  candidates: readonly LabelCandidate[],
  bounds?: { readonly width: number; readonly height: number },
): Map<string, 'right' | 'left'> {
  const order = [...candidates].sort(
    (a, b) => Number(b.forced ?? false) - Number(a.forced ?? false) || b.priority - a.priority || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
  const cell = 64;
  const grid = new Map<string, Box[]>();
  const cellsOf = (b: Box) => {
    const keys: string[] = [];
    for (let i = Math.floor(b.x1 / cell); i <= Math.floor(b.x2 / cell); i++)
      for (let j = Math.floor(b.y1 / cell); j <= Math.floor(b.y2 / cell); j++) keys.push(`${i},${j}`);
    return keys;
  };
  const free = (b: Box) => cellsOf(b).every((k) => !(grid.get(k) ?? []).some((other) => overlaps(b, other)));
  const inside = (b: Box) => !bounds || (b.x1 >= 0 && b.y1 >= 0 && b.x2 <= bounds.width && b.y2 <= bounds.height);
  const chosen = new Map<string, 'right' | 'left'>();
  for (const c of order) {
    const top = c.y - c.height / 2;
    const right: Box = { x1: c.x + c.radius + 2, y1: top, x2: c.x + c.radius + 2 + c.width, y2: top + c.height };
    const left: Box = { x1: c.x - c.radius - 2 - c.width, y1: top, x2: c.x - c.radius - 2, y2: top + c.height };
    // Inside the viewport if a side fits; else, on a narrow screen where neither side fits
    // whole, the side that runs off least (the label clipped at the edge rather than missing).
    const box =
      [right, left].find((b) => (c.forced || inside(b)) && free(b)) ??
      (bounds
        ? [right, left]
            .filter((b) => b.y1 >= 0 && b.y2 <= bounds.height && free(b))
            .sort((a, b) => overflowX(a, bounds.width) - overflowX(b, bounds.width))[0]
        : undefined);
    if (!box) continue;
    chosen.set(c.id, box === right ? 'right' : 'left');
    for (const k of cellsOf(box)) {
      const list = grid.get(k);
      if (list) list.push(box);
      else grid.set(k, [box]);
    }
  }
  return chosen;
}
