import type { CollectiveSummaryView as CollectiveSummary } from '@maillage/core';
import { useEffect, useState } from 'preact/hooks';
import { request } from '../../shared/api';
import { useI18n } from '../../shared/i18n';
import { Link } from '../../shared/router';
import { Alert, PageTitle } from '../../shared/ui';

/** The collectives of the territories where the user holds a role (all of them for an administrator). */
export default function CollectivesPage() {
  const { t, formatDate } = useI18n();
  const [list, setList] = useState<CollectiveSummary[]>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    request('GET /api/collectives')
      .then(setList)
      .catch((e: Error) => setError(e.message));
  }, []);
  return (
    <section>
      <PageTitle>{t('collectives.title')}</PageTitle>
      <p>{t('collectives.intro')}</p>
      {error && <Alert>{error}</Alert>}
      {!list && !error && <p aria-busy="true">{t('common.loading')}</p>}
      {list && list.length === 0 && <p>{t('collectives.none')}</p>}
      {list && list.length > 0 && (
        <ul class="cards">
          {list.map((c) => (
            <li key={c.id} class="card">
              <h2>
                <Link href={`/collectifs/${c.id}`}>{c.name}</Link>
              </h2>
              <p>
                {t('collectives.members', { count: c.members })} · {t('collectives.answered', { count: c.answered })} ·{' '}
                {formatDate(c.createdAt)}
              </p>
              {c.themes.length > 0 && <p>{c.themes.join(', ')}</p>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
