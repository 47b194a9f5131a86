import type { CollectiveSummaryView } from '@maillage/core';
import { useEffect, useState } from 'preact/hooks';
import { type ApiError, request } from '../../shared/api';
import { useI18n } from '../../shared/i18n';
import { Link } from '../../shared/router';
import { useSession } from '../../shared/session';
import { Alert, Button, PageTitle } from '../../shared/ui';
import { asApiError } from './common';
import { CreateCollectiveForm } from './create-form';
import { Progress } from './progress';
import './collectives.css';

/** The collectives of the territories where the user holds a role (all of them for an administrator), with their progress. */
export default function CollectivesPage() {
  const { t, formatDate } = useI18n();
  const { session } = useSession();
  const [list, setList] = useState<CollectiveSummaryView[]>();
  const [error, setError] = useState<ApiError>();
  const [creating, setCreating] = useState(false);
  useEffect(() => {
    request('GET /api/collectives')
      .then(setList)
      .catch((e: unknown) => setError(asApiError(e)));
  }, []);
  const user = session?.user;
  const mayCreate = Boolean(user && (user.isAdmin || user.roles.some((r) => r.role === 'coordinator' || r.role === 'facilitator')));
  const coordinates = Boolean(user && (user.isAdmin || user.roles.some((r) => r.role === 'coordinator')));
  return (
    <section class="collectives-list">
      <PageTitle>{t('collectives.title')}</PageTitle>
      <p>{t('collectives.intro')}</p>
      {coordinates && (
        <p>
          <Link href="/collectifs/demandes">{t('collectives.support.pageLink')}</Link>
        </p>
      )}
      {mayCreate && (
        <>
          <Button
            type="button"
            variant={creating ? 'secondary' : 'primary'}
            aria-expanded={creating ? 'true' : 'false'}
            onClick={() => setCreating(!creating)}
          >
            {t('collectives.create.open')}
          </Button>
          {creating && <CreateCollectiveForm />}
        </>
      )}
      {error && <Alert>{error.code === 'offline' ? t('common.offline') : error.message}</Alert>}
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
                {t('collectives.createdOn', { date: formatDate(c.createdAt) })}
              </p>
              {c.themes.length > 0 && <p>{c.themes.join(', ')}</p>}
              <Progress progress={c.progress} compact />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
