import {
  type EventRecord,
  type EventRoom,
  type EventSession,
  formatPersonalCode,
  personalCodeOf,
  type RegistrationRecord,
  timeSlots,
} from '@maillage/core';
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import { frenchDay } from './dates';

/** What a printed document needs about the event. */
export interface PrintableEvent {
  readonly event: EventRecord;
  readonly rooms: readonly EventRoom[];
  readonly sessions: readonly EventSession[];
}

const A4: [number, number] = [595.28, 841.89];
const kindLabels: Record<string, string> = {
  accueil: 'Accueil',
  mise_en_route: 'Mise en route',
  intervention: 'Intervention',
  table_ronde: 'Table ronde',
  presentation_experiences: 'Présentation d’expériences',
  atelier_methode: 'Atelier de méthode',
  world_cafe: 'World café',
  repas: 'Repas',
  retour_ateliers: 'Retour sur les ateliers',
  cloture: 'Clôture',
  autre: 'Séquence',
};

/** "jeudi 12 mars 2026" for a YYYY-MM-DD day. */
export { frenchDay };

function eventDates(event: EventRecord): string {
  return event.startDate === event.endDate ? frenchDay(event.startDate) : `du ${frenchDay(event.startDate)} au ${frenchDay(event.endDate)}`;
}

function collect(doc: PDFKit.PDFDocument): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.end();
  });
}

function newDoc(title: string, layout: 'portrait' | 'landscape' = 'portrait', margin = 40): PDFKit.PDFDocument {
  return new PDFDocument({
    size: 'A4',
    layout,
    margin,
    bufferPages: true,
    info: { Title: title, Creator: 'maillage' },
    lang: 'fr-FR',
  } as PDFKit.PDFDocumentOptions);
}

function pageNumbers(doc: PDFKit.PDFDocument, label: string): void {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    // Writing below the bottom margin would make pdfkit open a new page: lift the margin first.
    const margin = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    const bottom = doc.page.height - 28;
    doc
      .font('Helvetica')
      .fontSize(8)
      .fillColor('#555555')
      .text(`${label} — page ${i + 1} / ${range.count}`, 40, bottom, { width: doc.page.width - 80, align: 'center', lineBreak: false });
    doc.page.margins.bottom = margin;
  }
}

const speakersLine = (s: EventSession) => s.speakers.map((p) => (p.role ? `${p.name} (${p.role})` : p.name)).join(', ');

/** The programme (déroulé) on A4: one block per time slot, parallel sessions side by side. */
export async function programmePdf({ event, rooms, sessions }: PrintableEvent): Promise<Buffer> {
  const doc = newDoc(`Programme — ${event.title}`);
  const roomName = new Map(rooms.map((r) => [r.id, r.name]));
  const width = A4[0] - 80;
  doc.font('Helvetica-Bold').fontSize(20).fillColor('#0b4a8b').text(event.title, { width });
  doc.moveDown(0.3).font('Helvetica').fontSize(11).fillColor('#1b1f24').text(eventDates(event), { width });
  if (event.venueName || event.venueAddress) doc.text([event.venueName, event.venueAddress].filter(Boolean).join(', '), { width });
  if (event.organisers.length) doc.text(`Organisé par : ${event.organisers.join(', ')}`, { width });
  if (event.partners.length) doc.text(`Avec : ${event.partners.join(', ')}`, { width });
  if (event.description) doc.moveDown(0.5).fontSize(10).fillColor('#333333').text(event.description, { width });
  doc.moveDown(0.8);
  let currentDay = '';
  for (const slot of timeSlots(sessions)) {
    const first = slot[0]!;
    if (first.day !== currentDay && event.startDate !== event.endDate) {
      currentDay = first.day;
      doc.moveDown(0.4).font('Helvetica-Bold').fontSize(13).fillColor('#0b4a8b').text(frenchDay(first.day), 40);
    }
    const columns = slot.length;
    const colWidth = (width - 80) / columns;
    const heights = slot.map((s) => {
      doc.font('Helvetica-Bold').fontSize(10);
      let h = doc.heightOfString(s.title, { width: colWidth - 10 }) + 14;
      doc.font('Helvetica').fontSize(8.5);
      const details = [roomName.get(s.roomId ?? '') ?? '', speakersLine(s)].filter(Boolean).join(' — ');
      if (details) h += doc.heightOfString(details, { width: colWidth - 10 });
      return h + 8;
    });
    const blockHeight = Math.max(...heights, 28);
    if (doc.y + blockHeight > A4[1] - 60) doc.addPage();
    const top = doc.y;
    const start = slot.map((s) => s.startsAt).sort()[0]!;
    const end = slot
      .map((s) => s.endsAt)
      .sort()
      .at(-1)!;
    doc
      .font('Helvetica-Bold')
      .fontSize(10)
      .fillColor('#1b1f24')
      .text(`${start} – ${end}`, 40, top + 2, { width: 76 });
    slot.forEach((s, i) => {
      const x = 120 + i * colWidth;
      doc
        .save()
        .rect(x, top, 4, blockHeight - 6)
        .fill(s.colour ?? '#8a94a3')
        .restore();
      doc
        .font('Helvetica')
        .fontSize(8)
        .fillColor('#4a5360')
        .text(kindLabels[s.kind] ?? s.kind, x + 9, top, { width: colWidth - 14 });
      doc
        .font('Helvetica-Bold')
        .fontSize(10)
        .fillColor('#1b1f24')
        .text(s.title, x + 9, doc.y + 1, { width: colWidth - 14 });
      if (columns > 1 && (s.startsAt !== start || s.endsAt !== end)) {
        doc
          .font('Helvetica')
          .fontSize(8)
          .text(`${s.startsAt} – ${s.endsAt}`, x + 9, doc.y, { width: colWidth - 14 });
      }
      const details = [roomName.get(s.roomId ?? '') ?? '', speakersLine(s)].filter(Boolean).join(' — ');
      if (details)
        doc
          .font('Helvetica')
          .fontSize(8.5)
          .fillColor('#333333')
          .text(details, x + 9, doc.y + 1, { width: colWidth - 14 });
    });
    doc.x = 40;
    doc.y = top + blockHeight;
    doc
      .save()
      .moveTo(40, doc.y - 3)
      .lineTo(A4[0] - 40, doc.y - 3)
      .lineWidth(0.3)
      .strokeColor('#c9ced6')
      .stroke()
      .restore();
  }
  pageNumbers(doc, `Programme — ${event.title}`);
  return collect(doc);
}

