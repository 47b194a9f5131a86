import type { ApiEndpoints, EndpointOutput } from '@maillage/core';
import { useEffect, useState } from 'preact/hooks';
import { request, requestFile } from '../../shared/api';
import { useI18n } from '../../shared/i18n';
import { Link } from '../../shared/router';
import { useSession } from '../../shared/session';
import { Alert, PageTitle } from '../../shared/ui';
import { TerritorySelect, useEcoTerritory } from '../ecosystem/common';
import { ChartFigure } from './chart-figure';
import './evaluation.css';

type Dashboard = EndpointOutput<ApiEndpoints['GET /api/indicators/dashboard']>;
type Row = Dashboard['indicators'][number];
type Missing = EndpointOutput<ApiEndpoints['GET /api/indicators/:id/missing']>['reporters'];

/** Who has not reported an indicator yet (for those who may see it: coordination and facilitators). */
function Late({ indicator }: { indicator: Row }) {
  const { t } = useI18n();
  const [missing, setMissing] = useState<Missing | null>();
  useEffect(() => {
    if (indicator.lateReporters === 0) return;
    request('GET /api/indicators/:id/missing', { params: { id: indicator.id } })
      .then((m) => setMissing(m.reporters.filter((r) => r.periods.length > 0)))
      .catch(() => setMissing(null));
  }, [indicator.id, indicator.lateReporters]);
  if (indicator.lateReporters === 0) return <p>{t('evaluation.missing.none')}</p>;
  return (
    <div>
      <p>
        <strong>{t('evaluation.dashboard.late', { count: indicator.lateReporters, total: indicator.reporters })}</strong>
      </p>
      {missing && missing.length > 0 && (
        <ul aria-label={t('evaluation.missing.title')}>
          {missing.map((m) => (
            <li key={m.organisation.id}>
              {m.organisation.name} : {m.periods.join(', ')}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** `/indicateurs/tableau-de-bord`: every indicator of a territory, its chart, its last total against baseline and target, who is late. */
export default function DashboardPage() {
  const { t, formatNumber } = useI18n();
  const { session } = useSession();
  const { territoryId, setTerritoryId, options } = useEcoTerritory();
  const [dashboard, setDashboard] = useState<Dashboard>();
  const [error, setError] = useState<string>();
  const writes =
    session?.user?.isAdmin ||
    session?.user?.roles.some((r) => r.territoryId === territoryId && (r.role === 'coordinator' || r.role === 'facilitator'));
  useEffect(() => {
    if (!territoryId) return;
    setDashboard(undefined);
    setError(undefined);
    request('GET /api/indicators/dashboard', { query: { territoryId } })
      .then(setDashboard)
      .catch((e: Error) => setError(e.message || t('common.error')));
  }, [territoryId]);
  const value = (n: number | null, unit: string) => (n === null ? t('evaluation.facts.none') : `${formatNumber(n)} ${unit}`);
  return (
    <div class="evaluation">
      <p>
        <Link href="/indicateurs">{t('evaluation.back')}</Link>
      </p>
      <PageTitle>{t('evaluation.dashboard.title')}</PageTitle>
      <p>{t('evaluation.dashboard.intro')}</p>
      {!territoryId && <Alert kind="info">{t('ecosystem.territory.none')}</Alert>}
      {options.length > 1 && (
        <form noValidate class="inline-form" onSubmit={(e) => e.preventDefault()}>
          <TerritorySelect value={territoryId} options={options} onChange={setTerritoryId} />
        </form>
      )}
      {error && <Alert>{error}</Alert>}
      {territoryId && !dashboard && !error && <p aria-busy="true">{t('common.loading')}</p>}
      {dashboard?.indicators.length === 0 && <p>{t('evaluation.indicators.none')}</p>}
      {dashboard && dashboard.indicators.length > 0 && (
        <ul class="indicator-list dashboard-grid">
          {dashboard.indicators.map((i) => (
            <li key={i.id} class="card">
              <h2>
                <Link href={`/indicateurs/${i.id}`}>{i.name}</Link>
              </h2>
              <p class="muted">
                {t(`evaluation.owner.${i.owner.kind}`, { name: i.owner.name })} · {i.unit}
              </p>
              <ChartFigure
                src={`/api/indicators/${i.id}/chart.svg`}
                alt={t('evaluation.dashboard.chartAlt', { name: i.name })}
                name={i.name}
                fetchSvg={() => requestFile('GET /api/indicators/:id/chart.svg', { params: { id: i.id } })}
                csv={`/api/indicators/${i.id}/measurements.csv`}
              />
              <dl class="indicator-facts">
                <dt>{t('evaluation.dashboard.last')}</dt>
                <dd>
                  {i.lastPeriod === null ? t('evaluation.indicators.noValue') : `${value(i.lastTotal, i.unit)} (${i.lastPeriod})`}
                  {i.change !== null && i.change !== 0 && (
                    <span class="muted">
                      {' '}
                      {t('evaluation.dashboard.change', { change: `${i.change > 0 ? '+' : ''}${formatNumber(i.change)}` })}
                    </span>
                  )}
                </dd>
                <dt>{t('evaluation.facts.baseline')}</dt>
                <dd>{value(i.baselineValue, i.unit)}</dd>
                <dt>{t('evaluation.facts.target')}</dt>
                <dd>
                  {value(i.targetValue, i.unit)}
                  {i.targetValue !== null && i.targetYear !== null && ` (${i.targetYear})`}
                </dd>
              </dl>
              {i.progress !== null && (
                <p>
                  <label for={`progress-${i.id}`}>{t('evaluation.dashboard.progress')}</label>{' '}
                  <meter
                    id={`progress-${i.id}`}
                    min={0}
                    max={1}
                    low={0.34}
                    high={0.67}
                    optimum={1}
                    value={Math.max(0, Math.min(1, i.progress))}
                  >
                    {Math.round(i.progress * 100)} %
                  </meter>{' '}
                  {t('evaluation.dashboard.progressValue', { percent: Math.round(i.progress * 100) })}
                </p>
              )}
              {writes ? (
                <Late indicator={i} />
              ) : (
                i.lateReporters > 0 && <p>{t('evaluation.dashboard.late', { count: i.lateReporters, total: i.reporters })}</p>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
