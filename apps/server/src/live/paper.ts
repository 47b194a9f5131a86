import {
  type ActivityState,
  type CafeState,
  cafeTableView,
  type FormedGroup,
  groupColours,
  hostedTable,
  itinerary,
  type RoomState,
} from '@maillage/core';
import QRCode from 'qrcode';
import { BOLD, collect, drawQr, FONT, newDoc, pageNumbers, printable } from '../system/pdf';

/**
 * Paper, for rooms without wifi: the slips handed to each participant (their mise en route group
 * and their world café table at each round), one card per world café table (who sits there at
 * each round, lines for the synthesis) and the keyword and idea sheets filled in by hand, to be
 * typed back from the console. Pure builders: a room's state in, PDF bytes out.
 *
 * Everything printed reads in black and white: a group's colour is always written as a word next
 * to its swatch, and nothing is told by colour alone.
 */

/** What the paper documents need about a room. */
export interface PaperRoom {
  readonly state: RoomState;
  /** The address that opens the room on a phone (`…/j/CODE`), printed and as a QR code. */
  readonly joinUrl: string;
}

export const INK = '#1b1f24';
export const GREY = '#4a5360';
const RULE = '#8a94a3';

/**
 * Lets the event loop run between pages: a document of 500 slips takes a second or two to lay
 * out, and the live rooms served by the same process must not stall meanwhile.
 */
const breathe = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Writes one line (cut with an ellipsis when too long) and returns the y below it. */
export function line(
  doc: PDFKit.PDFDocument,
  text: string,
  x: number,
  y: number,
  width: number,
  style: { size: number; bold?: boolean; colour?: string; lines?: number },
): number {
  doc
    .font(style.bold ? BOLD : FONT)
    .fontSize(style.size)
    .fillColor(style.colour ?? INK);
  const lines = style.lines ?? 1;
  const height = Math.min(doc.heightOfString(printable(text), { width }), doc.currentLineHeight(true) * lines);
  doc.text(printable(text), x, y, { width, height: height + 0.5, ellipsis: true, lineBreak: lines > 1 });
  return y + height;
}

export function ruledLines(doc: PDFKit.PDFDocument, x: number, y: number, width: number, count: number, gap: number): number {
  doc.save().lineWidth(0.5).strokeColor(RULE);
  for (let i = 1; i <= count; i++) doc.moveTo(x, y + i * gap).lineTo(x + width, y + i * gap);
  doc.stroke().restore();
  return y + count * gap;
}

const colourOf = (n: number) => groupColours[(n - 1) % groupColours.length] as { name: string; hex: string };

/** A group's colour as a swatch with a black outline: still a shape when printed in grey. */
function swatch(doc: PDFKit.PDFDocument, n: number, x: number, y: number, size: number): void {
  doc.save().rect(x, y, size, size).lineWidth(0.8).fillAndStroke(colourOf(n).hex, INK).restore();
}

// ---- what each document says (pure, tested) ------------------------------------------------------

/** One table of a world café, as printed. */
export interface PaperTable {
  readonly id: string;
  readonly number: number;
  readonly theme: string;
  readonly place: string;
}

/** What one participant's slip says. */
export interface Slip {
  readonly participantId: string;
  readonly name: string;
  readonly group: { readonly number: number; readonly colour: string; readonly place: string } | null;
  /** One entry per round of the world café (null when not seated yet), empty without a café. */
  readonly rounds: readonly ({ readonly table: PaperTable; readonly host: boolean } | null)[];
}

/** The world café the paper documents show: the one asked for, or the room's latest. */
export function paperCafe(state: RoomState, activityId?: string): ActivityState | undefined {
  if (activityId) {
    const a = state.activities.get(activityId);
    return a?.cafe ? a : undefined;
  }
  return [...state.activities.values()].filter((a) => a.cafe).at(-1);
}

const byName = (state: RoomState) => (a: string, b: string) =>
  (state.participants.get(a)?.name ?? '').localeCompare(state.participants.get(b)?.name ?? '', 'fr');

