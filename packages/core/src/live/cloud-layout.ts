/**
 * The layout of a word cloud, shared by the projector (words placed in the page) and the PNG
 * export (words drawn on a canvas): the most given words biggest (area follows the count), from
 * the centre outward, without overlaps, inside the area. Pure and deterministic (no zod, no DOM:
 * phones and projectors load it); the caller measures text (canvas measureText in the browser).
 *
 * Stable as words arrive: given the previous placement, every word whose size did not change
 * stays where it was, and only new (or resized) words look for a free spot.
 */

/** A word's place: its box's top-left corner, size and font size, in the caller's pixels. */
export interface PlacedWord {
  readonly label: string;
  readonly count: number;
  readonly fontSize: number;
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  readonly colour: string;
}

export interface CloudLayoutOptions {
  /** The area the words go in. */
  readonly left: number;
  readonly top: number;
  readonly width: number;
  readonly height: number;
  /** Size of a word's text at a font size, in pixels (the canvas's measureText in the browser). */
  readonly measure: (label: string, fontSize: number) => { width: number; height: number };
  readonly minFont?: number;
  readonly maxFont?: number;
  /** Space kept around each word. */
  readonly gap?: number;
  /** The placement shown before (same area): words of unchanged size keep their place. */
  readonly previous?: readonly PlacedWord[];
}

/**
 * Dark colours with a contrast of at least 7:1 on white (WCAG AAA for text), distinct in hue
 * so that neighbouring words stand apart; in grey they all print dark.
 */
export const cloudColours: readonly string[] = ['#0b4a8b', '#8a0019', '#0b5e2e', '#5b2a86', '#8a3600', '#005a5e', '#7d1850', '#1b1f24'];

/** A word's colour follows its spelling, not its rank: it keeps it as other words arrive. */
export function cloudColour(label: string): string {
  let h = 0;
  for (let i = 0; i < label.length; i++) h = (h * 31 + label.charCodeAt(i)) >>> 0;
  return cloudColours[h % cloudColours.length] as string;
}

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

const overlaps = (a: Box, b: Box, gap: number) =>
  a.x < b.x + b.width + gap && b.x < a.x + a.width + gap && a.y < b.y + b.height + gap && b.y < a.y + a.height + gap;

type Area = Required<Omit<CloudLayoutOptions, 'previous'>>;

const inside = (box: Box, o: Area) =>
  box.x >= o.left && box.y >= o.top && box.x + box.width <= o.left + o.width && box.y + box.height <= o.top + o.height;

/** Font size of a word: proportional to the square root of its count (areas follow counts), between min and max. */
function fontFor(count: number, most: number, least: number, min: number, max: number): number {
  if (most === least) return max;
  const t = (Math.sqrt(count) - Math.sqrt(least)) / (Math.sqrt(most) - Math.sqrt(least));
  return Math.round(min + t * (max - min));
}

/** Tries a box along an Archimedean spiral from the centre; null when no free spot fits. */
function spiralSpot(size: { width: number; height: number }, placed: readonly Box[], o: Area): Box | null {
  const cx = o.left + o.width / 2;
  const cy = o.top + o.height / 2;
  // The area is wider than tall: stretch the spiral so that words fill it evenly.
  const stretch = o.width / o.height;
  const maxRadius = Math.hypot(o.width, o.height) / 2;
  for (let angle = 0, step = 0; step < 6000; step++, angle += 0.1) {
    const r = 2.2 * angle;
    if (r > maxRadius * 1.2) break;
    const box = {
      x: cx + r * Math.cos(angle) * stretch ** 0.5 - size.width / 2,
      y: cy + (r * Math.sin(angle)) / stretch ** 0.5 - size.height / 2,
      width: size.width,
      height: size.height,
    };
    if (!inside(box, o)) continue;
    if (!placed.some((p) => overlaps(p, box, o.gap))) return box;
  }
  return null;
}

/**
 * Places the words, most given first, from the centre outward, without overlaps and inside the
 * area. A word that finds no room is tried smaller, down to the minimum size; if some still do
 * not fit, every size shrinks and the layout starts over (a few times), then the least given are
 * left out. Deterministic. With `previous`, a word of unchanged size keeps its former box.
 */
export function layoutCloud(
  words: readonly { label: string; count: number; hidden?: boolean | undefined }[],
  options: CloudLayoutOptions,
): { placed: PlacedWord[]; left: string[] } {
  const { previous = [], ...rest } = options;
  const o: Area = { minFont: 16, maxFont: 110, gap: 6, ...rest };
  const sorted = [...words]
    .filter((w) => w.count > 0 && !w.hidden && w.label.trim())
    .sort((a, b) => b.count - a.count || a.label.localeCompare(b.label, 'fr'));
  if (sorted.length === 0) return { placed: [], left: [] };
  const most = sorted[0]?.count ?? 1;
  const least = sorted.at(-1)?.count ?? 1;
  const before = new Map(previous.map((p) => [p.label, p]));
  let best: { placed: PlacedWord[]; left: string[] } = { placed: [], left: sorted.map((w) => w.label) };
  for (let scale = 1, attempt = 0; attempt < 6; attempt++, scale *= 0.82) {
    const sizes = new Map<string, number>();
    // A word shrunk to find room caps the words after it: one given less never looks bigger.
    let cap = Number.POSITIVE_INFINITY;
    for (const w of sorted) {
      const size = Math.min(cap, Math.max(o.minFont, Math.round(fontFor(w.count, most, least, o.minFont, o.maxFont) * scale)));
      sizes.set(w.label, size);
      cap = size;
    }
    const placed: PlacedWord[] = [];
    const left: string[] = [];
    // First the words that keep their former place (same size, still inside, nothing on them).
    const kept = new Set<string>();
    for (const w of sorted) {
      const old = before.get(w.label);
      if (!old || old.fontSize !== sizes.get(w.label) || !inside(old, o) || placed.some((p) => overlaps(p, old, o.gap))) continue;
      placed.push({ ...old, count: w.count });
      kept.add(w.label);
    }
    cap = Number.POSITIVE_INFINITY;
    for (const w of sorted) {
      if (kept.has(w.label)) {
        cap = Math.min(cap, sizes.get(w.label) as number);
        continue;
      }
      let size = Math.min(cap, sizes.get(w.label) as number);
      let spot: Box | null = null;
      for (;;) {
        const m = o.measure(w.label, size);
        spot = spiralSpot({ width: Math.ceil(m.width), height: Math.ceil(m.height) }, placed, o);
        if (spot || size <= o.minFont) break;
        size = Math.max(o.minFont, Math.floor(size * 0.85));
      }
      if (spot) {
        placed.push({ label: w.label, count: w.count, fontSize: size, ...spot, colour: cloudColour(w.label) });
        cap = Math.min(cap, size);
      } else left.push(w.label);
    }
    // Most given first, as the words were ranked.
    const rank = new Map(sorted.map((w, i) => [w.label, i]));
    placed.sort((a, b) => (rank.get(a.label) ?? 0) - (rank.get(b.label) ?? 0));
    if (left.length < best.left.length || attempt === 0) best = { placed, left };
    if (left.length === 0) break;
  }
  return best;
}
