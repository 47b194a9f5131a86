import { deflateRawSync } from 'node:zlib';
import {
  type CommitteeCofunder,
  committeeLines,
  lineMatters,
  type CommitteeApplication,
  TRACK_LABELS,
  type Track,
  writeCsv,
} from '@maillage/core';

/**
 * The programming table of a call, as committees use it: one line per action and per funder,
 * with the amounts requested, proposed and voted, and the decision. As CSV (UTF-8 with a BOM, `;`,
 * amounts with a French decimal comma) and as an Office Open XML workbook (XLSX) written here: a
 * few XML parts in a ZIP, amounts as numeric cells in euros with a euro number format.
 */

export interface ProgrammingRow {
  readonly call: string;
  readonly track: Track;
  readonly action: string;
  readonly lead: string;
  readonly funder: string;
  readonly requestedCents: number;
  readonly proposedCents: number | null;
  readonly votedCents: number | null;
  readonly decision: 'accorde' | 'rejete' | null;
}

export const PROGRAMMING_HEADER = [
  'Appel à projets',
  'Filière',
  'Action',
  'Structure porteuse',
  'Financeur',
  'Montant demandé (€)',
  'Montant proposé (€)',
  'Montant voté (€)',
  'Décision',
] as const;

const DECISION_LABELS = { accorde: 'Accordé', rejete: 'Rejeté' } as const;

/** The table's lines: every file of the committee, every funder line that asks, proposes or votes something. */
export function programmingRows(
  callTitle: string,
  cofunders: readonly CommitteeCofunder[],
  applications: readonly CommitteeApplication[],
): ProgrammingRow[] {
  const names = new Map(cofunders.map((f) => [f.id, f.name]));
  return applications.flatMap((app) =>
    committeeLines(app, cofunders)
      .filter(lineMatters)
      .map((l) => ({
        call: callTitle,
        track: app.track,
        action: app.title,
        lead: app.leadOrganisation.name,
        funder: names.get(l.cofunderId) ?? '',
        requestedCents: l.requestedCents,
        proposedCents: l.proposedCents,
        votedCents: l.votedCents,
        decision: l.decision,
      })),
  );
}

/** Cents as a decimal number of euros, exactly: `123456` → `1234.56`. */
function euros(cents: number, separator: string): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)}${separator}${String(abs % 100).padStart(2, '0')}`;
}

/** The CSV: UTF-8 with a BOM, `;`, amounts such as `1234,56` (a French spreadsheet reads them as numbers). */
export function programmingCsv(rows: readonly ProgrammingRow[]): string {
  const amount = (c: number | null) => (c === null ? '' : euros(c, ','));
  return writeCsv(
    [...PROGRAMMING_HEADER],
    rows.map((r) => [
      r.call,
      TRACK_LABELS[r.track],
      r.action,
      r.lead,
      r.funder,
      amount(r.requestedCents),
      amount(r.proposedCents),
      amount(r.votedCents),
      r.decision ? DECISION_LABELS[r.decision] : '',
    ]),
  );
}

// ---------------------------------------------------------------------------------------------
// XLSX

const xmlEscape = (s: string) =>
  s
    // Characters XML 1.0 does not allow.
    // biome-ignore lint/suspicious/noControlCharactersInRegex: removing the control characters XML refuses
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');

/** A column's letters: 0 → A, 25 → Z, 26 → AA. */
function column(i: number): string {
  let n = i + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

type XCell = { text: string } | { cents: number } | null;

function sheetXml(rows: readonly (readonly XCell[])[]): string {
  const body = rows
    .map((cells, r) => {
      const xs = cells
        .map((cell, c) => {
          const ref = `${column(c)}${r + 1}`;
          if (cell === null) return '';
          if ('text' in cell)
            return `<c r="${ref}" t="inlineStr"${r === 0 ? ' s="2"' : ''}><is><t xml:space="preserve">${xmlEscape(cell.text)}</t></is></c>`;
          return `<c r="${ref}" s="1"><v>${euros(cell.cents, '.')}</v></c>`;
        })
        .join('');
      return `<row r="${r + 1}">${xs}</row>`;
    })
    .join('');
  const widths = [28, 22, 40, 30, 26, 18, 18, 18, 12]
    .map((w, i) => `<col min="${i + 1}" max="${i + 1}" width="${w}" customWidth="1"/>`)
    .join('');
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews><cols>${widths}</cols><sheetData>${body}</sheetData></worksheet>`;
}

const STYLES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="1"><numFmt numFmtId="164" formatCode="#,##0.00\\ &quot;€&quot;"/></numFmts><fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs></styleSheet>`;

const CONTENT_TYPES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>`;

const ROOT_RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`;

const WORKBOOK = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Programmation" sheetId="1" r:id="rId1"/></sheets></workbook>`;

const WORKBOOK_RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>`;

/** The programming table as an XLSX workbook (one sheet, « Programmation »). */
export function programmingXlsx(rows: readonly ProgrammingRow[]): Buffer {
  const cells: XCell[][] = [
    PROGRAMMING_HEADER.map((text) => ({ text })),
    ...rows.map((r): XCell[] => [
      { text: r.call },
      { text: TRACK_LABELS[r.track] },
      { text: r.action },
      { text: r.lead },
      { text: r.funder },
      { cents: r.requestedCents },
      r.proposedCents === null ? null : { cents: r.proposedCents },
      r.votedCents === null ? null : { cents: r.votedCents },
      r.decision ? { text: DECISION_LABELS[r.decision] } : null,
    ]),
  ];
  return zip([
    ['[Content_Types].xml', CONTENT_TYPES],
    ['_rels/.rels', ROOT_RELS],
    ['xl/workbook.xml', WORKBOOK],
    ['xl/_rels/workbook.xml.rels', WORKBOOK_RELS],
    ['xl/styles.xml', STYLES],
    ['xl/worksheets/sheet1.xml', sheetXml(cells)],
  ]);
}

// A minimal ZIP writer: deflated entries, one central directory (PKWARE APPNOTE 4.3).

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

export function crc32(data: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of data) c = (CRC_TABLE[(c ^ b) & 0xff] as number) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** A ZIP archive of these files (names and contents in UTF-8), each deflated. */
export function zip(files: readonly (readonly [string, string | Uint8Array])[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  // 1980-01-01 00:00: a fixed date, so the same table gives the same bytes.
  const time = 0;
  const date = (0 << 9) | (1 << 5) | 1;
  for (const [name, content] of files) {
    const data = typeof content === 'string' ? Buffer.from(content, 'utf8') : Buffer.from(content);
    const packed = deflateRawSync(data);
    const nameBytes = Buffer.from(name, 'utf8');
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt16LE(time, 10);
    local.writeUInt16LE(date, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    local.writeUInt16LE(0, 28);
    locals.push(local, nameBytes, packed);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt16LE(time, 12);
    central.writeUInt16LE(date, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, nameBytes);
    offset += local.length + nameBytes.length + packed.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}
