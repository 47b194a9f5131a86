/**
 * A word cloud as a PNG image, to keep or send after the session: the prompt as a title, the
 * words on a white background, the most given biggest, in dark colours readable on white (and
 * when printed in grey). The layout is pure and deterministic (same words, same image); drawing
 * uses a canvas in the browser.
 */

export interface CloudInput {
  readonly kind: 'cloud';
  /** The facilitator's results also list the words they hid (`hidden: true`): never drawn. */
  readonly words: readonly { readonly label: string; readonly count: number; readonly hidden?: boolean | undefined }[];
}

/** A word's place: its box's top-left corner, size and font size, in canvas pixels. */
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
  /** The area the words go in (below the title). */
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
}

/**
 * Dark colours with a contrast of at least 7:1 on white (WCAG AAA for text), distinct in hue
 * so that neighbouring words stand apart; in grey they all print dark.
 */
export const cloudColours: readonly string[] = ['#0b4a8b', '#8a0019', '#0b5e2e', '#5b2a86', '#8a3600', '#005a5e', '#7d1850', '#1b1f24'];

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

const overlaps = (a: Box, b: Box, gap: number) =>
  a.x < b.x + b.width + gap && b.x < a.x + a.width + gap && a.y < b.y + b.height + gap && b.y < a.y + a.height + gap;

/** Font size of a word: proportional to the square root of its count (areas follow counts), between min and max. */
function fontFor(count: number, most: number, least: number, min: number, max: number): number {
  if (most === least) return max;
  const t = (Math.sqrt(count) - Math.sqrt(least)) / (Math.sqrt(most) - Math.sqrt(least));
  return Math.round(min + t * (max - min));
}

/** Tries a box along an Archimedean spiral from the centre; null when no free spot fits. */
function spiralSpot(size: { width: number; height: number }, placed: readonly Box[], o: Required<CloudLayoutOptions>): Box | null {
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
    if (box.x < o.left || box.y < o.top || box.x + box.width > o.left + o.width || box.y + box.height > o.top + o.height) continue;
    if (!placed.some((p) => overlaps(p, box, o.gap))) return box;
  }
  return null;
}

/**
 * Places the words, most given first, from the centre outward, without overlaps and inside the
 * area. A word that finds no room is tried smaller, down to the minimum size; if some still do
 * not fit, every size shrinks and the layout starts over (a few times), then the least given are
 * left out. Deterministic.
 */
export function layoutCloud(
  words: readonly { label: string; count: number; hidden?: boolean | undefined }[],
  options: CloudLayoutOptions,
): { placed: PlacedWord[]; left: string[] } {
  const o: Required<CloudLayoutOptions> = { minFont: 16, maxFont: 110, gap: 6, ...options };
  const sorted = [...words]
    .filter((w) => w.count > 0 && !w.hidden && w.label.trim())
    .sort((a, b) => b.count - a.count || a.label.localeCompare(b.label, 'fr'));
  if (sorted.length === 0) return { placed: [], left: [] };
  const most = sorted[0]?.count ?? 1;
  const least = sorted.at(-1)?.count ?? 1;
  let best: { placed: PlacedWord[]; left: string[] } = { placed: [], left: sorted.map((w) => w.label) };
  for (let scale = 1, attempt = 0; attempt < 6; attempt++, scale *= 0.82) {
    const placed: PlacedWord[] = [];
    const left: string[] = [];
    // A word shrunk to find room caps the words after it: one given less never looks bigger.
    let cap = Number.POSITIVE_INFINITY;
    sorted.forEach((w, i) => {
      let size = Math.min(cap, Math.max(o.minFont, Math.round(fontFor(w.count, most, least, o.minFont, o.maxFont) * scale)));
      for (;;) {
        const m = o.measure(w.label, size);
        const spot = spiralSpot({ width: Math.ceil(m.width), height: Math.ceil(m.height) }, placed, o);
        if (spot) {
          placed.push({ label: w.label, count: w.count, fontSize: size, ...spot, colour: cloudColours[i % cloudColours.length] as string });
          cap = Math.min(cap, size);
          return;
        }
        if (size <= o.minFont) break;
        size = Math.max(o.minFont, Math.floor(size * 0.85));
      }
      left.push(w.label);
    });
    if (left.length < best.left.length || attempt === 0) best = { placed, left };
    if (left.length === 0) break;
  }
  return best;
}

