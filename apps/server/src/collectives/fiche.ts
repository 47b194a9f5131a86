import {
  type CollectiveDetailView,
  COOPERATION_AIM_LABELS,
  type CollectiveStepView,
  type CooperationAim,
  continuumLabel,
  LEGAL_FORM_LABELS,
  type LegalForm,
  MEMBER_ROLE_LABELS,
  MOTIVATION_LABELS,
  type Motivation,
  SHEET_SECTION_TITLES,
  type SheetSectionView,
} from '@maillage/core';
import PDFDocument from 'pdfkit';
import { frenchDay } from '../events/dates';

/** What the fiche-projet prints: the collective (contacts already masked for who may not read them), its sheet and steps. */
export interface PrintableFiche {
  readonly collective: CollectiveDetailView;
  readonly sections: readonly SheetSectionView[];
  readonly steps: readonly CollectiveStepView[];
  /** Names of the organisations the ecosystem section names as key actors. */
  readonly organisationNames: ReadonlyMap<string, string>;
  /** The day it is printed (YYYY-MM-DD, Paris). */
  readonly today: string;
}

const NBSP = '\u00a0';
const MARGIN = 50;
const TOP = 70;
const BLUE = '#0b4a8b';
const INK = '#1b1f24';
const GREY = '#555555';

/**
 * French typography: a non-breaking space before ; : ! ? and » and after «, so that a line never
 * starts with one of them. Spaces already there become non-breaking; a missing one is added
 * (except in a web address or a time written 10:30).
 */
export function frenchTypography(text: string): string {
  return text
    .replace(/[ \u202f]*([;!?»])/g, (_m, sign: string, offset: number, whole: string) =>
      offset === 0 || whole[offset - 1] === '\n' ? sign : `${NBSP}${sign}`,
    )
    .replace(/(\S)[ \u202f]*:(?!\/\/|\d)/g, `$1${NBSP}:`)
    .replace(/«[ \u202f]*/g, `«${NBSP}`);
}

const stepStatus: Record<CollectiveStepView['status'], string> = {
  a_faire: 'à faire',
  en_cours: 'en cours',
  fait: 'faite',
  abandonne: 'abandonnée',
};
const leadStatus: Record<string, string> = {
  piste: 'piste',
  contact: 'contact pris',
  depose: 'dossier déposé',
  obtenu: 'obtenu',
  refuse: 'refusé',
};
const euros = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 });

function collect(doc: PDFKit.PDFDocument): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.end();
  });
}

