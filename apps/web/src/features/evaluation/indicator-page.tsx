import type { Frequency, IndicatorDetailView, MeasurementView } from '@maillage/core';
import { normalisePeriod, parseFrenchNumber } from '@maillage/core';
import { useEffect, useState } from 'preact/hooks';
import { ApiError, request, requestFile } from '../../shared/api';
import { useI18n } from '../../shared/i18n';
import { Link } from '../../shared/router';
import { Alert, Button, Field, PageTitle } from '../../shared/ui';
import { PngButton } from './chart-figure';
import './evaluation.css';

type Missing = { organisation: { id: string; name: string }; periods: string[]; lastPeriod: string | null }[];

/** « Renseigner une valeur »: organisation, period in the indicator's form, value (decimal comma accepted), comment. */
function ReportForm({ indicator, onDone }: { indicator: IndicatorDetailView; onDone: () => void }) {
  const { t } = useI18n();
  const orgs = indicator.reporters.filter((r) => indicator.may.reportFor.includes(r.id));
  const [organisationId, setOrganisationId] = useState(orgs[0]?.id ?? '');
  const [period, setPeriod] = useState('');
  const [value, setValue] = useState('');
  const [comment, setComment] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [general, setGeneral] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<string>();
  const submit = async (event: Event) => {
    event.preventDefault();
    setDone(undefined);
    setGeneral(undefined);
    const frequency = indicator.frequency as Frequency;
    const found: Record<string, string> = {};
    const normalised = normalisePeriod(period, frequency);
    if (!period.trim()) found.period = t('evaluation.report.periodRequired');
    else if (!normalised) found.period = t('evaluation.report.periodInvalid', { hint: t(`evaluation.period.${frequency}`) });
    const number = parseFrenchNumber(value);
    if (!value.trim()) found.value = t('evaluation.report.valueRequired');
    else if (number === null) found.value = t('evaluation.report.valueInvalid');
    if (!organisationId) found.organisationId = t('evaluation.report.orgRequired');
    setErrors(found);
    if (Object.keys(found).length) return;
    setBusy(true);
    try {
      const saved = await request('POST /api/indicators/:id/measurements', {
        params: { id: indicator.id },
        body: { organisationId, period: normalised as string, value: number as number, comment },
      });
      setDone(t('evaluation.report.done', { period: saved.period, version: saved.version }));
      setValue('');
      setComment('');
      onDone();
    } catch (e) {
      if (e instanceof ApiError && e.fieldErrors.length) {
        setErrors(
          Object.fromEntries(
            ['organisationId', 'period', 'value', 'comment'].flatMap((f) => (e.forField(f) ? [[f, e.forField(f) as string]] : [])),
          ),
        );
      }
      setGeneral(e instanceof Error && e.message ? e.message : t('common.error'));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="card" onSubmit={submit} noValidate aria-labelledby="report-title">
      <h2 id="report-title">{t('evaluation.report.title')}</h2>
      {general && <Alert>{general}</Alert>}
      {done && <Alert kind="success">{done}</Alert>}
      <div class="field">
        <label for="report-org">{t('evaluation.report.organisation')}</label>
        <select
          id="report-org"
          value={organisationId}
          aria-invalid={errors.organisationId ? 'true' : undefined}
          aria-describedby={errors.organisationId ? 'report-org-error' : undefined}
          onChange={(e) => setOrganisationId(e.currentTarget.value)}
        >
          {orgs.map((o) => (
            <option key={o.id} value={o.id}>
              {o.name}
            </option>
          ))}
        </select>
        {errors.organisationId && (
          <p class="field-error" id="report-org-error">
            {errors.organisationId}
          </p>
        )}
      </div>
      <Field
        label={t('evaluation.report.period')}
        hint={t(`evaluation.period.${indicator.frequency}`)}
        name="period"
        value={period}
        required
        autocomplete="off"
        error={errors.period}
        onInput={(e) => setPeriod(e.currentTarget.value)}
      />
      <Field
        label={t('evaluation.report.value', { unit: indicator.unit })}
        hint={t('evaluation.report.valueHint')}
        name="value"
        value={value}
        required
        inputMode="decimal"
        autocomplete="off"
        error={errors.value}
        onInput={(e) => setValue(e.currentTarget.value)}
      />
      <div class="field">
        <label for="report-comment">{t('evaluation.report.comment')}</label>
        <textarea
          id="report-comment"
          value={comment}
          maxLength={1000}
          aria-invalid={errors.comment ? 'true' : undefined}
          aria-describedby={errors.comment ? 'report-comment-error' : undefined}
          onInput={(e) => setComment(e.currentTarget.value)}
        />
        {errors.comment && (
          <p class="field-error" id="report-comment-error">
            {errors.comment}
          </p>
        )}
      </div>
      <Button type="submit" busy={busy}>
        {t('evaluation.report.submit')}
      </Button>
    </form>
  );
}

/** The versions of one partner's value for one period: corrections never overwrite. */
function History({ indicator }: { indicator: IndicatorDetailView }) {
  const { t, formatNumber, formatDate } = useI18n();
  const cells = indicator.periods.flatMap((p) => p.values.map((v) => ({ key: `${v.organisationId}|${p.period}`, v })));
  const [chosen, setSelected] = useState('');
  const selected = cells.some((c) => c.key === chosen) ? chosen : (cells[cells.length - 1]?.key ?? '');
  const [versions, setVersions] = useState<MeasurementView[]>();
  const [error, setError] = useState<string>();
  if (!cells.length) return null;
  const show = async (event: Event) => {
    event.preventDefault();
    const [organisationId, period] = selected.split('|') as [string, string];
    setError(undefined);
    try {
      setVersions(
        await request('GET /api/indicators/:id/measurements/history', { params: { id: indicator.id }, query: { organisationId, period } }),
      );
    } catch (e) {
      setError(e instanceof Error && e.message ? e.message : t('common.error'));
    }
  };
  return (
    <section class="card" aria-labelledby="history-title">
      <h2 id="history-title">{t('evaluation.history.title')}</h2>
      <form noValidate onSubmit={show} class="inline-form">
        <div class="field">
          <label for="history-cell">{t('evaluation.history.which')}</label>
          <select id="history-cell" value={selected} onChange={(e) => setSelected(e.currentTarget.value)}>
            {cells.map((c) => (
              <option key={c.key} value={c.key}>
                {c.v.period} — {c.v.organisationName}
              </option>
            ))}
          </select>
        </div>
        <Button type="submit" variant="secondary">
          {t('evaluation.history.show')}
        </Button>
      </form>
      {error && <Alert>{error}</Alert>}
      {versions && (
        <ol>
          {versions.map((v) => (
            <li key={v.id}>
              {t('evaluation.history.version', {
                version: v.version,
                value: formatNumber(v.value),
                date: formatDate(v.reportedAt),
                by: v.reportedBy || v.sourceFile || '—',
              })}
              {v.comment && ` — ${v.comment}`}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

/** One indicator: its chart (the server's SVG), the same data as a table, reporting, history, who is late, downloads. */
export default function IndicatorPage({ params }: { params: Record<string, string> }) {
  const { t, formatNumber } = useI18n();
  const id = params.id as string;
  const [indicator, setIndicator] = useState<IndicatorDetailView>();
  const [missing, setMissing] = useState<Missing>();
  const [error, setError] = useState<string>();
  const [version, setVersion] = useState(0);
  // After a report the chart is fetched afresh: the browser's image cache would keep showing the old one.
  const [chartSrc, setChartSrc] = useState(`/api/indicators/${id}/chart.svg`);
  useEffect(() => {
    if (version === 0) return;
    let url: string | undefined;
    requestFile('GET /api/indicators/:id/chart.svg', { params: { id } })
      .then((blob) => {
        url = URL.createObjectURL(blob);
        setChartSrc(url);
      })
      .catch(() => undefined);
    return () => {
      if (url) URL.revokeObjectURL(url);
    };
  }, [id, version]);
  useEffect(() => {
    request('GET /api/indicators/:id', { params: { id } })
      .then((found) => {
        setIndicator(found);
        if (found.may.write) {
          request('GET /api/indicators/:id/missing', { params: { id } })
            .then((m) => setMissing(m.reporters))
            .catch(() => setMissing(undefined));
        }
      })
      .catch((e: Error) => setError(e.message || t('common.error')));
  }, [id, version]);
  if (error) return <Alert>{error}</Alert>;
  if (!indicator) return <p aria-busy="true">{t('common.loading')}</p>;
  const partners = indicator.reporters;
  const cellOf = (values: MeasurementView[], orgId: string) => values.find((v) => v.organisationId === orgId);
  return (
    <div class="evaluation">
      <p>
        <Link href="/indicateurs">{t('evaluation.back')}</Link>
      </p>
      <PageTitle>{indicator.name}</PageTitle>
      <dl class="indicator-facts">
        <dt>{t('evaluation.facts.owner')}</dt>
        <dd>{t(`evaluation.owner.${indicator.owner.kind}`, { name: indicator.owner.name })}</dd>
        <dt>{t('evaluation.facts.unit')}</dt>
        <dd>{indicator.unit}</dd>
        <dt>{t('evaluation.facts.frequency')}</dt>
        <dd>{indicator.frequency}</dd>
        <dt>{t('evaluation.facts.baseline')}</dt>
        <dd>
          {indicator.baselineValue === null
            ? t('evaluation.facts.none')
            : `${formatNumber(indicator.baselineValue)} (${indicator.baselineYear ?? '—'})`}
        </dd>
        <dt>{t('evaluation.facts.target')}</dt>
        <dd>
          {indicator.targetValue === null
            ? t('evaluation.facts.none')
            : `${formatNumber(indicator.targetValue)} (${indicator.targetYear ?? '—'})`}
        </dd>
        {indicator.method && (
          <>
            <dt>{t('evaluation.facts.method')}</dt>
            <dd>{indicator.method}</dd>
          </>
        )}
      </dl>
      <section aria-labelledby="chart-title">
        <h2 id="chart-title">{t('evaluation.chart.title')}</h2>
        <img class="indicator-chart" src={chartSrc} alt={t('evaluation.chart.alt', { name: indicator.name })} />
        {indicator.periods.length === 0 ? (
          <p>{t('evaluation.indicators.noValue')}</p>
        ) : (
          <div class="table-scroll">
            <table>
              <caption>{t('evaluation.table.caption', { unit: indicator.unit })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('evaluation.table.period')}</th>
                  {partners.map((p) => (
                    <th scope="col" key={p.id}>
                      {p.name}
                    </th>
                  ))}
                  <th scope="col">{t(indicator.aggregate === 'somme' ? 'evaluation.table.total' : 'evaluation.table.mean')}</th>
                </tr>
              </thead>
              <tbody>
                {indicator.periods.map((p) => (
                  <tr key={p.period}>
                    <th scope="row">{p.period}</th>
                    {partners.map((o) => {
                      const v = cellOf(p.values, o.id);
                      return (
                        <td key={o.id}>
                          {v ? formatNumber(v.value) : '—'}
                          {v && v.version > 1 && <span class="muted"> {t('evaluation.table.corrected', { version: v.version })}</span>}
                        </td>
                      );
                    })}
                    <td>{formatNumber(p.total)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <p class="downloads">
          <PngButton
            name={indicator.name}
            fetchSvg={() => requestFile('GET /api/indicators/:id/chart.svg', { params: { id: indicator.id } })}
          />{' '}
          ·{' '}
          <a href={`/api/indicators/${indicator.id}/chart.svg`} download>
            {t('evaluation.download.svg')}
          </a>{' '}
          ·{' '}
          <a href={`/api/indicators/${indicator.id}/measurements.csv`} download>
            {t('evaluation.download.csv')}
          </a>
        </p>
      </section>
      {indicator.may.reportFor.length > 0 && <ReportForm indicator={indicator} onDone={() => setVersion((v) => v + 1)} />}
      <History key={version} indicator={indicator} />
      {missing && (
        <section class="card" aria-labelledby="missing-title">
          <h2 id="missing-title">{t('evaluation.missing.title')}</h2>
          {missing.filter((m) => m.periods.length).length === 0 ? (
            <p>{t('evaluation.missing.none')}</p>
          ) : (
            <ul>
              {missing
                .filter((m) => m.periods.length)
                .map((m) => (
                  <li key={m.organisation.id}>
                    {m.organisation.name} : {m.periods.join(', ')}
                  </li>
                ))}
            </ul>
          )}
        </section>
      )}
    </div>
  );
}
