import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { spreadsheetSafe, writeCsv } from './csv';

describe('spreadsheetSafe', () => {
  it('prefixes an apostrophe to cells a spreadsheet would run as a formula', () => {
    for (const cell of ['=1+1', '+33 1 23 45 67 89', '-2+3', '@SUM(A1:A2)', '\tcaché', '\r=1', '=HYPERLINK("http://x","clic")']) {
      expect(spreadsheetSafe(cell)).toBe(`'${cell}`);
    }
  });
  it('keeps numbers and plain signed numbers readable, and ordinary text untouched', () => {
    for (const cell of ['-12', '+3,5', '-0.25', 'Maison des Séniors', 'a=b', '06 00 00 00 00', '', 42, -7, null, true]) {
      expect(spreadsheetSafe(cell)).toBe(cell);
    }
  });
});

describe('writeCsv and formulas', () => {
  it('writes neutralised cells that csv-parse reads back, separators and quotes intact', () => {
    const rows = [
      ['=IMPORTXML("http://x";"//a")', '-5', 'Épicerie "solidaire"; rue du Lac'],
      ['@cmd', -3, 'ligne 1\r\nligne 2'],
    ];
    const csv = writeCsv(['Nom', 'Nombre', 'Adresse'], rows);
    const back = parse(csv, { bom: true, delimiter: ';' }) as string[][];
    expect(back).toEqual([
      ['Nom', 'Nombre', 'Adresse'],
      [`'=IMPORTXML("http://x";"//a")`, '-5', 'Épicerie "solidaire"; rue du Lac'],
      ["'@cmd", '-3', 'ligne 1\r\nligne 2'],
    ]);
  });
});
