import { BUDGET_CODES, type BudgetCode, type BudgetLine, type BudgetSide, budgetTotals, type CofunderView } from '@maillage/core';
import { useState } from 'preact/hooks';
import { useI18n } from '../../shared/i18n';
import { Alert, Button } from '../../shared/ui';
import { euros } from './common';
import { formatEurosInput, parseEuros } from './money';

interface Row {
  readonly key: string;
  readonly code: string;
  readonly detail: string;
  readonly cofunderId: string;
  readonly amount: string;
}

let seed = 0;
const centsOf = (amount: string) => {
  const parsed = parseEuros(amount);
  return parsed.ok ? parsed.cents : 0;
};
const rowKey = () => `b${++seed}`;

/** One row per code of the grid, and every saved line (a 74 code may carry one line per funder). */
export function rowsOf(lines: readonly BudgetLine[]): Row[] {
  const rows: Row[] = [];
  for (const code of BUDGET_CODES) {
    const mine = lines.filter((l) => l.code === code.code);
    if (mine.length === 0) rows.push({ key: rowKey(), code: code.code, detail: '', cofunderId: '', amount: '' });
    for (const l of mine)
      rows.push({ key: rowKey(), code: l.code, detail: l.detail, cofunderId: l.cofunderId ?? '', amount: formatEurosInput(l.amountCents) });
  }
  return rows;
}

/** The lines to save: rows with an amount or a funder; null with the first wrong amount's code when one does not read. */
export function linesOf(rows: readonly Row[]): { lines: BudgetLine[]; wrong: Row | null } {
  const lines: BudgetLine[] = [];
  for (const r of rows) {
    const parsed = parseEuros(r.amount);
    if (!parsed.ok) return { lines, wrong: r };
    if (parsed.cents === 0 && !r.cofunderId && !r.detail) continue;
    lines.push({ code: r.code, detail: r.detail.trim(), cofunderId: r.cofunderId || null, amountCents: parsed.cents });
  }
  return { lines, wrong: null };
}

const groupsOf = (side: BudgetSide) => {
  const groups: { group: string; codes: BudgetCode[] }[] = [];
  for (const c of BUDGET_CODES.filter((b) => b.side === side)) {
    const last = groups.at(-1);
    if (last && last.group === c.group) last.codes.push(c);
    else groups.push({ group: c.group, codes: [c] });
  }
  return groups;
};

/**
 * The CERFA 12156 budget of one structure: charges and produits side by side on a wide screen,
 * one above the other on a phone; amounts typed in euros with a comma (kept in cents), the totals
 * and the gap said live; the 74 lines each name the call's co-funder they ask.
 */
