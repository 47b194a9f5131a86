import type { BarometerRunView } from '@maillage/core';
import { FACTOR_GROUP_LABELS, FACTORS } from '@maillage/core';
import { useEffect, useState } from 'preact/hooks';
import { request, requestFile } from '../../shared/api';
import { useI18n } from '../../shared/i18n';
import { Alert, PageTitle } from '../../shared/ui';
import { PngButton } from './chart-figure';
import './evaluation.css';

/** A barometer run's results: per factor its mean, spread and reading in words; nothing below three answers. */
export default function BarometerResultsPage({ params }: { params: Record<string, string> }) {
  const { t, locale, formatNumber } = useI18n();
  const id = params.runId as string;
  const [run, setRun] = useState<BarometerRunView>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    request('GET /api/barometer/runs/:id', { params: { id } })
      .then(setRun)
      .catch((e: Error) => setError(e.message || t('common.error')));
  }, [id]);
  if (error) return <Alert>{error}</Alert>;
  if (!run) return <p aria-busy="true">{t('common.loading')}</p>;
  const factorName = (key: string) => {
    const f = FACTORS.find((x) => x.key === key);
    return f ? f[locale] : key;
  };
  const result = run.result;
  const fmt = (n: number) => formatNumber(Math.round(n * 100) / 100);
  return (
    <div class="evaluation">
      <PageTitle>{run.title}</PageTitle>
      <p>
        {t('evaluation.results.title')}
        {run.collective && ` · ${run.collective.name}`} · {t('evaluation.results.respondents', { count: run.respondents })}
      </p>
      {run.code && !run.closed && (
        <p class="share-token">{t('evaluation.results.link', { url: `${window.location.origin}/barometre/${run.code}` })}</p>
      )}
      {!result.shown ? (
        <Alert kind="info">{t('evaluation.results.hidden', { needed: result.needed, count: result.respondents })}</Alert>
      ) : (
        <>
          <img class="indicator-chart" src={`/api/barometer/runs/${run.id}/results.svg`} alt={t('evaluation.results.chartAlt')} />
          <p>{t('evaluation.results.spreadHint')}</p>
          <div class="table-scroll">
            <table>
              <caption>{t('evaluation.results.title')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('evaluation.results.factor')}</th>
                  <th scope="col">{t('evaluation.results.mean')}</th>
                  <th scope="col">{t('evaluation.results.spread')}</th>
                  <th scope="col">{t('evaluation.results.reading')}</th>
                  <th scope="col">{t('evaluation.results.trend')}</th>
                </tr>
              </thead>
              <tbody>
                {result.factors.map((f) => (
                  <tr key={f.factor}>
                    <th scope="row">{factorName(f.factor)}</th>
                    <td>{fmt(f.mean)}</td>
                    <td>{fmt(f.spread)}</td>
                    <td class={`reading-${f.reading}`}>{t(`evaluation.reading.${f.reading}`)}</td>
                    <td>{f.trend === null ? '—' : `${f.trend > 0 ? '+' : ''}${fmt(f.trend)}`}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <h2>{t('evaluation.results.groups')}</h2>
          <ul>
            {result.groups.map((g) => (
              <li key={g.group}>
                {FACTOR_GROUP_LABELS[g.group][locale]} : {fmt(g.mean)} — {t(`evaluation.reading.${g.reading}`)}
              </li>
            ))}
          </ul>
          <p class="downloads">
            <PngButton
              name={`barometre-${run.title}`}
              fetchSvg={() => requestFile('GET /api/barometer/runs/:id/results.svg', { params: { id: run.id } })}
            />{' '}
            ·{' '}
            <a href={`/api/barometer/runs/${run.id}/results.svg`} download>
              {t('evaluation.download.svg')}
            </a>{' '}
            ·{' '}
            <a href={`/api/barometer/runs/${run.id}/results.csv`} download>
              {t('evaluation.results.csv')}
            </a>
          </p>
        </>
      )}
    </div>
  );
}
