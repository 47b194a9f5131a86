import type { CollectiveHistoryView } from '@maillage/core';
import { useEffect, useState } from 'preact/hooks';
import { type ApiError, request } from '../../shared/api';
import { useI18n } from '../../shared/i18n';
import { Alert } from '../../shared/ui';
import { asApiError } from './common';

/** What happened in the collective, newest first: who did what, when (the server's sentence names the section and version). */
export function HistoryPanel({ collectiveId }: { collectiveId: string }) {
  const { t, formatDate } = useI18n();
  const [items, setItems] = useState<CollectiveHistoryView[]>();
  const [error, setError] = useState<ApiError>();
  const load = () => {
    request('GET /api/collectives/:id/history', { params: { id: collectiveId } })
      .then((list) => setItems([...list].sort((a, b) => b.at.localeCompare(a.at))))
      .catch((e: unknown) => setError(asApiError(e)));
  };
  useEffect(load, [collectiveId]);
  return (
    <section aria-labelledby="ws-history">
      <h2 id="ws-history">{t('collectives.ws.history')}</h2>
      <button type="button" class="btn btn-secondary" onClick={load}>
        {t('collectives.history.refresh')}
      </button>
      {error && <Alert>{error.code === 'offline' ? t('common.offline') : error.message}</Alert>}
      {!items && !error && <p aria-busy="true">{t('common.loading')}</p>}
      {items && items.length === 0 && <p class="hint">{t('collectives.history.empty')}</p>}
      {items && items.length > 0 && (
        <ol class="feed">
          {items.map((h, i) => (
            <li key={`${h.at}-${i}`}>
              <time dateTime={h.at}>{formatDate(h.at, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/Paris' })}</time>{' '}
              <strong>{h.author ?? t('collectives.someone')}</strong> {h.summary}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
