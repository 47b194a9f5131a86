/**
 * A word cloud as a PNG image, to keep or send after the session: the prompt as a title, the
 * words on a white background, the most given biggest, in dark colours readable on white (and
 * when printed in grey). The layout is core's `layoutCloud`, the projector's too (same words, same
 * cloud); drawing uses a canvas in the browser.
 */
import { layoutCloud, type PlacedWord } from '@maillage/core';
import { saveBlob } from '../../shared/download';

export interface CloudInput {
  readonly kind: 'cloud';
  /** The facilitator's results also list the words they hid (`hidden: true`): never drawn. */
  readonly words: readonly { readonly label: string; readonly count: number; readonly hidden?: boolean | undefined }[];
}

export interface CloudImageOptions {
  readonly width?: number;
  readonly height?: number;
}

export const CLOUD_FONT = 'system-ui, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif';

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
  ctx.font = `700 ${titleSize}px ${CLOUD_FONT}`;
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
      ctx.font = `700 ${size}px ${CLOUD_FONT}`;
      return { width: ctx.measureText(label).width, height: size * 1.2 };
    },
  });
  for (const w of placed) {
    ctx.font = `700 ${w.fontSize}px ${CLOUD_FONT}`;
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
  saveBlob(await cloudPng(result, prompt, options), options.fileName ?? cloudFileName(prompt));
}
