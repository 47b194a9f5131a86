import type { SupportRequestView, SupportStatus } from '@maillage/core';
import { SUPPORT_STATUSES } from '@maillage/core';
import { useCallback, useEffect, useState } from 'preact/hooks';
import { type ApiError, request } from '../../shared/api';
import { useI18n } from '../../shared/i18n';
import { Link } from '../../shared/router';
import { Alert, PageTitle } from '../../shared/ui';
import { TerritorySelect, useEcoTerritory } from '../ecosystem/common';
import { AnnounceContext, asApiError } from './common';
import { SupportAnswerForm, SupportRequestText } from './support-answer';
import './collectives.css';

/**
 * The coordinators' page: the requests for support of every collective of a territory (and
 * below), open ones first, each with a link to its collective and an answer form.
 */
export default function SupportRequestsPage() {
  const { t } = useI18n();
  const { territoryId, setTerritoryId, options } = useEcoTerritory();
  const [status, setStatus] = useState<SupportStatus | ''>('');
  const [list, setList] = useState<SupportRequestView[]>();
  const [error, setError] = useState<ApiError>();
  const [announcement, setAnnouncement] = useState('');
  useEffect(() => {
    if (!territoryId) return;
    setList(undefined);
    setError(undefined);
    request('GET /api/collectives/support-requests', { query: { territoryId, ...(status ? { status } : {}) } })
      .then(setList)
      .catch((e: unknown) => setError(asApiError(e)));
  }, [territoryId, status]);
  const announce = useCallback((message: string) => {
    setAnnouncement('');
    setTimeout(() => setAnnouncement(message), 50);
  }, []);
  const open = list?.filter((r) => r.status === 'ouverte').length ?? 0;
  return (
    <AnnounceContext.Provider value={announce}>
      <section class="support-page">
        <p>
          <Link href="/collectifs">{t('collectives.back')}</Link>
        </p>
        <PageTitle>{t('collectives.support.pageTitle')}</PageTitle>
        <p class="lead">{t('collectives.support.pageIntro')}</p>
        <div class="filters">
          {options.length > 1 && <TerritorySelect value={territoryId} options={options} onChange={setTerritoryId} />}
          <div class="field">
            <label for="support-status">{t('collectives.support.filter')}</label>
            <select id="support-status" value={status} onChange={(e) => setStatus(e.currentTarget.value as SupportStatus | '')}>
              <option value="">{t('collectives.support.all')}</option>
              {SUPPORT_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {t(`collectives.support.status.${s}`)}
                </option>
              ))}
            </select>
          </div>
        </div>
        <p class="visually-hidden" role="status" aria-live="polite">
          {announcement}
        </p>
        {!territoryId && <p>{t('collectives.support.noTerritory')}</p>}
        {error && <Alert>{error.code === 'offline' ? t('common.offline') : error.message}</Alert>}
        {territoryId && !list && !error && <p aria-busy="true">{t('common.loading')}</p>}
        {list && <p>{t('collectives.support.openCount', { count: open, total: list.length })}</p>}
        {list && list.length > 0 && (
          <ul class="requests">
            {list.map((r) => (
              <li key={r.id} class="card">
                <h2 class="request-collective">
                  <Link href={`/collectifs/${r.collectiveId}#appui`}>{r.collectiveName}</Link>
                </h2>
                <SupportRequestText r={r} />
                <SupportAnswerForm r={r} onAnswered={(next) => setList((l) => l?.map((x) => (x.id === next.id ? next : x)))} />
              </li>
            ))}
          </ul>
        )}
      </section>
    </AnnounceContext.Provider>
  );
}