export function BudgetGrid({
  id,
  lines,
  cofunders,
  editable,
  onSave,
  justSaved = false,
}: {
  id: string;
  lines: readonly BudgetLine[];
  cofunders: readonly CofunderView[];
  editable: boolean;
  onSave?: (lines: BudgetLine[]) => Promise<void>;
  /**
   * The grid was just saved: a save gives the application a new version, and the parent remounts
   * the grid on the saved lines, so the confirmation must outlive this component's own state.
   */
  justSaved?: boolean;
}) {
  const { t } = useI18n();
  const [rows, setRows] = useState<Row[]>(() => rowsOf(lines));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [saved, setSaved] = useState(justSaved);
  const { lines: current } = linesOf(rows.map((r) => (parseEuros(r.amount).ok ? r : { ...r, amount: '' })));
  const totals = budgetTotals(current);
  const patch = (k: string, p: Partial<Row>) => {
    setSaved(false);
    setRows((rs) => rs.map((r) => (r.key === k ? { ...r, ...p } : r)));
  };
  const addLine = (code: string) =>
    setRows((rs) => {
      const at = rs.map((r) => r.code).lastIndexOf(code);
      return [...rs.slice(0, at + 1), { key: rowKey(), code, detail: '', cofunderId: '', amount: '' }, ...rs.slice(at + 1)];
    });
  const reasonOf = (amount: string) => {
    const parsed = parseEuros(amount);
    return parsed.ok ? undefined : t(`calls.budget.reason.${parsed.reason}`);
  };
  const save = async (e: Event) => {
    e.preventDefault();
    const { lines: out, wrong } = linesOf(rows);
    if (wrong) {
      setError(t('calls.budget.wrongLine', { code: wrong.code, reason: reasonOf(wrong.amount) ?? '' }));
      return;
    }
    setError(undefined);
    setBusy(true);
    try {
      await onSave?.(out);
      setSaved(true);
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  };
  const side = (which: BudgetSide) => (
    <table class="budget-side">
      <caption>{t(`calls.budget.${which}`)}</caption>
      <thead>
        <tr>
          <th scope="col">{t('calls.budget.code')}</th>
          <th scope="col">{t('calls.budget.label')}</th>
          <th scope="col" class="amount">
            {t('calls.budget.amount')}
          </th>
        </tr>
      </thead>
      {groupsOf(which).map((g) => (
        <tbody key={g.group}>
          <tr class="budget-group">
            <th scope="rowgroup" colSpan={3}>
              {t(`calls.budget.group.${g.group}`)}
            </th>
          </tr>
          {g.codes.flatMap((c) =>
            rows
              .filter((r) => r.code === c.code)
              .map((r, i, same) => {
                const reason = reasonOf(r.amount);
                const inputId = `${id}-${r.key}`;
                const shown = editable || (parseEuros(r.amount).ok && r.amount !== '');
                if (!shown) return null;
                return (
                  <tr key={r.key}>
                    <td class="budget-code">{c.code}</td>
                    <td>
                      {editable ? <label for={inputId}>{c.label}</label> : c.label}
                      {c.subsidy && editable && (
                        <div class="budget-subsidy">
                          <label>
                            <span class="visually-hidden">{`${c.code} `}</span>
                            {t('calls.budget.cofunder')}
                            <select value={r.cofunderId} onChange={(e) => patch(r.key, { cofunderId: e.currentTarget.value })}>
                              <option value="">{t('calls.budget.noCofunder')}</option>
                              {cofunders.map((f) => (
                                <option key={f.id} value={f.id}>
                                  {f.name}
                                </option>
                              ))}
                            </select>
                          </label>
                          <label>
                            <span class="visually-hidden">{`${c.code} `}</span>
                            {t('calls.budget.detail')}
                            <input value={r.detail} maxLength={200} onInput={(e) => patch(r.key, { detail: e.currentTarget.value })} />
                          </label>
                          {i === same.length - 1 && (
                            <button type="button" class="link-button" onClick={() => addLine(c.code)}>
                              {t('calls.budget.addLine', { code: c.code })}
                            </button>
                          )}
                        </div>
                      )}
                      {!editable && r.cofunderId && (
                        <span class="muted"> — {cofunders.find((f) => f.id === r.cofunderId)?.name ?? ''}</span>
                      )}
                      {!editable && r.detail && <span class="muted"> ({r.detail})</span>}
                    </td>
                    <td class="amount">
                      {editable ? (
                        <>
                          <input
                            id={inputId}
                            class="amount-input"
                            inputMode="decimal"
                            autoComplete="off"
                            value={r.amount}
                            aria-invalid={reason ? 'true' : undefined}
                            aria-describedby={reason ? `${inputId}-error` : undefined}
                            onInput={(e) => patch(r.key, { amount: e.currentTarget.value })}
                          />
                          {reason && (
                            <span class="field-error" id={`${inputId}-error`}>
                              {reason}
                            </span>
                          )}
                        </>
                      ) : (
                        euros(centsOf(r.amount))
                      )}
                    </td>
                  </tr>
                );
              }),
          )}
        </tbody>
      ))}
    </table>
  );
  const gap = totals.gap;
  return (
    <form noValidate class="budget" onSubmit={save} aria-label={t('calls.budget.title')}>
      <div class="budget-sides">
        {side('charges')}
        {side('produits')}
      </div>
      <div class="budget-totals card" aria-live="polite">
        <p>
          {t('calls.budget.totalCharges')} <strong>{euros(totals.charges)}</strong> · {t('calls.budget.totalProduits')}{' '}
          <strong>{euros(totals.produits)}</strong> · {t('calls.budget.subsidies')} <strong>{euros(totals.subsidies)}</strong>
        </p>
        <p>{t('calls.budget.nature', { charges: euros(totals.chargesNature), produits: euros(totals.produitsNature) })}</p>
        <p class={totals.balanced ? 'ok' : 'gap'}>
          {totals.balanced
            ? t('calls.budget.balanced')
            : gap !== 0
              ? t(gap < 0 ? 'calls.budget.gapCharges' : 'calls.budget.gapProduits', { amount: euros(Math.abs(gap)) })
              : t('calls.budget.gapNature', { amount: euros(Math.abs(totals.gapNature)) })}
        </p>
      </div>
      {error && <Alert>{error}</Alert>}
      {saved && <Alert kind="success">{t('calls.budget.saved')}</Alert>}
      {editable && (
        <Button type="submit" busy={busy}>
          {t('calls.budget.save')}
        </Button>
      )}
    </form>
  );
}
