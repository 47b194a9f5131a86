import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';

/**
 * The one way maillage writes a PDF (events' badges, programme and feuilles d'émargement, live
 * rooms' paper): A4 documents set in an embedded Unicode font, so that every name prints as it is
 * written. The standard PDF fonts (Helvetica) only hold Windows-1252: "Nguyễn Thị Ánh" printed as
 * "NguyÅn ThË Ánh" and "Çalışkan Derneği" lost letters. Noto Sans (SIL Open Font License, shipped
 * by the `@expo-google-fonts/noto-sans` package, read from node_modules: nothing from outside) holds
 * Latin, Vietnamese, Greek and Cyrillic; pdfkit embeds only the glyphs a document uses.
 */

/** The regular face: use `doc.font(FONT)` where one would have written 'Helvetica'. */
export const FONT = 'maillage-sans';
/** The bold face ('Helvetica-Bold'). */
export const BOLD = 'maillage-sans-bold';
/** The italic face ('Helvetica-Oblique'). */
export const ITALIC = 'maillage-sans-italic';

const faces = {
  [FONT]: '400Regular/NotoSans_400Regular.ttf',
  [BOLD]: '700Bold/NotoSans_700Bold.ttf',
  [ITALIC]: '400Regular_Italic/NotoSans_400Regular_Italic.ttf',
} as const;

const require = createRequire(import.meta.url);
const fontBytes = new Map<string, Buffer>();
/** A face's file, read once per process. */
function fontFile(name: keyof typeof faces): Buffer {
  let bytes = fontBytes.get(name);
  if (!bytes) {
    bytes = readFileSync(require.resolve(`@expo-google-fonts/noto-sans/${faces[name]}`));
    fontBytes.set(name, bytes);
  }
  return bytes;
}

/** What pdfkit keeps of the current face: its fontkit font. */
interface FontkitFont {
  layout(text: string, features?: unknown): unknown;
  hasGlyphForCodePoint?(codePoint: number): boolean;
}
type WithFont = { _font?: { font?: FontkitFont & { maillageLayout?: true } } };

/**
 * Noto Sans's `ccmp` feature draws "ị" as "i" and a combining dot below; pdfkit then maps the
 * glyph of "i" to "ị" in the text layer (or the reverse), so a copied or searched name comes out
 * wrong. Letters are written precomposed (NFC), so the feature is turned off where no other
 * feature is asked for.
 */
function withoutDecomposition(doc: PDFKit.PDFDocument): void {
  const font = (doc as unknown as WithFont)._font?.font;
  if (!font || font.maillageLayout) return;
  const layout = font.layout.bind(font);
  font.layout = (text, features) => layout(text, features ?? { ccmp: false });
  font.maillageLayout = true;
}

/** Registers the faces on a document and sets the regular one. */
export function useFonts(doc: PDFKit.PDFDocument): PDFKit.PDFDocument {
  for (const name of Object.keys(faces) as (keyof typeof faces)[]) doc.registerFont(name, fontFile(name));
  const font = doc.font.bind(doc) as (...args: unknown[]) => PDFKit.PDFDocument;
  doc.font = ((...args: unknown[]) => {
    font(...args);
    withoutDecomposition(doc);
    return doc;
  }) as PDFKit.PDFDocument['font'];
  return doc.font(FONT);
}

/** Whether the font holds a glyph for a code point (pdfkit's fontkit font, read from the document). */
type GlyphCheck = (codePoint: number) => boolean;
let hasGlyph: GlyphCheck | undefined;
function glyphCheck(): GlyphCheck {
  if (!hasGlyph) {
    const probe = useFonts(new PDFDocument({ autoFirstPage: false }));
    // pdfkit keeps the fontkit font of an embedded face as `_font.font`.
    const font = (probe as unknown as WithFont)._font?.font;
    const check = font?.hasGlyphForCodePoint?.bind(font);
    hasGlyph = check ?? ((c: number) => c <= 0xff);
  }
  return hasGlyph;
}

/**
 * Text as the font can print it: a letter the font lacks (an emoji, a script outside Noto Sans)
 * loses its accents when its base letter exists, and becomes "?" otherwise, never an empty box.
 * Tabs become spaces, and line breaks too unless `keepLineBreaks` (a paragraph of several lines).
 */
export function printable(text: string, keepLineBreaks = false): string {
  const has = glyphCheck();
  let out = '';
  for (const ch of text.normalize('NFC')) {
    const code = ch.codePointAt(0) ?? 0;
    if (ch === '\n' && keepLineBreaks) out += ch;
    else if (ch === '\n' || ch === '\t' || ch === '\r') out += ' ';
    else if (code < 0x20) continue;
    else if (has(code)) out += ch;
    else {
      const base = ch.normalize('NFD').replace(/\p{M}/gu, '');
      out += base && [...base].every((c) => has(c.codePointAt(0) ?? 0)) ? base : '?';
    }
  }
  return out;
}

/** A new A4 document in the embedded font, pages buffered (for page numbers). */
export function newDoc(title: string, layout: 'portrait' | 'landscape' = 'portrait', margin = 40): PDFKit.PDFDocument {
  const doc = new PDFDocument({
    size: 'A4',
    layout,
    margin,
    bufferPages: true,
    info: { Title: title, Creator: 'maillage' },
    lang: 'fr-FR',
  } as PDFKit.PDFDocumentOptions);
  return useFonts(doc);
}

/** The document's bytes, once ended. */
export function collect(doc: PDFKit.PDFDocument): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.end();
  });
}

/** "label — page n / N" at the bottom of every page, `fromBottom` points above the edge. */
export function pageNumbers(doc: PDFKit.PDFDocument, label: string, options: { fromBottom?: number; colour?: string } = {}): void {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    // Writing below the bottom margin would make pdfkit open a new page: lift the margin first.
    const margin = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc
      .font(FONT)
      .fontSize(8)
      .fillColor(options.colour ?? '#4a5360')
      .text(`${printable(label)} — page ${i + 1} / ${range.count}`, 40, doc.page.height - (options.fromBottom ?? 22), {
        width: doc.page.width - 80,
        align: 'center',
        lineBreak: false,
      });
    doc.page.margins.bottom = margin;
  }
}

export type QrModules = ReturnType<typeof QRCode.create>['modules'];

/**
 * A QR code as vector squares (one filled path, sharp at any print size, much cheaper than an
 * embedded PNG); a one-module quiet zone stays white. One rectangle per run of dark modules.
 */
export function drawQr(doc: PDFKit.PDFDocument, content: string | QrModules, x: number, y: number, size: number): void {
  const modules = typeof content === 'string' ? QRCode.create(content, { errorCorrectionLevel: 'M' }).modules : content;
  const cell = size / (modules.size + 2);
  doc.save().rect(x, y, size, size).fill('#ffffff');
  for (let row = 0; row < modules.size; row++) {
    for (let col = 0; col < modules.size; col++) {
      if (!modules.get(row, col)) continue;
      let end = col;
      while (end + 1 < modules.size && modules.get(row, end + 1)) end++;
      doc.rect(x + (col + 1) * cell, y + (row + 1) * cell, (end - col + 1) * cell + 0.01, cell + 0.01);
      col = end;
    }
  }
  doc.fill('#000000').restore();
}
