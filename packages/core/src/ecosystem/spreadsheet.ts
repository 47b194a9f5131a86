import { writeCsv } from '../shared/csv';

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

/** `writeCsv` for exports that people open in a spreadsheet: every cell neutralised first. */
export function writeSpreadsheetCsv(header: readonly string[], rows: readonly (readonly Cell[])[]): string {
  return writeCsv(
    header.map((h) => spreadsheetSafe(h) as string),
    rows.map((row) => row.map(spreadsheetSafe)),
  );
}
