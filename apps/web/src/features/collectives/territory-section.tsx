import type { CollectiveSummaryView } from '@maillage/core';
import { useEffect, useState } from 'preact/hooks';
import { request } from '../../shared/api';
import { useI18n } from '../../shared/i18n';
import { Link } from '../../shared/router';
import { useSession } from '../../shared/session';
import type { TerritorySectionProps } from '../territories/sections';
import { Progress } from './progress';
import './collectives.css';

/**
 * The collectives of a territory (and of those it contains) on its page, each with its progress:
 * sections of the sheet written, steps done and overdue, requests for support open. Nothing is
 * shown to whoever may not read them, nor when there are none.
 */
export default function CollectivesTerritorySection({ territory }: TerritorySectionProps) {
  const { t } = useI18n();
  const { session } = useSession();
  const signedIn = Boolean(session?.user);
  const [list, setList] = useState<CollectiveSummaryView[]>([]);
  useEffect(() => {
    // Collectives are read by those who work on the territory: an anonymous visitor is not asked.
    if (!signedIn) return;
    request('GET /api/collectives', { query: { territoryId: territory.id } })
      .then(setList)
      .catch(() => setList([]));
  }, [territory.id, signedIn]);
  if (list.length === 0) return null;
  return (
    <section aria-labelledby="territory-collectives" class="territory-collectives">
      <h2 id="territory-collectives">{t('collectives.territory.title')}</h2>
      <ul class="cards">
        {list.map((c) => (
          <li key={c.id} class="card">
            <h3>
              <Link href={`/collectifs/${c.id}`}>{c.name}</Link>
            </h3>
            <p>{t('collectives.members', { count: c.members })}</p>
            <Progress progress={c.progress} compact />
          </li>
        ))}
      </ul>
    </section>
  );
}