/** The slips of a room: one per present participant, by name. */
export function slipsOf(state: RoomState, cafe: CafeState | undefined): Slip[] {
  const ids = [...state.participants.values()].filter((p) => p.present).map((p) => p.id);
  ids.sort(byName(state));
  return ids.map((id) => {
    const p = state.participants.get(id)!;
    const group = p.group !== null ? state.groups.get(p.group) : undefined;
    const hosted = cafe ? hostedTable(cafe, id) : null;
    return {
      participantId: id,
      name: p.name,
      group: group ? { number: group.number, colour: colourOf(group.number).name, place: group.place } : null,
      rounds: cafe ? itinerary(cafe, id).map((seat) => (seat ? { table: seat.table, host: seat.table.id === hosted } : null)) : [],
    };
  });
}

/** What a world café table's card says: its host and who sits there at each round (names). */
export interface TableCard {
  readonly table: PaperTable;
  readonly host: string | null;
  /** Per round, the names of the movers seated there (the host stays and is not listed). */
  readonly rounds: readonly (readonly string[])[];
}

export function tableCardsOf(state: RoomState, cafe: CafeState): TableCard[] {
  const name = (id: string) => state.participants.get(id)?.name ?? '?';
  return cafe.tables.map((t) => {
    const host = cafe.hosts.get(t.id);
    return {
      table: cafeTableView(cafe, t.id) as PaperTable,
      host: host ? name(host) : null,
      rounds: Array.from({ length: cafe.rounds }, (_, r) =>
        [...(cafe.plan?.[r]?.find((x) => x.table === t.id)?.members ?? [])].sort(byName(state)).map(name),
      ),
    };
  });
}

// ---- slips ---------------------------------------------------------------------------------------

/** Slips per A4 sheet: 2 columns × 3 rows of 105 × 99 mm, cut along the dashed lines. */
export const SLIP_COLUMNS = 2;
export const SLIP_ROWS = 3;

/** Where slip `index` lies on its page, in PDF points from the top-left corner. */
export function slipBox(index: number): { page: number; x: number; y: number; width: number; height: number } {
  const width = 595.28 / SLIP_COLUMNS;
  const height = 841.89 / SLIP_ROWS;
  const slot = index % (SLIP_COLUMNS * SLIP_ROWS);
  return {
    page: Math.floor(index / (SLIP_COLUMNS * SLIP_ROWS)),
    x: (slot % SLIP_COLUMNS) * width,
    y: Math.floor(slot / SLIP_COLUMNS) * height,
    width,
    height,
  };
}

const roundLabel = (r: number) => `Tour ${r + 1}`;
const tablePlace = (t: PaperTable) => (t.place ? ` (${t.place})` : '');

/**
 * One slip per present participant, six per A4 sheet: their name, their mise en route group
 * (number, colour name, place), their world café table at each round (or the table they host),
 * and the room's address, code and QR code for who has a phone.
 */
