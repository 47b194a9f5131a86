import { useEffect, useState } from 'preact/hooks';
import type { EcosystemDashboardView as DashboardAnswer } from '@maillage/core';
import { request } from '../../shared/api';
import { useI18n } from '../../shared/i18n';
import { Link } from '../../shared/router';
import { Alert, PageTitle } from '../../shared/ui';
import { EcoTabs, ScrollTable, LevelBadge, levelColours, TerritorySelect, useEcoTerritory } from './common';
import './ecosystem.css';
import { PendingProposals } from './proposals';

/** Stacked bars: one per month end, one band per level (drawn here, no chart library). */
function HistoryChart({ history, monthLabel }: { history: DashboardAnswer['history']; monthLabel(date: string): string }) {
  const width = 640;
  const height = 240;
  const left = 36;
  const bottom = 28;
  const max = Math.max(1, ...history.map((h) => h.counts.reduce((a, b) => a + b, 0)));
  const step = (width - left - 8) / Math.max(1, history.length);
  const bar = step * 0.7;
  const y = (v: number) => height - bottom - (v / max) * (height - bottom - 10);
  const ticks = [0, Math.round(max / 2), max];
  return (
    <svg class="eco-chart" viewBox={`0 0 ${width} ${height}`} aria-hidden="true" focusable="false">
      {ticks.map((v) => (
        <g key={v}>
          <line x1={left} x2={width - 4} y1={y(v)} y2={y(v)} stroke="#ddd" />
          <text x={left - 6} y={y(v) + 4} text-anchor="end">
            {v}
          </text>
        </g>
      ))}
      {history.map((h, i) => {
        let acc = 0;
        const x = left + i * step + (step - bar) / 2;
        return (
          <g key={h.date}>
            {h.counts.map((c, level) => {
              const y0 = y(acc);
              acc += c;
              return c > 0 ? <rect key={level} x={x} width={bar} y={y(acc)} height={y0 - y(acc)} fill={levelColours[level]} /> : null;
            })}
            <text x={x + bar / 2} y={height - 10} text-anchor="middle">
              {monthLabel(h.date)}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

/** `/ecosysteme/tableau-de-bord`: relations per level, their change over 12 months, isolated organisations. */
export default function DashboardPage() {
  const { t, formatDate, formatNumber } = useI18n();
  const { territoryId, setTerritoryId, options } = useEcoTerritory();
  const [data, setData] = useState<DashboardAnswer | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!territoryId) return;
    setData(null);
    request('GET /api/ecosystem/dashboard', { query: { territoryId } }).then(setData, (e: Error) => setError(e.message));
  }, [territoryId]);
  const month = (d: string) => formatDate(`${d}T12:00:00Z`, { month: 'short', timeZone: 'UTC' });
  const monthLong = (d: string) => formatDate(`${d}T12:00:00Z`, { month: 'long', year: 'numeric', timeZone: 'UTC' });
  return (
    <section class="ecosystem">
      <PageTitle>{t('ecosystem.dashboard.title')}</PageTitle>
      <EcoTabs current="dashboard" territoryId={territoryId} />
      <p class="lead">{t('ecosystem.dashboard.intro')}</p>
      {!territoryId && <Alert kind="info">{t('ecosystem.territory.none')}</Alert>}
      {options.length > 0 && <TerritorySelect value={territoryId} options={options} onChange={setTerritoryId} />}
      {error && <Alert>{error}</Alert>}
      {territoryId && <PendingProposals territoryId={territoryId} />}
      {data && (
        <>
          <p role="status">{t('ecosystem.dashboard.totals', { orgs: data.organisations, relations: data.relations })}</p>
          <ScrollTable label={t('ecosystem.common.table')}>
            <table class="eco-table">
              <caption>{t('ecosystem.dashboard.levels')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('ecosystem.dashboard.level')}</th>
                  <th scope="col">{t('ecosystem.dashboard.count')}</th>
                </tr>
              </thead>
              <tbody>
                {data.levels.map((l) => (
                  <tr key={l.level}>
                    <th scope="row">
                      <LevelBadge level={l.level} />
                    </th>
                    <td>{formatNumber(l.count)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollTable>
          <h2>{t('ecosystem.dashboard.history')}</h2>
          <HistoryChart history={data.history} monthLabel={month} />
          <ScrollTable label={t('ecosystem.common.table')}>
            <table class="eco-table">
              <caption>{t('ecosystem.dashboard.historyCaption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('ecosystem.dashboard.month')}</th>
                  {[1, 2, 3, 4, 5, 6, 7].map((l) => (
                    <th scope="col" key={l}>
                      {t(`ecosystem.level.${l}`)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {data.history.map((h) => (
                  <tr key={h.date}>
                    <th scope="row">{monthLong(h.date)}</th>
                    {h.counts.map((c, i) => (
                      <td key={i}>{formatNumber(c)}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollTable>
          <h2>{t('ecosystem.dashboard.isolated')}</h2>
          <p class="hint">{t('ecosystem.dashboard.isolatedHint')}</p>
          {data.isolated.length === 0 ? (
            <p>{t('ecosystem.dashboard.noneIsolated')}</p>
          ) : (
            <ul class="eco-results">
              {data.isolated.map((o) => (
                <li key={o.id}>
                  <Link href={`/ecosysteme/organisations/${o.id}`}>{o.name}</Link>
                  <span class="eco-meta">{t(`ecosystem.kind.${o.kind}`)}</span>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}
