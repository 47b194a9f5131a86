import {
  type ApplicationView,
  BUDGET_CODES,
  type BudgetLine,
  budgetCode,
  budgetTotals,
  formatEuros,
  TRACK_LABELS,
} from '@maillage/core';
import { type DB, structureIdentities } from '@maillage/db';
import type { Kysely } from 'kysely';
import PDFDocument from 'pdfkit';
import { frenchTypography } from '../collectives/fiche';

/**
 * The "ready for Dauphin" pack of an application: a PDF in the order and with the labels of the
 * CERFA 12156 (identification of each structure, relations, the project fiche, the budget grid
 * with its codes, the declaration), and the budget as CSV, so that the association copies it into
 * the funders' portal without thinking it again. Dauphin has no public write API: this is what
 * maillage hands over.
 */

const MARGIN = 50;
const BLUE = '#0b4a8b';
const INK = '#1b1f24';
const GREY = '#555555';

/** Characters Helvetica's standard encoding (WinAnsi) cannot show, made showable. */
export const printable = (text: string) => frenchTypography(text.replace(/[\u202f\u2009]/g, '\u00a0').replace(/\u2192/g, '->'));

const KIND_LABELS: Record<string, string> = {
  habitant: 'Habitant·e',
  association: 'Association',
  centre_social: 'Centre social',
  collectivite: 'Collectivité',
  etat: 'Service de l’État',
  caf: 'CAF',
  bailleur: 'Bailleur',
  entreprise: 'Entreprise',
  collectif_habitants: 'Collectif d’habitants',
  centre_ressources: 'Centre de ressources',
  autre: 'Autre',
};
const HUMAN_MEANS: Record<string, string> = {
  salaries: 'Salarié·es',
  benevoles: 'Bénévoles',
  volontaires: 'Volontaires (service civique…)',
  mises_a_disposition: 'Personnels mis à disposition',
};
const frenchDate = (day: string | null) => (day ? day.split('-').reverse().join('/') : 'non précisée');
const etpt = (hundredths: number) => `${Math.floor(hundredths / 100)},${String(hundredths % 100).padStart(2, '0')}`;

export function collect(doc: PDFKit.PDFDocument): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.end();
  });
}

/** A4 document with helpers for headings, label/value lines and table rows. */
export function pdfWriter(title: string) {
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: 60, bottom: 60, left: MARGIN, right: MARGIN },
    bufferPages: true,
    info: { Title: title, Creator: 'maillage' },
    lang: 'fr-FR',
  } as PDFKit.PDFDocumentOptions);
  const width = doc.page.width - 2 * MARGIN;
  const room = (needed: number) => {
    if (doc.y > doc.page.height - 60 - needed) doc.addPage();
  };
  return {
    doc,
    width,
    title(text: string, sub: string) {
      doc.font('Helvetica-Bold').fontSize(17).fillColor(BLUE).text(printable(text), MARGIN, 60, { width });
      doc.moveDown(0.2).font('Helvetica').fontSize(10).fillColor(GREY).text(printable(sub), { width });
    },
    heading(text: string) {
      room(80);
      doc.moveDown(0.8).font('Helvetica-Bold').fontSize(13).fillColor(BLUE).text(printable(text), MARGIN, doc.y, { width });
      doc.moveDown(0.2);
    },
    subheading(text: string) {
      room(50);
      doc.moveDown(0.4).font('Helvetica-Bold').fontSize(11).fillColor(INK).text(printable(text), MARGIN, doc.y, { width });
    },
    field(label: string, value: string) {
      room(20);
      doc.font('Helvetica-Bold').fontSize(10).fillColor(INK).text(printable(`${label} : `), MARGIN, doc.y, { width, continued: true });
      doc.font('Helvetica').text(printable(value || '—'));
    },
    para(text: string) {
      doc.font('Helvetica').fontSize(10).fillColor(INK).text(printable(text || '—'), MARGIN, doc.y, { width });
    },
    /** One table row: cells at fixed x positions (fractions of the width), the last ones right-aligned. */
    row(cells: readonly string[], columns: readonly number[], options: { bold?: boolean; rightFrom?: number } = {}) {
      room(16);
      const y = doc.y;
      let bottom = y;
      cells.forEach((cell, i) => {
        const x = MARGIN + width * (columns[i] ?? 0);
        const w = width * ((columns[i + 1] ?? 1) - (columns[i] ?? 0)) - 4;
        doc
          .font(options.bold ? 'Helvetica-Bold' : 'Helvetica')
          .fontSize(8.5)
          .fillColor(INK)
          .text(printable(cell), x, y, { width: w, align: options.rightFrom !== undefined && i >= options.rightFrom ? 'right' : 'left' });
        bottom = Math.max(bottom, doc.y);
      });
      doc.x = MARGIN;
      doc.y = bottom + 2;
    },
    footer(text: string) {
      const range = doc.bufferedPageRange();
      for (let i = range.start; i < range.start + range.count; i++) {
        doc.switchToPage(i);
        const bottom = doc.page.margins.bottom;
        doc.page.margins.bottom = 0;
        doc
          .font('Helvetica')
          .fontSize(8)
          .fillColor(GREY)
          .text(printable(`${text} — page ${i + 1} sur ${range.count}`), MARGIN, doc.page.height - 35, {
            width,
            align: 'center',
            lineBreak: false,
          });
        doc.page.margins.bottom = bottom;
      }
    },
  };
}

