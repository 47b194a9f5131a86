// The self-contained build (it carries its own Buffer): no Node global or module, so core stays
// pure and the web bundle, which imports core, loads it too.
import { CsvError, parse } from 'csv-parse/browser/esm/sync';

/**
 * CSV as French people actually have it: exported by a spreadsheet in UTF-8 or Windows-1252,
 * with or without a BOM, or as « Texte Unicode » (UTF-16 with its BOM, usually tab-separated), separated by `;` (French locale), `,` or a tab, with quoted fields that
 * may contain separators, doubled quotes and line breaks. Pure: bytes in, records out.
 */

export type CsvEncoding = 'utf-8' | 'windows-1252' | 'utf-16le' | 'utf-16be';
export type CsvSeparator = ';' | ',' | '\t';

/** One record of the file, with the physical line (1-based) on which it starts. */
export interface CsvRecord {
  readonly line: number;
  readonly fields: readonly string[];
}

/** A structural problem of the file (an unterminated quote…), by physical line. */
export interface CsvIssue {
  readonly line: number;
  readonly code: 'unterminated_quote' | 'text_after_quote' | 'unreadable_encoding';
}

/** Said to a person whose file could not be decoded: which files are accepted. */
export const ACCEPTED_CSV_ENCODINGS =
  'fichier illisible : il n’est pas du texte dans un encodage reconnu. Encodages acceptés : UTF-8 (« CSV UTF-8 »), ' +
  'Windows-1252 (« CSV (séparateur : point-virgule) ») et UTF-16 avec marque d’ordre des octets (« Texte Unicode »). ' +
  'Un classeur (.xlsx, .ods) doit d’abord être enregistré dans l’un de ces formats.';

export interface CsvParsed {
  readonly encoding: CsvEncoding;
  readonly separator: CsvSeparator;
  /** The header row (trimmed), or an empty array for an empty file. */
  readonly header: readonly string[];
  /** The data records, blank lines skipped. */
  readonly records: readonly CsvRecord[];
  readonly issues: readonly CsvIssue[];
}

/** Windows-1252 characters of bytes 0x80–0x9F (the rest is Latin-1); undefined bytes stay as is. */
const CP1252_HIGH =
  '\u20AC\u0081\u201A\u0192\u201E\u2026\u2020\u2021\u02C6\u2030\u0160\u2039\u0152\u008D\u017D\u008F' +
  '\u0090\u2018\u2019\u201C\u201D\u2022\u2013\u2014\u02DC\u2122\u0161\u203A\u0153\u009D\u017E\u0178';

/**
 * Decodes Windows-1252 by hand: some Node builds (without full ICU) decode the label
 * 'windows-1252' as Latin-1, which turns € and ’ into control characters.
 */
export function decodeWindows1252(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 8192) {
    const chunk = bytes.subarray(i, i + 8192);
    out += String.fromCharCode(...chunk);
  }
  return out.replace(/[\u0080-\u009f]/g, (c) => CP1252_HIGH[c.charCodeAt(0) - 0x80] ?? c);
}

/** Decodes UTF-16 by hand, little- or big-endian (Node builds without full ICU lack 'utf-16be'); a lone last byte is dropped. */
function decodeUtf16(bytes: Uint8Array, littleEndian: boolean): string {
  const units = new Uint16Array(bytes.length >> 1);
  for (let i = 0; i < units.length; i++) {
    const a = bytes[2 * i]!;
    const b = bytes[2 * i + 1]!;
    units[i] = littleEndian ? a | (b << 8) : (a << 8) | b;
  }
  let out = '';
  for (let i = 0; i < units.length; i += 8192) out += String.fromCharCode(...units.subarray(i, i + 8192));
  return out;
}

/**
 * Decodes bytes: UTF-16 when they start with its byte-order mark (FF FE little-endian, as a
 * French Excel saves « Texte Unicode »; FE FF big-endian), else UTF-8 when they are valid UTF-8,
 * else Windows-1252; strips a BOM.
 */
export function decodeCsvBytes(bytes: Uint8Array): { text: string; encoding: CsvEncoding } {
  let text: string;
  let encoding: CsvEncoding;
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    text = decodeUtf16(bytes.subarray(2), true);
    encoding = 'utf-16le';
  } else if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    text = decodeUtf16(bytes.subarray(2), false);
    encoding = 'utf-16be';
  } else {
    try {
      text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
      encoding = 'utf-8';
    } catch {
      text = decodeWindows1252(bytes);
      encoding = 'windows-1252';
    }
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return { text, encoding };
}

/**
 * Guesses the separator from the first logical line (outside quotes): the most frequent of
 * `;`, tab and `,`; `;` wins ties, as a French spreadsheet writes it.
 */
export function detectSeparator(text: string): CsvSeparator {
  const counts: Record<CsvSeparator, number> = { ';': 0, ',': 0, '\t': 0 };
  let inQuotes = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') inQuotes = !inQuotes;
    else if (!inQuotes && (c === '\n' || c === '\r')) break;
    else if (!inQuotes && (c === ';' || c === ',' || c === '\t')) counts[c]++;
  }
  let best: CsvSeparator = ';';
  for (const sep of ['\t', ','] as const) if (counts[sep] > counts[best]) best = sep;
  return best;
}

