import type { CollectiveSummaryView, ContinuumView } from '@maillage/core';
import { useEffect, useState } from 'preact/hooks';
import { request, requestFile } from '../../shared/api';
import { useI18n } from '../../shared/i18n';
import { Link } from '../../shared/router';
import { Alert, PageTitle } from '../../shared/ui';
import { ScrollTable, TerritorySelect, useEcoTerritory } from '../ecosystem/common';
import { ChartFigure } from './chart-figure';
import { continuumCsv } from './csv-files';
import './evaluation.css';
import { saveBlob } from '../../shared/download';

const LEVELS = [1, 2, 3, 4, 5, 6, 7] as const;

/** `/indicateurs/continuum`: the seven levels of cooperation across the pairs of a territory (or a collective), over time. */
export default function ContinuumPage() {
  const { t, formatNumber, formatDate } = useI18n();
  const { territoryId, setTerritoryId, options } = useEcoTerritory();
  const [collectives, setCollectives] = useState<CollectiveSummaryView[]>([]);
  const [collectiveId, setCollectiveId] = useState('');
  /** The last date read (today when empty): the distribution at any date. */
  const [to, setTo] = useState('');
  const [view, setView] = useState<ContinuumView>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    if (!territoryId) return;
    setCollectiveId('');
    request('GET /api/collectives', { query: { territoryId } })
      .then((list) => setCollectives(list.filter((c) => c.territoryId === territoryId)))
      .catch(() => setCollectives([]));
  }, [territoryId]);
  const validTo = /^\d{4}-\d{2}-\d{2}$/.test(to) ? to : '';
  const query = { territoryId, ...(collectiveId ? { collectiveId } : {}), ...(validTo ? { to: validTo } : {}) };
  useEffect(() => {
    if (!territoryId) return;
    setView(undefined);
    setError(undefined);
    request('GET /api/barometer/continuum', { query })
      .then(setView)
      .catch((e: Error) => setError(e.message || t('common.error')));
  }, [territoryId, collectiveId, validTo]);
  const levelNames = LEVELS.map((l) => t(`ecosystem.level.${l}`));
  const svgUrl = `/api/barometer/continuum.svg?${new URLSearchParams(query)}`;
  const scope = collectives.find((c) => c.id === collectiveId)?.name ?? options.find((o) => o.id === territoryId)?.label ?? '';
  const moved = (v: ContinuumView) => {
    const { yearAgo, now, meanChange } = v.sinceLastYear;
    const dates = { yearAgo: formatDate(yearAgo.on), now: formatDate(now.on) };
    if (meanChange === null || yearAgo.pairs === 0) return t('evaluation.continuum.movedUnknown', { ...dates, pairs: now.pairs });
    const change = formatNumber(Math.abs(meanChange));
    if (meanChange > 0) return t('evaluation.continuum.movedUp', { ...dates, change, pairs: now.pairs });
    if (meanChange < 0) return t('evaluation.continuum.movedDown', { ...dates, change, pairs: now.pairs });
    return t('evaluation.continuum.movedNot', { ...dates, pairs: now.pairs });
  };
  return (
    <div class="evaluation">
      <p>
        <Link href="/indicateurs">{t('evaluation.back')}</Link>
      </p>
      <PageTitle>{t('evaluation.continuum.title')}</PageTitle>
      <p>{t('evaluation.continuum.intro')}</p>
      {!territoryId && <Alert kind="info">{t('ecosystem.territory.none')}</Alert>}
      <form noValidate class="inline-form" onSubmit={(e) => e.preventDefault()}>
        {options.length > 1 && <TerritorySelect value={territoryId} options={options} onChange={setTerritoryId} />}
        {collectives.length > 0 && (
          <div class="field">
            <label for="continuum-collective">{t('evaluation.continuum.scope')}</label>
            <select id="continuum-collective" value={collectiveId} onChange={(e) => setCollectiveId(e.currentTarget.value)}>
              <option value="">{t('evaluation.continuum.wholeTerritory')}</option>
              {collectives.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
          </div>
        )}
        <div class="field">
          <label for="continuum-to">{t('evaluation.continuum.to')}</label>
          <p class="hint" id="continuum-to-hint">
            {t('evaluation.continuum.toHint')}
          </p>
          <input
            id="continuum-to"
            type="date"
            value={to}
            aria-describedby="continuum-to-hint"
            onChange={(e) => setTo(e.currentTarget.value)}
          />
        </div>
      </form>
      {error && <Alert>{error}</Alert>}
      {territoryId && !view && !error && <p aria-busy="true">{t('common.loading')}</p>}
      {view && (
        <>
          <section class="card" aria-labelledby="moved-title">
            <h2 id="moved-title">{t('evaluation.continuum.movedTitle')}</h2>
            <p class="continuum-answer">{moved(view)}</p>
          </section>
          <section aria-labelledby="continuum-chart-title">
            <h2 id="continuum-chart-title">{t('evaluation.continuum.chart', { from: formatDate(view.from), to: formatDate(view.to) })}</h2>
            <ChartFigure
              key={svgUrl}
              src={svgUrl}
              alt={t('evaluation.continuum.alt', { scope })}
              name={`continuum-${scope}`}
              fetchSvg={() => requestFile('GET /api/barometer/continuum.svg', { query })}
              csv={() =>
                saveBlob(new Blob([continuumCsv(view, levelNames)], { type: 'text/csv;charset=utf-8' }), `continuum-${view.to}.csv`)
              }
            />
            <ScrollTable label={t('evaluation.continuum.caption')}>
              <table>
                <caption>{t('evaluation.continuum.caption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('evaluation.continuum.date')}</th>
                    <th scope="col">{t('evaluation.continuum.pairs')}</th>
                    {levelNames.map((name, i) => (
                      <th scope="col" key={name}>
                        {i + 1} · {name}
                      </th>
                    ))}
                    <th scope="col">{t('evaluation.continuum.mean')}</th>
                  </tr>
                </thead>
                <tbody>
                  {view.points.map((p) => (
                    <tr key={p.on}>
                      <th scope="row">{formatDate(p.on, { dateStyle: 'short', timeZone: 'UTC' })}</th>
                      <td>{p.pairs}</td>
                      {p.counts.map((c, i) => (
                        <td key={i}>{c}</td>
                      ))}
                      <td>{p.mean === null ? '—' : formatNumber(p.mean)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </ScrollTable>
          </section>
        </>
      )}
    </div>
  );
}
