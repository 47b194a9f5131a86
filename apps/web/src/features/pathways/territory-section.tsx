import type { PathwaySummaryView } from '@maillage/core';
import { useEffect, useState } from 'preact/hooks';
import { request } from '../../shared/api';
import { useI18n } from '../../shared/i18n';
import { Link } from '../../shared/router';
import { useSession } from '../../shared/session';
import type { TerritorySectionProps } from '../territories/sections';

/** The change pathways of a territory on its page, for signed-in visitors (pathways are not public). */
export default function PathwaysTerritorySection({ territory }: TerritorySectionProps) {
  const { t } = useI18n();
  const { session } = useSession();
  const signedIn = Boolean(session?.authenticated);
  const [list, setList] = useState<PathwaySummaryView[]>();
  useEffect(() => {
    // Anonymous visitors are not asked (the list is for signed-in users): no 401 in their console.
    if (!signedIn) {
      setList(undefined);
      return;
    }
    request('GET /api/pathways', { query: { territoryId: territory.id } })
      .then(setList)
      .catch(() => setList(undefined));
  }, [territory.id, signedIn]);
  if (!list) return null;
  return (
    <section aria-labelledby="territory-pathways">
      <h2 id="territory-pathways">{t('pathways.territory.title')}</h2>
      {list.length > 0 && (
        <ul>
          {list.map((p) => (
            <li key={p.id}>
              <Link href={`/chemins/${p.id}`}>{p.title}</Link> — {t('pathways.changes', { count: p.changes })}
            </li>
          ))}
        </ul>
      )}
      <p>
        <Link href={`/chemins?territoire=${territory.id}`}>{t('pathways.territory.create')}</Link>
      </p>
    </section>
  );
}