export async function slipsPdf({ state, joinUrl }: PaperRoom, cafeActivity?: ActivityState): Promise<Buffer> {
  const doc = newDoc(`Fiches individuelles — ${state.title}`, 'portrait', 0);
  const slips = slipsOf(state, cafeActivity?.cafe);
  // Every slip carries the same address: its QR code is computed once.
  const qr = QRCode.create(joinUrl, { errorCorrectionLevel: 'M' }).modules;
  const pad = 16;
  for (const [index, slip] of slips.entries()) {
    if (index > 0 && index % (SLIP_COLUMNS * SLIP_ROWS) === 0) await breathe();
    const box = slipBox(index);
    if (index > 0 && box.page !== slipBox(index - 1).page) doc.addPage();
    const { x, y, width: w, height: h } = box;
    const inner = w - 2 * pad;
    doc
      .save()
      .rect(x + 0.5, y + 0.5, w - 1, h - 1)
      .lineWidth(0.5)
      .dash(4, { space: 3 })
      .strokeColor(RULE)
      .stroke()
      .restore();
    let cy = line(doc, state.title, x + pad, y + pad - 2, inner, { size: 8, colour: GREY });
    cy = line(doc, slip.name, x + pad, cy + 3, inner, { size: 15, bold: true, lines: 2 });
    cy += 6;
    if (slip.group) {
      swatch(doc, slip.group.number, x + pad, cy, 12);
      cy = line(doc, `Mise en route : groupe ${slip.group.number} — ${slip.group.colour}`, x + pad + 18, cy, inner - 18, {
        size: 11,
        bold: true,
      });
      if (slip.group.place) cy = line(doc, `Rendez-vous : ${slip.group.place}`, x + pad + 18, cy + 1, inner - 18, { size: 9.5 });
    } else {
      cy = line(doc, 'Mise en route : votre groupe sera annoncé dans la salle.', x + pad, cy, inner, { size: 9.5, colour: GREY });
    }
    const qrSize = 62;
    const bottom = y + h - pad - qrSize;
    if (cafeActivity?.cafe) {
      cy = line(doc, 'World café', x + pad, cy + 8, inner, { size: 10.5, bold: true });
      const hosted = slip.rounds.find((r) => r?.host);
      if (hosted) {
        const where = `${hosted.table.theme}${tablePlace(hosted.table)}`;
        cy = line(
          doc,
          `Vous êtes hôte de la table ${hosted.table.number} — ${where} : vous y restez à chaque tour.`,
          x + pad,
          cy + 1,
          inner,
          {
            size: 9,
            lines: 2,
          },
        );
      }
      const texts = slip.rounds.map((seat, r) =>
        !seat
          ? `${roundLabel(r)} : table à venir`
          : seat.host
            ? `${roundLabel(r)} : hôte de la table ${seat.table.number}`
            : `${roundLabel(r)} : table ${seat.table.number} — ${seat.table.theme}${tablePlace(seat.table)}`,
      );
      // Rounds share the height left above the QR code: long themes wrap on two lines when
      // they all fit so, else each round keeps one line (cut) and the text shrinks as needed.
      const room = bottom - cy - 4;
      doc.font(FONT).fontSize(9);
      const wrapped = texts.map((t) => Math.min(doc.heightOfString(printable(t), { width: inner }), 2 * doc.currentLineHeight(true)) + 1.5);
      if (wrapped.reduce((s, h) => s + h, 0) <= room) {
        let ry = cy + 2;
        for (const t of texts) ry = line(doc, t, x + pad, ry, inner, { size: 9, lines: 2 }) + 1.5;
      } else {
        const step = Math.min(11.5, room / (texts.length || 1));
        for (const [r, t] of texts.entries()) line(doc, t, x + pad, cy + 2 + r * step, inner, { size: Math.min(9, step - 2) });
      }
      if (slip.rounds.length === 0) line(doc, 'Les tables seront annoncées dans la salle.', x + pad, cy + 2, inner, { size: 9 });
    }
    drawQr(doc, qr, x + w - pad - qrSize, bottom, qrSize);
    const textWidth = inner - qrSize - 8;
    let by = line(doc, 'Avec un téléphone :', x + pad, bottom + 8, textWidth, { size: 8.5, colour: GREY });
    by = line(doc, joinUrl, x + pad, by + 1, textWidth, { size: 8.5, lines: 2 });
    line(doc, `code de la salle : ${state.code}`, x + pad, by + 2, textWidth, { size: 10, bold: true });
  }
  if (slips.length === 0) {
    doc.font(FONT).fontSize(12).fillColor(INK).text('Aucun participant dans la salle pour l’instant.', 40, 40);
  }
  return collect(doc);
}

// ---- world café table cards ----------------------------------------------------------------------

/**
 * One A4 landscape card per world café table: its number, theme and place, its host, who sits
 * there at each round, then lines to write the synthesis of each round.
 */