/** The lines of a budget in the grid's order, by side, with the funder named on a 74 line. */
function gridRows(lines: readonly BudgetLine[], funders: ReadonlyMap<string, string>) {
  const order = new Map(BUDGET_CODES.map((b, i) => [b.code, i]));
  const sorted = [...lines].filter((l) => l.amountCents !== 0).sort((a, b) => (order.get(a.code) ?? 0) - (order.get(b.code) ?? 0));
  const describe = (l: BudgetLine) => ({
    code: l.code,
    label: budgetCode(l.code)?.label ?? l.code,
    detail: [l.cofunderId ? funders.get(l.cofunderId) : '', l.detail].filter(Boolean).join(' — '),
    amount: formatEuros(l.amountCents),
  });
  return {
    charges: sorted.filter((l) => budgetCode(l.code)?.side === 'charges').map(describe),
    produits: sorted.filter((l) => budgetCode(l.code)?.side === 'produits').map(describe),
  };
}

/** The CSV of the budget: one block per structure, then the consolidated budget. UTF-8 with a BOM, `;`, decimal comma. */
export function budgetCsvOf(view: ApplicationView): string {
  const funders = new Map(view.funding.map((f) => [f.cofunderId, f.cofunderName]));
  const quote = (s: string) => (/[;"\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  const amount = (cents: number) => `${cents < 0 ? '-' : ''}${Math.floor(Math.abs(cents) / 100)},${String(Math.abs(cents) % 100).padStart(2, '0')}`;
  const out: string[] = ['structure;code;libellé;précision;financeur;montant'];
  const block = (name: string, lines: readonly BudgetLine[]) => {
    const order = new Map(BUDGET_CODES.map((b, i) => [b.code, i]));
    for (const l of [...lines].sort((a, b) => (order.get(a.code) ?? 0) - (order.get(b.code) ?? 0))) {
      out.push(
        [name, l.code, budgetCode(l.code)?.label ?? l.code, l.detail, l.cofunderId ? (funders.get(l.cofunderId) ?? '') : '', amount(l.amountCents)]
          .map(quote)
          .join(';'),
      );
    }
    const t = budgetTotals(lines);
    out.push([name, 'TOTAL-CHARGES', 'Total des charges', '', '', amount(t.charges)].map(quote).join(';'));
    out.push([name, 'TOTAL-PRODUITS', 'Total des produits', '', '', amount(t.produits)].map(quote).join(';'));
  };
  for (const b of view.budgets) block(b.organisationName, b.lines);
  if (view.budgets.length > 1) block('Budget consolidé', view.consolidated.lines);
  return `\ufeff${out.join('\r\n')}\r\n`;
}

/** The "ready for Dauphin" PDF. */
export async function dauphinPackPdf(db: Kysely<DB>, view: ApplicationView, now: Date): Promise<Buffer> {
  const identities = await structureIdentities(
    db,
    view.structures.map((s) => s.organisationId),
  );
  const w = pdfWriter(`Demande de subvention — ${view.action.title}`);
  const a = view.action;
  w.title(
    'Demande de subvention(s) — dossier prêt pour Dauphin',
    `Rubriques du formulaire unique CERFA 12156 · ${view.callTitle} · filière ${TRACK_LABELS[view.track]}`,
  );
  w.field('Forme', 'en numéraire');
  w.field('Fréquence', a.frequency === 'renouvellement' ? 'renouvellement ou poursuite' : 'première demande');
  w.field('Objet', 'projet(s) - action(s)');
  w.field('Période', 'annuelle ou ponctuelle');

  w.heading('1. Identification de l’association');
  for (const s of view.structures) {
    const id = identities.find((i) => i.id === s.organisationId);
    w.subheading(`${s.role === 'lead' ? 'Structure porteuse' : 'Structure partenaire'} : ${s.name}`);
    w.field('Nom - Dénomination', s.name);
    w.field('Nature', id ? (KIND_LABELS[id.kind] ?? id.kind) : '');
    w.field('Numéro SIRET', id?.siret ?? id?.siren ?? '');
    w.field('Numéro RNA', id?.rna ?? '');
    w.field('Adresse du siège social', [id?.address, id?.commune].filter(Boolean).join(', '));
    w.field('Courriel', id?.public_email ?? '');
    w.field('Téléphone', id?.public_phone ?? '');
    w.field('Site internet', id?.website ?? '');
  }

  w.heading('2. Relations avec l’administration et avec d’autres associations');
  if (view.collective) w.field('Action portée avec le collectif', view.collective.name);
  if (view.structures.length > 1)
    w.field(
      'Structures associées à la demande',
      view.structures
        .filter((s) => s.role === 'partner')
        .map((s) => s.name)
        .join(', '),
    );
  w.para('Agréments, affiliations et assujettissement aux impôts commerciaux : à compléter dans Dauphin.');

  w.heading('3. Moyens humains de l’association');
  if (a.humanMeans.length === 0) w.para('Non précisés.');
  for (const m of a.humanMeans) w.field(HUMAN_MEANS[m.category] ?? m.category, `${m.people} personne(s), ${etpt(m.etptHundredths)} ETPT`);

  w.heading('4. Projet - Objet de la demande');
  w.field('Intitulé', a.title);
  w.subheading('Objectifs');
  if (a.objectives.length === 0) w.para('—');
  a.objectives.forEach((o, i) => {
    w.para(`${i + 1}. ${o}`);
  });
  w.subheading('Description');
  w.para(a.description);
  w.subheading('Bénéficiaires');
  w.field('Nombre de bénéficiaires', String(a.beneficiaries.count));
  w.field('Part résidant en quartier prioritaire (QPV)', `${a.beneficiaries.qpvSharePercent} %`);
  w.field('Publics visés', a.beneficiaries.publics);
  w.field('Territoires', view.territories.map((t) => t.name).join(', '));
  w.subheading('Moyens humains affectés à l’action');
  if (a.humanMeans.length === 0) w.para('—');
  for (const m of a.humanMeans) w.field(HUMAN_MEANS[m.category] ?? m.category, `${m.people} personne(s), ${etpt(m.etptHundredths)} ETPT`);
  w.field('Date de mise en œuvre prévue (début)', frenchDate(a.startsOn));
  w.field('Durée prévue (fin)', frenchDate(a.endsOn));
  if (view.change) w.field('Changement visé (chemin de changement)', view.change.text);
  w.subheading('Évaluation : indicateurs proposés');
  if (a.indicators.length === 0) w.para('—');
  for (const i of a.indicators) w.para(`• ${i.name}${i.target ? ` — cible : ${i.target}` : ''}`);

  w.heading('5. Budget du projet');
  const funders = new Map(view.funding.map((f) => [f.cofunderId, f.cofunderName]));
  const budgets = [
    ...view.budgets.map((b) => ({ title: `Budget de ${b.organisationName}`, lines: b.lines })),
    ...(view.budgets.length > 1 ? [{ title: 'Budget consolidé de la demande', lines: view.consolidated.lines }] : []),
  ];
  const cols = [0, 0.12, 0.55, 0.8];
  for (const b of budgets) {
    w.subheading(b.title);
    const rows = gridRows(b.lines, funders);
    const t = budgetTotals(b.lines);
    w.row(['Code', 'Charges', 'Précision', 'Montant'], cols, { bold: true, rightFrom: 3 });
    for (const r of rows.charges) w.row([r.code, r.label, r.detail, r.amount], cols, { rightFrom: 3 });
    w.row(['', 'Total des charges', '', formatEuros(t.charges + t.chargesNature)], cols, { bold: true, rightFrom: 3 });
    w.doc.moveDown(0.4);
    w.row(['Code', 'Produits', 'Précision', 'Montant'], cols, { bold: true, rightFrom: 3 });
    for (const r of rows.produits) w.row([r.code, r.label, r.detail, r.amount], cols, { rightFrom: 3 });
    w.row(['', 'Total des produits', '', formatEuros(t.produits + t.produitsNature)], cols, { bold: true, rightFrom: 3 });
    if (t.chargesNature || t.produitsNature) {
      w.field('Dont contributions volontaires en nature', `86 : ${formatEuros(t.chargesNature)} · 87 : ${formatEuros(t.produitsNature)}`);
    }
  }
  if (view.funding.length) {
    w.subheading('Financements demandés (ligne 74)');
    for (const f of view.funding) {
      w.field(f.cofunderName, `${formatEuros(f.requestedCents)} (${(f.shareBasisPoints / 100).toFixed(2).replace('.', ',')} % des produits)`);
    }
  }

  w.heading('6. Déclaration sur l’honneur');
  const requested = view.funding.reduce((s, f) => s + f.requestedCents, 0);
  w.para('Je soussigné(e), (nom et prénom) ........................................................................');
  w.para('représentant(e) légal(e) de l’association ........................................................................');
  w.para('— déclare que l’association est à jour de ses obligations administratives, comptables, sociales et fiscales ;');
  w.para('— déclare exactes et sincères les informations du présent formulaire, notamment relatives aux demandes de subventions déposées auprès d’autres financeurs publics ;');
  w.para('— déclare que l’association souscrit au contrat d’engagement républicain ;');
  w.para(`— demande une subvention de ${formatEuros(requested)} pour un budget total de ${formatEuros(view.consolidated.totals.charges)} ;`);
  w.para('— précise que cette subvention, si elle est accordée, devra être versée au compte bancaire de l’association (RIB joint).');
  w.doc.moveDown(1);
  w.para('Fait à ........................................, le ........................................');
  w.doc.moveDown(1.5);
  w.para('Signature : ........................................................................');

  w.footer(`${view.action.title} — préparé avec maillage le ${now.toLocaleDateString('fr-FR', { timeZone: 'Europe/Paris' })}`);
  return collect(w.doc);
}
