import type { CodevRecordView } from '@maillage/core';
import { useEffect, useState } from 'preact/hooks';
import { request } from '../../shared/api';
import { useI18n } from '../../shared/i18n';
import { Alert } from '../../shared/ui';

/**
 * The co-development sessions held for a collective: for each, its subject, date, the porteur's
 * action plan and follow-up date, and the proposals received (a name only when its author signed
 * it). To be placed on the collective's page.
 */
export function CodevRecords({ collectiveId }: { collectiveId: string }) {
  const { t, formatDate } = useI18n();
  const [records, setRecords] = useState<CodevRecordView[]>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    request('GET /api/collectives/:id/codev', { params: { id: collectiveId } })
      .then((list) => {
        setRecords(list);
        setError(undefined);
      })
      .catch((e: Error) => setError(e.message));
  }, [collectiveId]);
  return (
    <section aria-labelledby={`codev-records-${collectiveId}`} class="codev-records">
      <h2 id={`codev-records-${collectiveId}`}>{t('codev.records.title')}</h2>
      {error && <Alert>{t('codev.records.loadError', { message: error })}</Alert>}
      {!records && !error && <p aria-busy="true">{t('common.loading')}</p>}
      {records?.length === 0 && <p>{t('codev.records.none')}</p>}
      {records && records.length > 0 && (
        <ul class="codev-record-list">
          {records.map((r) => (
            <li key={r.id} class="card">
              <h3>{t('codev.records.heldOn', { date: formatDate(r.heldAt) })}</h3>
              <p>
                <strong>
                  {t('live.codev.subject')} ({t(`live.codev.subjectType.${r.subjectType}`)}) :
                </strong>{' '}
                {r.subject}
              </p>
              {r.contract && (
                <p>
                  <strong>{t('live.codev.contract')} :</strong> {r.contract}
                </p>
              )}
              <h4>{t('live.codev.actionPlan')}</h4>
              <p>{r.actionPlan}</p>
              {r.followUp && <p>{t('live.codev.followUpOn', { date: formatDate(r.followUp) })}</p>}
              <h4>{t('live.codev.proposals')}</h4>
              {r.proposals.length === 0 ? (
                <p>{t('live.codev.noProposal')}</p>
              ) : (
                <ul>
                  {r.proposals.map((p, i) => (
                    <li key={`${i}-${p.text}`}>
                      {p.text} <span class="codev-proposal-by">— {p.name ?? t('live.codev.anonymous')}</span>
                    </li>
                  ))}
                </ul>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
