import { type ApplicationView, BUDGET_CODES, budgetCode, formatEuros } from '@maillage/core';
import { collect, pdfWriter } from './dauphin-pack';

/**
 * The compte rendu financier of a funded action (CERFA 15059): for each structure the grid's
 * lines with the planned amount, the actual one and the gap in percent, charges then produits,
 * and the qualitative report.
 */

type ReportLine = { code: string; detail: string; plannedCents: number; actualCents: number };

/** The gap of actual to planned, in percent with one decimal (French comma), or « — » when nothing was planned. */
export function gapPercent(plannedCents: number, actualCents: number): string {
  if (plannedCents === 0) return actualCents === 0 ? '0,0 %' : '—';
  // Tenths of a percent, rounded half away from zero, in integers.
  const num = (actualCents - plannedCents) * 1000;
  const tenths = Math.sign(num) * Math.floor((Math.abs(num) * 2 + plannedCents) / (2 * plannedCents));
  const sign = tenths > 0 ? '+' : tenths < 0 ? '-' : '';
  const abs = Math.abs(tenths);
  return `${sign}${Math.floor(abs / 10)},${abs % 10} %`;
}

export async function reportPdfOf(view: ApplicationView, now: Date): Promise<Buffer> {
  const w = pdfWriter(`Compte rendu financier — ${view.action.title}`);
  w.title('Compte rendu financier de l’action subventionnée', `CERFA 15059 · ${view.callTitle} · ${view.action.title}`);
  const voted = view.funding.filter((f) => f.decision === 'accorde');
  for (const f of voted) w.field(`Subvention accordée par ${f.cofunderName}`, formatEuros(f.votedCents ?? 0));
  const report = view.report;
  if (!report) {
    w.heading('Compte rendu');
    w.para('Le compte rendu n’est pas encore rédigé.');
  }
  const order = new Map(BUDGET_CODES.map((b, i) => [b.code, i]));
  const cols = [0, 0.1, 0.46, 0.64, 0.82];
  for (const b of report?.budgets ?? []) {
    w.heading(`Tableau de synthèse — ${b.organisationName}`);
    const lines = [...b.lines].sort((x, y) => (order.get(x.code) ?? 0) - (order.get(y.code) ?? 0));
    for (const side of ['charges', 'produits'] as const) {
      const rows = lines.filter((l) => budgetCode(l.code)?.side === side);
      w.row(['Code', side === 'charges' ? 'Charges' : 'Produits', 'Prévision', 'Réalisation', 'Écart'], cols, { bold: true, rightFrom: 2 });
      for (const l of rows) {
        const label = `${budgetCode(l.code)?.label ?? l.code}${l.detail ? ` — ${l.detail}` : ''}`;
        w.row([l.code, label, formatEuros(l.plannedCents), formatEuros(l.actualCents), gapPercent(l.plannedCents, l.actualCents)], cols, {
          rightFrom: 2,
        });
      }
      const sum = (k: keyof Pick<ReportLine, 'plannedCents' | 'actualCents'>) => rows.reduce((s, l) => s + l[k], 0);
      w.row(
        ['', side === 'charges' ? 'Total des charges' : 'Total des produits', formatEuros(sum('plannedCents')), formatEuros(sum('actualCents')), gapPercent(sum('plannedCents'), sum('actualCents'))],
        cols,
        { bold: true, rightFrom: 2 },
      );
      w.doc.moveDown(0.4);
    }
  }
  if (report) {
    w.heading('Bilan qualitatif de l’action');
    w.para(report.qualitative);
  }
  w.heading('Attestation');
  w.para('Je soussigné(e), représentant(e) légal(e) de l’association, certifie exactes les informations du présent compte rendu.');
  w.doc.moveDown(1);
  w.para('Fait à ........................................, le ........................................');
  w.doc.moveDown(1.5);
  w.para('Signature : ........................................................................');
  w.footer(`${view.action.title} — compte rendu financier, préparé avec maillage le ${now.toLocaleDateString('fr-FR', { timeZone: 'Europe/Paris' })}`);
  return collect(w.doc);
}