export interface CloudImageOptions {
  readonly width?: number;
  readonly height?: number;
}

const FONT = 'system-ui, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif';

/** Splits a title into at most `lines` lines that fit `width` (the last one cut with "…"). */
function wrapTitle(ctx: CanvasRenderingContext2D, text: string, width: number, lines: number): string[] {
  const out: string[] = [];
  let current = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const next = current ? `${current} ${word}` : word;
    if (ctx.measureText(next).width <= width || !current) current = next;
    else {
      out.push(current);
      current = word;
    }
  }
  if (current) out.push(current);
  if (out.length <= lines) return out;
  const kept = out.slice(0, lines);
  let last = `${kept[lines - 1]} ${out.slice(lines).join(' ')}`;
  while (last.length > 1 && ctx.measureText(`${last}…`).width > width) last = last.slice(0, -1);
  kept[lines - 1] = `${last.trimEnd()}…`;
  return kept;
}

/**
 * Draws the cloud on a canvas: white background, the prompt as a title, the words laid out by
 * `layoutCloud`. The canvas is resized to the image's size.
 */
export function drawCloud(canvas: HTMLCanvasElement, result: CloudInput, prompt: string, options: CloudImageOptions = {}): PlacedWord[] {
  const width = options.width ?? 1600;
  const height = options.height ?? 1000;
  canvas.width = width;
  canvas.height = height;
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('canvas 2d unavailable');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, width, height);
  const margin = Math.round(width * 0.04);
  const titleSize = Math.round(width / 36);
  ctx.font = `700 ${titleSize}px ${FONT}`;
  ctx.fillStyle = '#1b1f24';
  ctx.textBaseline = 'top';
  const title = wrapTitle(ctx, prompt, width - 2 * margin, 2);
  for (const [i, line] of title.entries()) ctx.fillText(line, margin, margin + i * titleSize * 1.25);
  const top = margin + title.length * titleSize * 1.25 + titleSize * 0.8;
  const { placed } = layoutCloud(result.words, {
    left: margin,
    top,
    width: width - 2 * margin,
    height: height - top - margin,
    maxFont: Math.round(height / 8),
    minFont: Math.round(height / 55),
    measure: (label, size) => {
      ctx.font = `700 ${size}px ${FONT}`;
      return { width: ctx.measureText(label).width, height: size * 1.2 };
    },
  });
  for (const w of placed) {
    ctx.font = `700 ${w.fontSize}px ${FONT}`;
    ctx.fillStyle = w.colour;
    // The box is 1.2 em tall: the text sits 0.1 em below its top.
    ctx.fillText(w.label, w.x, w.y + w.fontSize * 0.1);
  }
  return placed;
}

/** The cloud as a PNG image. */
export function cloudPng(result: CloudInput, prompt: string, options: CloudImageOptions = {}): Promise<Blob> {
  const canvas = document.createElement('canvas');
  drawCloud(canvas, result, prompt, options);
  return new Promise((resolve, reject) =>
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('PNG encoding failed'))), 'image/png'),
  );
}

/** A file name from the prompt: "nuage-ce-qui-rend-la-cooperation-possible.png". */
export function cloudFileName(prompt: string): string {
  const slug = prompt
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return `nuage${slug ? `-${slug}` : ''}.png`;
}

/** Draws the cloud and saves it as a PNG file (the browser's download). */
export async function downloadCloudPng(
  result: CloudInput,
  prompt: string,
  options: CloudImageOptions & { fileName?: string } = {},
): Promise<void> {
  const blob = await cloudPng(result, prompt, options);
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = options.fileName ?? cloudFileName(prompt);
  document.body.append(a);
  a.click();
  a.remove();
  // Some browsers read the URL after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
