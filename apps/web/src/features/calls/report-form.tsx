import type { ApplicationView } from '@maillage/core';
import { budgetCode } from '@maillage/core';
import { useState } from 'preact/hooks';
import { request } from '../../shared/api';
import { useI18n } from '../../shared/i18n';
import { Alert, Button } from '../../shared/ui';
import { euros, problemMessage, ScrollTable } from './common';
import { formatEurosInput, parseEuros } from './money';

/**
 * The compte rendu financier (CERFA 15059) of a funded action: for each structure the planned
 * lines with the actual amount beside them and the gap, and the qualitative report.
 */
export function ReportForm({
  app,
  ids,
  onSaved,
}: {
  app: ApplicationView;
  ids: { callId: string; applicationId: string };
  onSaved(a: ApplicationView): void;
}) {
  const { t } = useI18n();
  const [actual, setActual] = useState<Record<string, string>>(() => {
    const out: Record<string, string> = {};
    for (const b of app.budgets)
      b.lines.forEach((l, i) => {
        const reported = app.report?.budgets
          .find((r) => r.organisationId === b.organisationId)
          ?.lines.find((r) => r.code === l.code && r.detail === l.detail);
        out[`${b.organisationId}:${i}`] = formatEurosInput(reported?.actualCents ?? l.amountCents);
      });
    return out;
  });
  const [qualitative, setQualitative] = useState(app.report?.qualitative ?? '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [saved, setSaved] = useState(false);
  const submit = async (e: Event) => {
    e.preventDefault();
    setError(undefined);
    const budgets = [];
    for (const b of app.budgets) {
      const lines = [];
      for (const [i, l] of b.lines.entries()) {
        const parsed = parseEuros(actual[`${b.organisationId}:${i}`] ?? '');
        if (!parsed.ok) return setError(t('calls.budget.wrongLine', { code: l.code, reason: t(`calls.budget.reason.${parsed.reason}`) }));
        lines.push({ ...l, amountCents: parsed.cents });
      }
      budgets.push({ organisationId: b.organisationId, lines });
    }
    setBusy(true);
    try {
      onSaved(
        await request('PUT /api/calls/:callId/applications/:applicationId/report', {
          params: ids,
          body: { version: app.version, budgets, qualitative },
        }),
      );
      setSaved(true);
    } catch (err) {
      setError(problemMessage(err, t('common.offline')));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form noValidate class="card" onSubmit={submit} aria-labelledby="report-title">
      <h2 id="report-title">{t('calls.report.title')}</h2>
      <p>{t('calls.report.intro')}</p>
      {error && <Alert>{error}</Alert>}
      {saved && <Alert kind="success">{t('calls.report.saved')}</Alert>}
      {app.budgets.map((b) => (
        <ScrollTable key={b.organisationId} label={b.organisationName}>
          <table>
            <caption>{b.organisationName}</caption>
            <thead>
              <tr>
                <th scope="col">{t('calls.budget.code')}</th>
                <th scope="col">{t('calls.report.planned')}</th>
                <th scope="col">{t('calls.report.actual')}</th>
                <th scope="col">{t('calls.report.gap')}</th>
              </tr>
            </thead>
            <tbody>
              {b.lines.map((l, i) => {
                const k = `${b.organisationId}:${i}`;
                const parsed = parseEuros(actual[k] ?? '');
                return (
                  <tr key={k}>
                    <th scope="row">
                      {l.code} {budgetCode(l.code)?.label}
                      {l.detail && ` (${l.detail})`}
                    </th>
                    <td class="amount">{euros(l.amountCents)}</td>
                    <td>
                      <label class="visually-hidden" for={`actual-${k}`}>
                        {t('calls.report.actualOf', { code: l.code })}
                      </label>
                      <input
                        id={`actual-${k}`}
                        class="amount-input"
                        inputMode="decimal"
                        value={actual[k]}
                        aria-invalid={parsed.ok ? undefined : 'true'}
                        onInput={(e) => setActual((a) => ({ ...a, [k]: e.currentTarget.value }))}
                      />
                    </td>
                    <td class="amount">{parsed.ok ? euros(parsed.cents - l.amountCents) : '—'}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </ScrollTable>
      ))}
      <div class="field">
        <label for="report-qualitative">{t('calls.report.qualitative')}</label>
        <textarea id="report-qualitative" rows={6} value={qualitative} onInput={(e) => setQualitative(e.currentTarget.value)} />
      </div>
      <Button type="submit" busy={busy}>
        {t('calls.report.save')}
      </Button>
    </form>
  );
}