/** The workshop that colours a badge: the participant's first confirmed choosable session. */
function badgeWorkshop(r: RegistrationRecord, sessions: ReadonlyMap<string, EventSession>): EventSession | undefined {
  return r.choices
    .filter((c) => c.status === 'confirmed')
    .map((c) => sessions.get(c.sessionId))
    .find((s): s is EventSession => Boolean(s?.choosable));
}

/**
 * Draws a QR code as vector squares (one filled path): sharp at any print size, and much
 * cheaper than encoding then embedding a PNG per badge. A one-module quiet zone stays white.
 */
function drawQr(doc: PDFKit.PDFDocument, text: string, x: number, y: number, size: number): void {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const cell = size / (modules.size + 2);
  doc.save().rect(x, y, size, size).fill('#ffffff');
  for (let row = 0; row < modules.size; row++) {
    for (let col = 0; col < modules.size; col++) {
      if (modules.get(row, col)) doc.rect(x + (col + 1) * cell, y + (row + 1) * cell, cell + 0.01, cell + 0.01);
    }
  }
  doc.fill('#000000').restore();
}

/** What a badge's QR code carries: the badge code, which check-in looks up. */
export const badgeQrText = (badgeCode: string) => `maillage:badge:${badgeCode}`;

/**
 * Badges, 8 per A4 sheet (2 × 4, 105 × 74 mm: common badge holders): name, organisation, the
 * colour and title of their workshop, and a QR code for check-in.
 */
export async function badgesPdf({ event, sessions }: PrintableEvent, registrations: readonly RegistrationRecord[]): Promise<Buffer> {
  const doc = newDoc(`Badges — ${event.title}`, 'portrait', 0);
  const byId = new Map(sessions.map((s) => [s.id, s]));
  const w = A4[0] / 2;
  const h = A4[1] / 4;
  registrations.forEach((r, index) => {
    const slot = index % 8;
    if (index > 0 && slot === 0) doc.addPage();
    const x = (slot % 2) * w;
    const y = Math.floor(slot / 2) * h;
    const workshop = badgeWorkshop(r, byId);
    const colour = workshop?.colour ?? '#0b4a8b';
    doc
      .save()
      .rect(x + 0.5, y + 0.5, w - 1, h - 1)
      .lineWidth(0.4)
      .dash(3, { space: 3 })
      .strokeColor('#9aa3ad')
      .stroke()
      .restore();
    doc
      .save()
      .rect(x + 12, y + 12, w - 24, 22)
      .fill(colour)
      .restore();
    doc
      .font('Helvetica-Bold')
      .fontSize(9)
      .fillColor('#ffffff')
      .text(event.title, x + 18, y + 18, { width: w - 36, height: 12, ellipsis: true, lineBreak: false });
    doc
      .font('Helvetica-Bold')
      .fontSize(18)
      .fillColor('#1b1f24')
      .text(r.name, x + 16, y + 48, { width: w - 120, height: 46, ellipsis: true });
    doc
      .font('Helvetica')
      .fontSize(10.5)
      .fillColor('#333333')
      .text(r.organisationName || ' ', x + 16, y + 98, { width: w - 120, height: 28, ellipsis: true });
    if (workshop) {
      doc
        .save()
        .circle(x + 22, y + h - 30, 6)
        .fill(colour)
        .restore();
      doc
        .font('Helvetica')
        .fontSize(9)
        .fillColor('#1b1f24')
        .text(workshop.title, x + 32, y + h - 35, { width: w - 140, height: 24, ellipsis: true });
    }
    drawQr(doc, badgeQrText(r.badgeCode), x + w - 98, y + h - 110, 84);
    // The personal code, for joining a live room by hand (name + code) when the camera fails.
    doc
      .font('Helvetica')
      .fontSize(8)
      .fillColor('#1b1f24')
      .text(`Code ${formatPersonalCode(personalCodeOf(r.badgeCode))}`, x + w - 104, y + h - 22, {
        width: 96,
        align: 'center',
        lineBreak: false,
      });
  });
  return collect(doc);
}