export async function tablesPdf({ state }: PaperRoom, cafeActivity?: ActivityState): Promise<Buffer> {
  const doc = newDoc(`Tables du world café — ${state.title}`, 'landscape');
  const cafe = cafeActivity?.cafe;
  const width = doc.page.width - 80;
  const limit = doc.page.height - 50;
  if (!cafe) {
    doc.font(FONT).fontSize(14).fillColor(INK).text('Aucun world café dans cette salle : ajoutez-le depuis la console.', 40, 40);
    return collect(doc);
  }
  // Read once: the room may change while the pages are laid out.
  const planned = cafe.plan !== null;
  for (const [i, card] of tableCardsOf(state, cafe).entries()) {
    if (i > 0) await breathe();
    if (i > 0) doc.addPage();
    const heading = (suffix: string) => {
      let y = line(doc, `${state.title} — World café : ${cafeActivity.prompt}`, 40, 34, width, { size: 9, colour: GREY });
      y = line(doc, `Table ${card.table.number}${suffix}`, 40, y + 6, width, { size: 30, bold: true });
      return line(doc, card.table.theme, 40, y + 2, width, { size: 22, bold: true, lines: 2 });
    };
    let y = heading('');
    if (card.table.place) y = line(doc, `Emplacement : ${card.table.place}`, 40, y + 4, width, { size: 13 });
    y = line(doc, `Hôte de la table : ${card.host ?? 'à désigner'}`, 40, y + 6, width, { size: 13, bold: true });
    y += 8;
    if (!planned) {
      y = line(doc, 'Les rotations ne sont pas encore planifiées : réimprimez après « Planifier ».', 40, y, width, {
        size: 11,
        colour: GREY,
      });
    }
    if (planned) y = line(doc, 'Qui s’assoit à cette table', 40, y, width, { size: 12, bold: true }) + 3;
    card.rounds.forEach((names, r) => {
      if (!planned) return;
      const who = names.length ? names.join(', ') : 'personne d’autre que l’hôte';
      doc.font(FONT).fontSize(11.5);
      const text = printable(`${roundLabel(r)} (${names.length + (card.host ? 1 : 0)} pers.) : ${who}`);
      const h = doc.heightOfString(text, { width });
      if (y + h > limit) {
        doc.addPage();
        y = heading(' (suite)') + 8;
      }
      doc.font(FONT).fontSize(11.5).fillColor(INK).text(text, 40, y, { width });
      y += h + 3;
    });
    y += 10;
    // The synthesis lines share what is left of the page: 3 to 6 lines per round.
    const gap = 19;
    const lines = Math.max(3, Math.min(6, Math.floor((limit - y) / cafe.rounds - 26) / gap));
    for (let r = 0; r < cafe.rounds; r++) {
      const block = 16 + Math.floor(lines) * gap;
      if (y + block > limit) {
        doc.addPage();
        y = heading(' (suite)') + 10;
      }
      y = line(doc, `Synthèse du ${roundLabel(r).toLowerCase()} (à recopier dans la console)`, 40, y, width, { size: 11, bold: true });
      y = ruledLines(doc, 40, y, width, Math.floor(lines), gap) + 10;
    }
  }
  pageNumbers(doc, `World café — ${state.title}`);
  return collect(doc);
}

// ---- keyword and idea sheets ---------------------------------------------------------------------

function sheetHeading(doc: PDFKit.PDFDocument, state: RoomState, title: string, prompt: string, instruction: string): number {
  const width = doc.page.width - 80;
  let y = line(doc, state.title, 40, 34, width, { size: 9, colour: GREY });
  y = line(doc, title, 40, y + 4, width, { size: 18, bold: true });
  y = line(doc, prompt, 40, y + 4, width, { size: 13, lines: 3 });
  return line(doc, instruction, 40, y + 4, width, { size: 9.5, colour: GREY, lines: 2 }) + 10;
}

/** The groups a group-mode keyword sheet has boxes for: the formed ones, or numbered blanks. */
function sheetGroups(state: RoomState): FormedGroup[] {
  const formed = [...state.groups.values()].sort((a, b) => a.number - b.number);
  if (formed.length) return formed;
  const count = Math.max(6, Math.ceil([...state.participants.values()].filter((p) => p.present).length / 5));
  return Array.from({ length: count }, (_, i) => ({ number: i + 1, place: '', members: [] }));
}