/** The fiche-projet of a collective on A4: its name and the date on every page, « page 2 sur 4 » at the foot. */
export async function fichePdf(p: PrintableFiche): Promise<Buffer> {
  const c = p.collective;
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: TOP, bottom: 60, left: MARGIN, right: MARGIN },
    bufferPages: true,
    info: { Title: `Fiche-projet — ${c.name}`, Creator: 'maillage' },
    lang: 'fr-FR',
  } as PDFKit.PDFDocumentOptions);
  const width = doc.page.width - 2 * MARGIN;
  const fr = frenchTypography;
  const heading = (text: string) => {
    if (doc.y > doc.page.height - 140) doc.addPage();
    doc.moveDown(0.8).font('Helvetica-Bold').fontSize(13).fillColor(BLUE).text(fr(text), MARGIN, doc.y, { width });
    doc.moveDown(0.2).font('Helvetica').fontSize(10).fillColor(INK);
  };
  const para = (text: string) => doc.font('Helvetica').fontSize(10).fillColor(INK).text(fr(text), MARGIN, doc.y, { width });
  const label = (name: string, value: string) => {
    doc
      .font('Helvetica-Bold')
      .fontSize(10)
      .fillColor(INK)
      .text(fr(`${name} : `), MARGIN, doc.y, { width, continued: true });
    doc.font('Helvetica').text(fr(value));
  };
  const bullet = (text: string) =>
    doc
      .font('Helvetica')
      .fontSize(10)
      .fillColor(INK)
      .text(fr(`• ${text}`), MARGIN + 10, doc.y, { width: width - 10 });
  const empty = () => doc.font('Helvetica-Oblique').fontSize(10).fillColor(GREY).text('Pas encore rédigé.', MARGIN, doc.y, { width });

  doc.font('Helvetica-Bold').fontSize(20).fillColor(BLUE).text(fr(c.name), MARGIN, TOP, { width });
  doc
    .moveDown(0.2)
    .font('Helvetica')
    .fontSize(11)
    .fillColor(INK)
    .text(fr(`Fiche-projet du collectif · ${c.territoryName}`), { width });
  if (c.themes.length)
    doc
      .fontSize(10)
      .fillColor(GREY)
      .text(fr(`Thèmes : ${c.themes.join(', ')}`), { width });
  if (c.urgency.trim()) {
    heading('L’urgence partagée');
    para(c.urgency);
  }

  heading('Les membres et leurs rôles');
  const current = c.members.filter((m) => m.leftAt === null);
  if (current.length === 0) empty();
  for (const m of current) {
    const roles = [...m.roles.map((r) => MEMBER_ROLE_LABELS[r].fr), ...m.customRoles];
    const contact = [m.email, m.phone].filter(Boolean).join(', ');
    bullet(
      [m.name, m.organisation ? `(${m.organisation.name})` : '', roles.length ? `— ${roles.join(', ')}` : '', contact ? `— ${contact}` : '']
        .filter(Boolean)
        .join(' '),
    );
  }

  for (const s of p.sections) {
    heading(SHEET_SECTION_TITLES[s.section].fr);
    const content = s.content as Record<string, unknown>;
    const text = String(content.text ?? '').trim();
    const filled = s.version > 0;
    if (!filled) {
      empty();
      if (s.section === 'forme_juridique') continue;
    }
    if (text) para(text);
    switch (s.section) {
      case 'enjeux': {
        const motivations = (content.motivations as Motivation[] | undefined) ?? [];
        if (motivations.length) label('Motivations', motivations.map((m) => MOTIVATION_LABELS[m].fr).join(', '));
        break;
      }
      case 'niveau': {
        const aim = content.aim as CooperationAim | null;
        if (aim) label('Coopération visée', COOPERATION_AIM_LABELS[aim].fr);
        if (c.pairs.length) {
          doc.moveDown(0.3);
          doc
            .font('Helvetica-Bold')
            .fontSize(10)
            .fillColor(INK)
            .text(fr('Où en sont les relations entre les membres (continuum de coopération) :'), MARGIN, doc.y, { width });
          for (const pair of c.pairs) {
            bullet(
              `${pair.a.name} et ${pair.b.name} : ${
                pair.level
                  ? `${pair.level} — ${continuumLabel(pair.level)}${pair.assessedAt ? ` (évalué le ${frenchDay(pair.assessedAt)})` : ''}`
                  : 'pas encore évalué'
              }`,
            );
          }
        }
        break;
      }
      case 'ecosysteme': {
        const orgs = ((content.keyOrganisationIds as string[] | undefined) ?? []).map(
          (id) => p.organisationNames.get(id) ?? 'organisation',
        );
        if (orgs.length) label('Acteurs clés', orgs.join(', '));
        const people = (content.resourcePeople as { name: string; why: string }[] | undefined) ?? [];
        for (const person of people) bullet(person.why ? `${person.name} — ${person.why}` : person.name);
        break;
      }
      case 'financement': {
        const leads = (content.leads as { funder: string; scheme: string; amount: number | null; status: string }[] | undefined) ?? [];
        for (const l of leads) {
          bullet(
            [l.funder, l.scheme, l.amount !== null ? euros.format(l.amount) : '', leadStatus[l.status] ?? l.status]
              .filter(Boolean)
              .join(' — '),
          );
        }
        break;
      }
      case 'calendrier': {
        const milestones = (content.milestones as { date: string; label: string }[] | undefined) ?? [];
        for (const m of milestones) bullet(`${frenchDay(m.date)} : ${m.label}`);
        break;
      }
      case 'gouvernance': {
        const meetings = String(content.meetings ?? '').trim();
        if (meetings) label('Rythme des réunions', meetings);
        break;
      }
      case 'forme_juridique': {
        const form = content.form as LegalForm | null;
        if (form) {
          label('Forme choisie', LEGAL_FORM_LABELS[form].fr);
          label('Ce que cela implique', LEGAL_FORM_LABELS[form].implies);
        }
        break;
      }
      default:
        break;
    }
  }

  heading('Les prochains petits pas');
  if (p.steps.length === 0) empty();
  for (const s of p.steps) {
    const due = s.dueOn ? `pour le ${frenchDay(s.dueOn)}` : '';
    const late = s.overdue ? ' (en retard)' : '';
    bullet([s.title, s.owner ? `porté par ${s.owner.name}` : '', due, `${stepStatus[s.status]}${late}`].filter(Boolean).join(' — '));
  }

  // Every page: the collective's name and the date at the top, « page N sur M » at the foot.
  const range = doc.bufferedPageRange();
  const printed = frenchDay(p.today);
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    const top = doc.page.margins.top;
    doc.page.margins.bottom = 0;
    doc.page.margins.top = 0;
    doc
      .font('Helvetica')
      .fontSize(8)
      .fillColor(GREY)
      .text(fr(`${c.name} — fiche-projet du ${printed}`), MARGIN, 30, { width, align: 'left', lineBreak: false });
    doc.text(`page ${i + 1} sur ${range.count}`, MARGIN, doc.page.height - 35, { width, align: 'center', lineBreak: false });
    doc.page.margins.bottom = bottom;
    doc.page.margins.top = top;
  }
  return collect(doc);
}