/** One landscape A4 per room: its name, large, and what happens in it. */
export async function roomSignsPdf({ event, rooms, sessions }: PrintableEvent): Promise<Buffer> {
  const doc = newDoc(`Signalétique — ${event.title}`, 'landscape');
  rooms.forEach((room, i) => {
    if (i > 0) doc.addPage();
    const width = doc.page.width - 80;
    doc.font('Helvetica').fontSize(14).fillColor('#4a5360').text(event.title, 40, 40, { width });
    doc.moveDown(1).font('Helvetica-Bold').fontSize(64).fillColor('#0b4a8b').text(room.name, { width, align: 'center' });
    doc.moveDown(0.5);
    for (const s of sessions.filter((x) => x.roomId === room.id)) {
      if (s.colour)
        doc
          .save()
          .rect(40, doc.y + 4, 10, 18)
          .fill(s.colour)
          .restore();
      doc
        .font('Helvetica-Bold')
        .fontSize(20)
        .fillColor('#1b1f24')
        .text(`${event.startDate === event.endDate ? '' : `${frenchDay(s.day)}, `}${s.startsAt} – ${s.endsAt}  ${s.title}`, 60, doc.y, {
          width: width - 20,
        });
      const who = speakersLine(s);
      if (who)
        doc
          .font('Helvetica')
          .fontSize(14)
          .fillColor('#333333')
          .text(who, 60, doc.y, { width: width - 20 });
      doc.moveDown(0.4);
    }
  });
  if (rooms.length === 0) doc.font('Helvetica').fontSize(14).text('Aucune salle n’est définie pour cet événement.');
  return collect(doc);
}

/**
 * The feuille d'émargement of a session (or of the whole day): the names expected, their
 * organisation and an empty signature column, as funders of the politique de la ville ask.
 */
export async function attendanceSheetPdf(
  { event, rooms }: PrintableEvent,
  session: EventSession | null,
  registrations: readonly RegistrationRecord[],
): Promise<Buffer> {
  const doc = newDoc(`Feuille d’émargement — ${event.title}`);
  const roomName = session?.roomId ? rooms.find((r) => r.id === session.roomId)?.name : undefined;
  const cols = [
    { label: 'N°', width: 28 },
    { label: 'Nom et prénom', width: 170 },
    { label: 'Structure', width: 150 },
    { label: 'Signature', width: A4[0] - 80 - 28 - 170 - 150 },
  ];
  const rowHeight = 30;
  const header = () => {
    doc.font('Helvetica-Bold').fontSize(16).fillColor('#1b1f24').text('Feuille d’émargement', 40, 40);
    doc.font('Helvetica').fontSize(10.5).text(event.title);
    doc.text(
      session
        ? `${frenchDay(session.day)}, ${session.startsAt} – ${session.endsAt} : ${session.title}${roomName ? ` (${roomName})` : ''}`
        : eventDates(event),
    );
    if (event.venueName) doc.text([event.venueName, event.venueAddress].filter(Boolean).join(', '));
    doc.moveDown(0.6);
    let x = 40;
    const y = doc.y;
    doc.font('Helvetica-Bold').fontSize(9.5);
    for (const c of cols) {
      doc.rect(x, y, c.width, 20).fillAndStroke('#e8ecf1', '#6b7480');
      doc.fillColor('#1b1f24').text(c.label, x + 4, y + 6, { width: c.width - 8, lineBreak: false });
      x += c.width;
    }
    doc.y = y + 20;
  };
  header();
  registrations.forEach((r, i) => {
    if (doc.y + rowHeight > A4[1] - 50) {
      doc.addPage();
      header();
    }
    const y = doc.y;
    let x = 40;
    const values = [String(i + 1), r.name, r.organisationName, ''];
    doc.font('Helvetica').fontSize(9.5).fillColor('#1b1f24');
    cols.forEach((c, j) => {
      doc.rect(x, y, c.width, rowHeight).lineWidth(0.5).strokeColor('#6b7480').stroke();
      doc.text(values[j] ?? '', x + 4, y + 10, { width: c.width - 8, height: rowHeight - 12, ellipsis: true, lineBreak: false });
      x += c.width;
    });
    doc.y = y + rowHeight;
  });
  if (registrations.length === 0) doc.moveDown().font('Helvetica').fontSize(10).text('Aucun participant attendu.', 40);
  pageNumbers(doc, `Émargement — ${session?.title ?? event.title}`);
  return collect(doc);
}
