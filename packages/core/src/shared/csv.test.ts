import { describe, expect, it } from 'vitest';
import { ACCEPTED_CSV_ENCODINGS, csvField, decodeCsvBytes, detectSeparator, parseCsvText, readCsv, writeCsv } from './csv';

const utf8 = (s: string) => new TextEncoder().encode(s);
/** Encodes Latin-1-range text the way Windows-1252 does for these characters. */
const cp1252 = (s: string) => Uint8Array.from([...s].map((c) => c.charCodeAt(0)));

describe('readCsv', () => {
  it('reads UTF-8 with a BOM, semicolons and French accents', () => {
    const parsed = readCsv(utf8('\uFEFFNom;Commune\r\nCentre social Les Érables;Évry\r\n'));
    expect(parsed.encoding).toBe('utf-8');
    expect(parsed.separator).toBe(';');
    expect(parsed.header).toEqual(['Nom', 'Commune']);
    expect(parsed.records).toEqual([{ line: 2, fields: ['Centre social Les Érables', 'Évry'] }]);
  });

  it('falls back to Windows-1252 when the bytes are not UTF-8', () => {
    const parsed = readCsv(cp1252('Nom;Thème\nAssociation Élan;santé\n'));
    expect(parsed.encoding).toBe('windows-1252');
    expect(parsed.header).toEqual(['Nom', 'Thème']);
    expect(parsed.records[0]?.fields).toEqual(['Association Élan', 'santé']);
  });

  it('decodes the Windows-1252 specific range (euro sign, curly apostrophe)', () => {
    const bytes = Uint8Array.from([0x80, 0x20, 0x92]);
    expect(decodeCsvBytes(bytes)).toEqual({ text: '€ ’', encoding: 'windows-1252' });
  });

  it('detects commas and tabs, semicolon wins ties', () => {
    expect(detectSeparator('a,b,c\n1;2')).toBe(',');
    expect(detectSeparator('a\tb\tc')).toBe('\t');
    expect(detectSeparator('a;b,c')).toBe(';');
    expect(detectSeparator('"x;y;z",b,c\n')).toBe(',');
  });

  it('handles quoted fields with separators, doubled quotes and line breaks, keeping physical lines', () => {
    const text = 'nom,description\n"Asso ""La Ruche""","ligne 1\r\nligne 2; encore"\n\nMaison, "simple"\n';
    const { records, issues } = parseCsvText(text, ',');
    expect(issues).toEqual([]);
    expect(records).toEqual([
      { line: 1, fields: ['nom', 'description'] },
      { line: 2, fields: ['Asso "La Ruche"', 'ligne 1\nligne 2; encore'] },
      { line: 5, fields: ['Maison', 'simple'] },
    ]);
  });

  it('reports an unterminated quote at the line where the record starts', () => {
    const { records, issues } = parseCsvText('a;b\n1;"oops\n2;3\n', ';');
    expect(issues).toEqual([{ line: 2, code: 'unterminated_quote' }]);
    expect(records[1]?.line).toBe(2);
  });

  it('stops at text after a closing quote and reports its line, keeping the records before it', () => {
    const { records, issues } = parseCsvText('a;b\n1;2\n"x"y;3\n4;5\n', ';');
    expect(issues).toEqual([{ line: 3, code: 'text_after_quote' }]);
    expect(records.map((r) => r.line)).toEqual([1, 2]);
  });

  it('counts a CRLF or a lone CR as one line end, inside and between records', () => {
    const { records } = parseCsvText('a;b\r1;"x\r\ny"\r\n\r\n2;3', ';');
    expect(records).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['1', 'x\ny'] },
      { line: 5, fields: ['2', '3'] },
    ]);
  });

  it('keeps a last line without line end and empty trailing fields', () => {
    const { records } = parseCsvText('a;b;c\n1;;', ';');
    expect(records[1]).toEqual({ line: 2, fields: ['1', '', ''] });
  });

  it('reads « Texte Unicode » from a French spreadsheet: UTF-16 LE with its BOM, tab-separated', () => {
    const text = 'Nom\tType\tCommune\r\nÉpicerie « L’Étoile »\tAssociation\tÉvry-Courcouronnes\r\n';
    const bytes = Uint8Array.from(Buffer.from(`\uFEFF${text}`, 'utf16le'));
    expect([bytes[0], bytes[1]]).toEqual([0xff, 0xfe]);
    const parsed = readCsv(bytes);
    expect(parsed.encoding).toBe('utf-16le');
    expect(parsed.separator).toBe('\t');
    expect(parsed.header).toEqual(['Nom', 'Type', 'Commune']);
    expect(parsed.records).toEqual([{ line: 2, fields: ['Épicerie « L’Étoile »', 'Association', 'Évry-Courcouronnes'] }]);
    expect(parsed.issues).toEqual([]);
  });

  it('reads UTF-16 BE with its BOM, characters outside the BMP included', () => {
    const le = Buffer.from('\uFEFFNom;Thème\nÉlan 🌱;santé\n', 'utf16le');
    const be = Uint8Array.from(le.swap16());
    const parsed = readCsv(be);
    expect(parsed.encoding).toBe('utf-16be');
    expect(parsed.header).toEqual(['Nom', 'Thème']);
    expect(parsed.records[0]?.fields).toEqual(['Élan 🌱', 'santé']);
  });

  it('refuses what is not text (a workbook, UTF-16 without BOM) and says which encodings are accepted', () => {
    const noBom = Uint8Array.from(Buffer.from('Nom;Type\nÉlan;Association\n', 'utf16le'));
    const zip = Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00, 0x08, 0x00]);
    for (const bytes of [noBom, zip]) {
      const parsed = readCsv(bytes);
      expect(parsed.issues).toEqual([{ line: 1, code: 'unreadable_encoding' }]);
      expect(parsed.header).toEqual([]);
      expect(parsed.records).toEqual([]);
    }
    expect(ACCEPTED_CSV_ENCODINGS).toMatch(/UTF-8.*Windows-1252.*UTF-16.*Texte Unicode/);
  });

  it('reads an empty file', () => {
    expect(readCsv(new Uint8Array())).toMatchObject({ header: [], records: [] });
  });
});

describe('writeCsv', () => {
  it('writes BOM, semicolons, CRLF and quotes what needs quoting', () => {
    const out = writeCsv(
      ['nom', 'note'],
      [
        ['Café "Le Lien"', 'a;b\nc'],
        ['Élan', 3],
      ],
    );
    expect(out.startsWith('\uFEFF')).toBe(true);
    expect(out).toBe('\uFEFFnom;note\r\n"Café ""Le Lien""";"a;b\nc"\r\nÉlan;3\r\n');
  });

  it('round-trips through the reader', () => {
    const rows = [
      ['Ça ; va', 'x"y', ' lead', ''],
      ['retour\r\nligne', 'é', 'à', 'ô'],
    ];
    const parsed = readCsv(utf8(writeCsv(['a', 'b', 'c', 'd'], rows)));
    expect(parsed.records.map((r) => r.fields)).toEqual([rows[0], ['retour\nligne', 'é', 'à', 'ô']]);
  });

  it('leaves plain values unquoted', () => {
    expect(csvField('simple')).toBe('simple');
    expect(csvField(null)).toBe('');
  });
});
