/**
 * Charts exported as PNG: the server draws each chart as SVG; the browser rasterises it on a
 * canvas (no library, no external asset). The pure parts (file name, pixel size) are tested.
 */

/** The largest side of an exported PNG, in pixels: big enough for a slide, small enough for a phone's memory. */
export const pngMaxSide = 4096;

/**
 * The PNG's file name from the chart's (`indicateur-familles.svg`, a URL, or a title): lower case,
 * accents dropped, anything else than letters and digits made a dash, `.png` at the end.
 */
export function pngFileName(name: string): string {
  const base = (name.split('?')[0] ?? '').split('/').pop() ?? '';
  const stem =
    base
      .replace(/\.svg$/i, '')
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 80) || 'graphique';
  return `${stem}.png`;
}

/**
 * The SVG's own size: its `width` and `height` attributes when they are plain numbers (or pixels),
 * else its `viewBox`; null when it says neither.
 */
export function svgSize(svg: string): { width: number; height: number } | null {
  const tag = /<svg\b[^>]*>/i.exec(svg)?.[0];
  if (!tag) return null;
  const attr = (name: string) => new RegExp(`\\s${name}\\s*=\\s*["']([^"']*)["']`, 'i').exec(tag)?.[1];
  const px = (v: string | undefined) => (v && /^\s*\d+(\.\d+)?\s*(px)?\s*$/.test(v) ? Number.parseFloat(v) : null);
  const width = px(attr('width'));
  const height = px(attr('height'));
  if (width && height) return { width, height };
  const box = attr('viewBox')
    ?.trim()
    .split(/[\s,]+/)
    .map(Number);
  if (box && box.length === 4 && box[2] && box[3] && box[2] > 0 && box[3] > 0) return { width: box[2], height: box[3] };
  return null;
}

/**
 * The PNG's pixel size: the SVG's size times `scale` (2 for sharp text on a slide), rounded, and
 * shrunk in proportion so that no side passes `pngMaxSide`.
 */
export function pngSize(size: { width: number; height: number } | null, scale = 2): { width: number; height: number } {
  const base = size ?? { width: 800, height: 450 };
  const factor = Math.min(scale, pngMaxSide / base.width, pngMaxSide / base.height);
  return { width: Math.max(1, Math.round(base.width * factor)), height: Math.max(1, Math.round(base.height * factor)) };
}

/** Draws an SVG (as the server sent it) on a canvas and answers the PNG. Browser only. */
export async function svgToPng(svg: Blob, scale = 2): Promise<Blob> {
  const text = await svg.text();
  const { width, height } = pngSize(svgSize(text), scale);
  const url = URL.createObjectURL(new Blob([text], { type: 'image/svg+xml' }));
  try {
    const image = new Image(width, height);
    await new Promise<void>((resolve, reject) => {
      image.onload = () => resolve();
      image.onerror = () => reject(new Error('svg'));
      image.src = url;
    });
    const canvas = document.createElement('canvas');
    canvas.width = width;
    canvas.height = height;
    const context = canvas.getContext('2d');
    if (!context) throw new Error('canvas');
    context.fillStyle = '#ffffff';
    context.fillRect(0, 0, width, height);
    context.drawImage(image, 0, 0, width, height);
    return await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('png'))), 'image/png'),
    );
  } finally {
    URL.revokeObjectURL(url);
  }
}
