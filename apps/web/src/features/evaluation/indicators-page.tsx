import type { DueView, IndicatorSummaryView } from '@maillage/core';
import { useEffect, useState } from 'preact/hooks';
import { request } from '../../shared/api';
import { useI18n } from '../../shared/i18n';
import { Link } from '../../shared/router';
import { useSession } from '../../shared/session';
import { Alert, PageTitle } from '../../shared/ui';
import { BarometerRuns } from './barometer-runs';
import './evaluation.css';

/** The indicators the user may read (last value against the target) and what the user owes. */
export default function IndicatorsPage() {
  const { t, formatNumber } = useI18n();
  const [list, setList] = useState<IndicatorSummaryView[]>();
  const [due, setDue] = useState<DueView>([]);
  const [error, setError] = useState<string>();
  const { session } = useSession();
  const writes = session?.user?.isAdmin || session?.user?.roles.some((r) => r.role === 'coordinator' || r.role === 'facilitator');
  useEffect(() => {
    request('GET /api/indicators', { query: {} })
      .then(setList)
      .catch((e: Error) => setError(e.message || t('common.error')));
    request('GET /api/indicators/due')
      .then(setDue)
      .catch(() => setDue([]));
  }, []);
  return (
    <div class="evaluation">
      <PageTitle>{t('evaluation.indicators.title')}</PageTitle>
      <p>{t('evaluation.indicators.intro')}</p>
      <nav class="card evaluation-links" aria-labelledby="links-title">
        <h2 id="links-title">{t('evaluation.links.title')}</h2>
        <ul>
          <li>
            <Link href="/indicateurs/tableau-de-bord">{t('evaluation.links.dashboard')}</Link>
          </li>
          <li>
            <Link href="/indicateurs/changements-observes">{t('evaluation.links.observed')}</Link>
          </li>
          <li>
            <Link href="/indicateurs/continuum">{t('evaluation.links.continuum')}</Link>
          </li>
          {writes && (
            <li>
              <Link href="/indicateurs/import">{t('evaluation.links.import')}</Link>
            </li>
          )}
        </ul>
      </nav>
      {error && <Alert>{error}</Alert>}
      {due.length > 0 && (
        <section class="card" aria-labelledby="due-title">
          <h2 id="due-title">{t('evaluation.due.title')}</h2>
          <ul>
            {due.map((d) => (
              <li key={`${d.indicatorId}-${d.organisation.id}`}>
                <Link href={`/indicateurs/${d.indicatorId}`}>{d.indicatorName}</Link> — {d.organisation.name} :{' '}
                {t('evaluation.due.periods', { periods: d.periods.join(', ') })}
              </li>
            ))}
          </ul>
        </section>
      )}
      {list === undefined && !error && <p aria-busy="true">{t('common.loading')}</p>}
      {list?.length === 0 && <p>{t('evaluation.indicators.none')}</p>}
      {list && list.length > 0 && (
        <ul class="indicator-list">
          {list.map((i) => (
            <li key={i.id} class="card">
              <h2>
                <Link href={`/indicateurs/${i.id}`}>{i.name}</Link>
              </h2>
              <p class="muted">
                {t(`evaluation.owner.${i.owner.kind}`, { name: i.owner.name })} · {i.unit}
              </p>
              <p>
                {i.last
                  ? t('evaluation.indicators.last', { period: i.last.period, value: formatNumber(i.last.total), unit: i.unit })
                  : t('evaluation.indicators.noValue')}
                {i.targetValue !== null &&
                  ` · ${t('evaluation.indicators.target', { value: formatNumber(i.targetValue), year: i.targetYear ?? '' })}`}
              </p>
            </li>
          ))}
        </ul>
      )}
      <BarometerRuns />
    </div>
  );
}
