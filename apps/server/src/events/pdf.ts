import {
  type EventRecord,
  type EventRoom,
  type EventSession,
  formatPersonalCode,
  personalCodeOf,
  type RegistrationRecord,
  timeSlots,
} from '@maillage/core';
import { BOLD, collect, drawQr, FONT, newDoc, pageNumbers, printable } from '../system/pdf';
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

const speakersLine = (s: EventSession) => s.speakers.map((p) => (p.role ? `${p.name} (${p.role})` : p.name)).join(', ');

/** The programme (déroulé) on A4: one block per time slot, parallel sessions side by side. */
export async function programmePdf({ event, rooms, sessions }: PrintableEvent): Promise<Buffer> {
  const doc = newDoc(`Programme — ${event.title}`);
  const roomName = new Map(rooms.map((r) => [r.id, r.name]));
  const width = A4[0] - 80;
  doc.font(BOLD).fontSize(20).fillColor('#0b4a8b').text(printable(event.title), { width });
  doc
    .moveDown(0.3)
    .font(FONT)
    .fontSize(11)
    .fillColor('#1b1f24')
    .text(printable(eventDates(event)), { width });
  if (event.venueName || event.venueAddress)
    doc.text(printable([event.venueName, event.venueAddress].filter(Boolean).join(', ')), { width });
  if (event.organisers.length) doc.text(printable(`Organisé par : ${event.organisers.join(', ')}`), { width });
  if (event.partners.length) doc.text(printable(`Avec : ${event.partners.join(', ')}`), { width });
  if (event.description) doc.moveDown(0.5).fontSize(10).fillColor('#333333').text(printable(event.description, true), { width });
  doc.moveDown(0.8);
  let currentDay = '';
  for (const slot of timeSlots(sessions)) {
    const first = slot[0]!;
    if (first.day !== currentDay && event.startDate !== event.endDate) {
      currentDay = first.day;
      doc
        .moveDown(0.4)
        .font(BOLD)
        .fontSize(13)
        .fillColor('#0b4a8b')
        .text(printable(frenchDay(first.day)), 40);
    }
    const columns = slot.length;
    const colWidth = (width - 80) / columns;
    const heights = slot.map((s) => {
      doc.font(BOLD).fontSize(10);
      let h = doc.heightOfString(printable(s.title), { width: colWidth - 10 }) + 14;
      doc.font(FONT).fontSize(8.5);
      const details = [roomName.get(s.roomId ?? '') ?? '', speakersLine(s)].filter(Boolean).join(' — ');
      if (details) h += doc.heightOfString(printable(details), { width: colWidth - 10 });
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
      .font(BOLD)
      .fontSize(10)
      .fillColor('#1b1f24')
      .text(printable(`${start} – ${end}`), 40, top + 2, { width: 76 });
    slot.forEach((s, i) => {
      const x = 120 + i * colWidth;
      doc
        .save()
        .rect(x, top, 4, blockHeight - 6)
        .fill(s.colour ?? '#8a94a3')
        .restore();
      doc
        .font(FONT)
        .fontSize(8)
        .fillColor('#4a5360')
        .text(printable(kindLabels[s.kind] ?? s.kind), x + 9, top, { width: colWidth - 14 });
      doc
        .font(BOLD)
        .fontSize(10)
        .fillColor('#1b1f24')
        .text(printable(s.title), x + 9, doc.y + 1, { width: colWidth - 14 });
      if (columns > 1 && (s.startsAt !== start || s.endsAt !== end)) {
        doc
          .font(FONT)
          .fontSize(8)
          .text(printable(`${s.startsAt} – ${s.endsAt}`), x + 9, doc.y, { width: colWidth - 14 });
      }
      const details = [roomName.get(s.roomId ?? '') ?? '', speakersLine(s)].filter(Boolean).join(' — ');
      if (details)
        doc
          .font(FONT)
          .fontSize(8.5)
          .fillColor('#333333')
          .text(printable(details), x + 9, doc.y + 1, { width: colWidth - 14 });
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
  pageNumbers(doc, `Programme — ${event.title}`, { fromBottom: 28, colour: '#555555' });
  return collect(doc);
}

/**
 * The workshops printed on a badge: every choosable session the participant is confirmed in, in
 * the order of the day (the first one colours the badge).
 */
export function badgeWorkshops(r: RegistrationRecord, sessions: ReadonlyMap<string, EventSession>): EventSession[] {
  return r.choices
    .filter((c) => c.status === 'confirmed')
    .map((c) => sessions.get(c.sessionId))
    .filter((s): s is EventSession => Boolean(s?.choosable))
    .sort((a, b) => a.day.localeCompare(b.day) || a.startsAt.localeCompare(b.startsAt));
}

/** What a badge's QR code carries: the badge code, which check-in looks up. */
export const badgeQrText = (badgeCode: string) => `maillage:badge:${badgeCode}`;

/**
 * Badges, 8 per A4 sheet (2 × 4, 105 × 74 mm: common badge holders): name, organisation, every
 * workshop the person is confirmed in (its colour, time and title), and a QR code for check-in.
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
    const workshops = badgeWorkshops(r, byId);
    const colour = workshops[0]?.colour ?? '#0b4a8b';
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
      .font(BOLD)
      .fontSize(9)
      .fillColor('#ffffff')
      .text(printable(event.title), x + 18, y + 18, { width: w - 36, height: 12, ellipsis: true, lineBreak: false });
    doc
      .font(BOLD)
      .fontSize(18)
      .fillColor('#1b1f24')
      .text(printable(r.name), x + 16, y + 42, { width: w - 120, height: 52, ellipsis: true });
    doc
      .font(FONT)
      .fontSize(10.5)
      .fillColor('#333333')
      .text(printable(r.organisationName || ' '), x + 16, y + 95, { width: w - 120, height: 30, ellipsis: true });
    // The workshops, left of the QR code: two lines each when they all fit so, else one line
    // each (cut with an ellipsis), and "+ N autres ateliers" beyond five.
    doc.font(FONT).fontSize(8.5);
    const lineHeight = doc.currentLineHeight(true);
    const textWidth = w - 142;
    const top = y + 126;
    const room = h - 10 - (top - y);
    const fits = Math.floor(room / lineHeight);
    const shown = workshops.length > fits ? workshops.slice(0, fits - 1) : workshops;
    const labels = shown.map((s) => printable(`${s.startsAt} ${s.title}`));
    const lines = labels.map((l) => Math.min(2, Math.round(doc.heightOfString(l, { width: textWidth }) / lineHeight)));
    const twoLines = lines.reduce((a, b) => a + b, 0) + (shown.length < workshops.length ? 1 : 0) <= fits;
    let cursor = top;
    labels.forEach((label, i) => {
      const height = (twoLines ? (lines[i] ?? 1) : 1) * lineHeight;
      doc
        .save()
        .circle(x + 21, cursor + lineHeight / 2, 4)
        .fill(shown[i]?.colour ?? '#8a94a3')
        .restore();
      doc
        .font(FONT)
        .fontSize(8.5)
        .fillColor('#1b1f24')
        .text(label, x + 30, cursor, { width: textWidth, height: height + 2, ellipsis: true, lineBreak: height > lineHeight });
      cursor += height;
    });
    if (shown.length < workshops.length) {
      doc
        .font(FONT)
        .fontSize(8.5)
        .fillColor('#1b1f24')
        .text(`+ ${workshops.length - shown.length} autres ateliers`, x + 30, cursor, { width: textWidth, lineBreak: false });
    }
    drawQr(doc, badgeQrText(r.badgeCode), x + w - 98, y + h - 110, 84);
    // The personal code, for joining a live room by hand (name + code) when the camera fails.
    doc
      .font(FONT)
      .fontSize(8)
      .fillColor('#1b1f24')
      .text(printable(`Code ${formatPersonalCode(personalCodeOf(r.badgeCode))}`), x + w - 104, y + h - 22, {
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
    doc.font(FONT).fontSize(14).fillColor('#4a5360').text(printable(event.title), 40, 40, { width });
    doc.moveDown(1).font(BOLD).fontSize(64).fillColor('#0b4a8b').text(printable(room.name), { width, align: 'center' });
    doc.moveDown(0.5);
    for (const s of sessions.filter((x) => x.roomId === room.id)) {
      if (s.colour)
        doc
          .save()
          .rect(40, doc.y + 4, 10, 18)
          .fill(s.colour)
          .restore();
      doc
        .font(BOLD)
        .fontSize(20)
        .fillColor('#1b1f24')
        .text(
          printable(`${event.startDate === event.endDate ? '' : `${frenchDay(s.day)}, `}${s.startsAt} – ${s.endsAt}  ${s.title}`),
          60,
          doc.y,
          {
            width: width - 20,
          },
        );
      const who = speakersLine(s);
      if (who)
        doc
          .font(FONT)
          .fontSize(14)
          .fillColor('#333333')
          .text(printable(who), 60, doc.y, { width: width - 20 });
      doc.moveDown(0.4);
    }
  });
  if (rooms.length === 0) doc.font(FONT).fontSize(14).text('Aucune salle n’est définie pour cet événement.');
  return collect(doc);
}

/**
 * The feuille d'émargement of a session (or of the whole day): the names expected, their
 * organisation and an empty signature column, as funders of the politique de la ville ask, then
 * blank numbered lines for walk-ins.
 */
/** How many blank lines the feuille d'émargement keeps for people who come without registering. */
export const WALK_IN_LINES = 10;

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
    doc.font(BOLD).fontSize(16).fillColor('#1b1f24').text('Feuille d’émargement', 40, 40);
    doc.font(FONT).fontSize(10.5).text(printable(event.title));
    doc.text(
      printable(
        session
          ? `${frenchDay(session.day)}, ${session.startsAt} – ${session.endsAt} : ${session.title}${roomName ? ` (${roomName})` : ''}`
          : eventDates(event),
      ),
    );
    if (event.venueName) doc.text(printable([event.venueName, event.venueAddress].filter(Boolean).join(', ')));
    doc.moveDown(0.6);
    let x = 40;
    const y = doc.y;
    doc.font(BOLD).fontSize(9.5);
    for (const c of cols) {
      doc.rect(x, y, c.width, 20).fillAndStroke('#e8ecf1', '#6b7480');
      doc.fillColor('#1b1f24').text(printable(c.label), x + 4, y + 6, { width: c.width - 8, lineBreak: false });
      x += c.width;
    }
    doc.y = y + 20;
  };
  header();
  const row = (values: readonly string[]) => {
    if (doc.y + rowHeight > A4[1] - 50) {
      doc.addPage();
      header();
    }
    const y = doc.y;
    let x = 40;
    doc.font(FONT).fontSize(9.5).fillColor('#1b1f24');
    cols.forEach((c, j) => {
      doc.rect(x, y, c.width, rowHeight).lineWidth(0.5).strokeColor('#6b7480').stroke();
      doc.text(printable(values[j] ?? ''), x + 4, y + 10, { width: c.width - 8, height: rowHeight - 12, ellipsis: true, lineBreak: false });
      x += c.width;
    });
    doc.y = y + rowHeight;
  };
  for (const [i, r] of registrations.entries()) row([String(i + 1), r.name, r.organisationName, '']);
  if (registrations.length === 0) doc.moveDown(0.3).font(FONT).fontSize(10).text('Aucun participant attendu.', 40);
  // Blank numbered lines for people who come without registering: they sign like the others.
  const titleHeight = 22;
  if (doc.y + titleHeight + rowHeight > A4[1] - 50) {
    doc.addPage();
    header();
  }
  doc
    .font(BOLD)
    .fontSize(10)
    .fillColor('#1b1f24')
    .text('Personnes venues sans inscription (nom, structure, signature)', 40, doc.y + 8, { width: A4[0] - 80, lineBreak: false });
  doc.y += 4;
  for (let i = 0; i < WALK_IN_LINES; i++) row([String(registrations.length + i + 1), '', '', '']);
  pageNumbers(doc, `Émargement — ${session?.title ?? event.title}`, { fromBottom: 28, colour: '#555555' });
  return collect(doc);
}