function keywordSheet(doc: PDFKit.PDFDocument, state: RoomState, a: ActivityState): void {
  const width = doc.page.width - 80;
  const limit = doc.page.height - 40;
  if (a.mode === 'group') {
    const head = () =>
      sheetHeading(
        doc,
        state,
        'Mot-clé — un mot par groupe',
        a.prompt,
        'Chaque groupe écrit UN seul mot, lisiblement, dans la case de son groupe. L’animation le saisira dans la console.',
      );
    let y = head();
    const gap = 10;
    const colWidth = (width - gap) / 2;
    const boxHeight = 104;
    sheetGroups(state).forEach((g, i) => {
      const col = i % 2;
      if (col === 0 && i > 0) y += boxHeight + gap;
      if (col === 0 && y + boxHeight > limit) {
        doc.addPage();
        y = head();
      }
      const x = 40 + col * (colWidth + gap);
      doc.save().rect(x, y, colWidth, boxHeight).lineWidth(1).strokeColor(INK).stroke().restore();
      swatch(doc, g.number, x + 8, y + 8, 12);
      let cy = line(doc, `Groupe ${g.number} — ${colourOf(g.number).name}${g.place ? ` — ${g.place}` : ''}`, x + 26, y + 8, colWidth - 34, {
        size: 11,
        bold: true,
      });
      const names = g.members.map((m) => state.participants.get(m)?.name ?? '?').join(', ');
      if (names) cy = line(doc, names, x + 8, cy + 3, colWidth - 16, { size: 9, colour: GREY, lines: 2 });
      line(doc, 'Mot-clé :', x + 8, y + boxHeight - 34, 60, { size: 10 });
      ruledLines(doc, x + 62, y + boxHeight - 46, colWidth - 72, 1, 20);
    });
    return;
  }
  const head = () =>
    sheetHeading(
      doc,
      state,
      'Mot-clé',
      a.prompt,
      'Une personne par ligne : un seul mot, lisiblement. L’animation saisira les mots dans la console.',
    );
  let y = head();
  const rows = Math.max(20, [...state.participants.values()].filter((p) => p.present).length);
  const rowHeight = 24;
  for (let n = 1; n <= rows; n++) {
    if (y + rowHeight > limit) {
      doc.addPage();
      y = head();
    }
    line(doc, `${n}.`, 40, y + rowHeight - 12, 28, { size: 10, colour: GREY });
    ruledLines(doc, 70, y, width - 30, 1, rowHeight);
    y += rowHeight;
  }
}

function ideaSheets(doc: PDFKit.PDFDocument, state: RoomState, a: ActivityState, first: boolean): void {
  const themes = a.options.length ? a.options : ['Idées'];
  const width = doc.page.width - 80;
  const limit = doc.page.height - 40;
  themes.forEach((theme, i) => {
    if (!first || i > 0) doc.addPage();
    const y0 = sheetHeading(
      doc,
      state,
      `Labo d’idées — thème ${i + 1} / ${themes.length} : ${theme}`,
      a.prompt,
      'Une idée par ligne (ou deux lignes pour une longue idée), lisiblement. Nouvelles idées, envies d’agir : quel que soit votre territoire.',
    );
    const gap = 26;
    const count = Math.floor((limit - y0) / gap);
    for (let n = 0; n < count; n++) {
      const y = y0 + n * gap;
      line(doc, `${n + 1}.`, 40, y + gap - 12, 28, { size: 10, colour: GREY });
      ruledLines(doc, 70, y, width - 30, 1, gap);
    }
  });
}

/**
 * The sheets to fill in by hand: for a keyword activity its prompt and one box per group (group
 * mode: number, colour, members) or numbered lines; for an idea wall one page of numbered lines
 * per theme.
 */
export async function sheetsPdf({ state }: PaperRoom, activities: readonly ActivityState[]): Promise<Buffer> {
  const doc = newDoc(`Feuilles à remplir — ${state.title}`);
  const printed = activities.filter((a) => a.kind === 'keyword' || a.kind === 'ideas');
  printed.forEach((a, i) => {
    if (a.kind === 'keyword') {
      if (i > 0) doc.addPage();
      keywordSheet(doc, state, a);
    } else ideaSheets(doc, state, a, i === 0);
  });
  if (printed.length === 0) {
    doc
      .font(FONT)
      .fontSize(14)
      .fillColor(INK)
      .text('Aucune activité mot-clé ni labo d’idées dans cette salle : ajoutez-en depuis la console.', 40, 40);
  }
  pageNumbers(doc, `Feuilles — ${state.title}`);
  return collect(doc);
}