/** Line breaks in a piece of the text, CRLF and CR counted as one (the text is normalised to LF before parsing). */
const breaks = (text: string) => text.split('\n').length - 1;

/**
 * The physical line where a record starts: the parser says the line where it ends; its text
 * (`raw`, which also holds the blank lines skipped before it and its own line end) says how
 * many lines it spans.
 */
function startLine(endLine: number, raw: string): number {
  return endLine - breaks(raw.replace(/^\n+/, '').replace(/\n$/, ''));
}

/**
 * Splits CSV text into records with csv-parse: quoted fields (with `""` for a quote and line
 * breaks inside), CRLF/LF/CR line ends (a line break inside a field becomes LF), spaces around
 * fields trimmed, blank lines skipped; each record with the physical line where it starts.
 * A structural problem stops the reading there and is reported with its line; an
 * unterminated quote keeps the rest of the file as the last field of its record.
 */
export function parseCsvText(text: string, separator: CsvSeparator = detectSeparator(text)): { records: CsvRecord[]; issues: CsvIssue[] } {
  const records: CsvRecord[] = [];
  const issues: CsvIssue[] = [];
  const normalised = text.replace(/\r\n?/g, '\n');
  try {
    parse(normalised, {
      delimiter: separator,
      skip_empty_lines: true,
      relax_column_count: true,
      trim: true,
      info: true,
      raw: true,
      // With `info` and `raw`, each record arrives with the line where it ends and its text.
      on_record: (entry) => {
        const { record, info, raw } = entry as unknown as { record: string[]; info: { lines: number }; raw: string };
        // A line of separators only (";;;;", what a spreadsheet writes for an empty row) is blank.
        if (record.every((f) => f.trim() === '')) return null;
        records.push({ line: startLine(info.lines, raw), fields: record });
        return null;
      },
    });
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    const raw = typeof error.raw === 'string' ? error.raw : '';
    if (error.code === 'CSV_QUOTE_NOT_CLOSED') {
      const line = startLine(Number(error.lines), raw);
      issues.push({ line, code: 'unterminated_quote' });
      // What the old reader kept: the fields before the quote, then the rest of the file as one.
      const body = raw.replace(/^\n+/, '');
      const quote = body.indexOf('"');
      const before = quote > 0 ? body.slice(0, quote).split(separator).slice(0, -1) : [];
      records.push({ line, fields: [...before.map((f) => f.trim()), body.slice(quote + 1)] });
    } else {
      issues.push({ line: Number(error.lines) || 1, code: 'text_after_quote' });
    }
  }
  return { records, issues };
}

/** Reads a CSV file's bytes: encoding, separator, header and records with their line numbers. */
export function readCsv(bytes: Uint8Array): CsvParsed {
  const { text, encoding } = decodeCsvBytes(bytes);
  const separator = detectSeparator(text);
  // A NUL character is never in a spreadsheet's text: the file is binary (a workbook), or UTF-16
  // without its byte-order mark. Nothing of it is read (PostgreSQL would refuse NUL anyway).
  if (text.includes('\u0000')) return { encoding, separator, header: [], records: [], issues: [{ line: 1, code: 'unreadable_encoding' }] };
  const { records, issues } = parseCsvText(text, separator);
  const [first, ...rest] = records;
  return {
    encoding,
    separator,
    header: first ? first.fields.map((h) => h.trim()) : [],
    records: rest,
    issues,
  };
}

const needsQuotes = /[";\r\n,\t]|^\s|\s$/;

/** Quotes one CSV field when needed (doubling its quotes). */
export function csvField(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  const s = String(value);
  return needsQuotes.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

type Cell = string | number | boolean | null | undefined;

/** A plain signed number as people type it ("-12", "+3,5"): a spreadsheet reads it as a number, not a formula. */
const plainNumber = /^[+-]?\d+(?:[.,]\d+)?$/;
/** What a spreadsheet may take as the start of a formula (CSV injection, OWASP). */
const formulaStart = /^[=+\-@\t\r]/;

/**
 * Neutralises a cell that a spreadsheet would run as a formula (`=HYPERLINK(…)`, `@SUM(…)`,
 * `+33 1…`, a leading tab or carriage return) by prefixing an apostrophe, which spreadsheets
 * read as "this is text" and do not show. Numbers, and text that is really a signed number,
 * are kept as they are so that they stay readable and summable.
 */
export function spreadsheetSafe(value: Cell): Cell {
  if (typeof value !== 'string') return value;
  if (!formulaStart.test(value) || plainNumber.test(value)) return value;
  return `'${value}`;
}

/**
 * Writes rows as CSV that a French spreadsheet opens correctly: UTF-8 with a BOM (so accents
 * show), `;` separator (a French Excel splits on it), CRLF line ends, fields quoted as needed,
 * and no cell that the spreadsheet would run as a formula (`spreadsheetSafe`).
 */
export function writeCsv(header: readonly string[], rows: readonly (readonly Cell[])[]): string {
  const lines = [header, ...rows].map((row) => row.map((cell) => csvField(spreadsheetSafe(cell))).join(';'));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
