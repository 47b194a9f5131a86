import { useEffect, useState } from 'preact/hooks';
import { request } from '../../shared/api';
import { useI18n } from '../../shared/i18n';
import { Link } from '../../shared/router';
import type { SessionUser } from '../../shared/session';
import type { TerritoryDetailView } from './types';

/** The territories a person holds a role on, as links to their pages (home page). */
export function MyTerritories({ user }: { user: SessionUser }) {
  const { t } = useI18n();
  const [territories, setTerritories] = useState<TerritoryDetailView[]>([]);
  const ids = [...new Set(user.roles.map((r) => r.territoryId))];
  useEffect(() => {
    let alive = true;
    Promise.all(ids.map((id) => request('GET /api/territories/:id', { params: { id } }).catch(() => undefined))).then((found) => {
      if (alive) setTerritories(found.filter((x): x is TerritoryDetailView => Boolean(x)));
    });
    return () => {
      alive = false;
    };
  }, [ids.join(',')]);
  if (territories.length === 0) return null;
  return (
    <section class="my-territories" aria-labelledby="mes-territoires">
      <h2 id="mes-territoires">{t('territories.mine.title')}</h2>
      <ul>
        {territories.map((territory) => (
          <li key={territory.id}>
            <Link href={`/territoires/${territory.slug}`}>{territory.label}</Link>{' '}
            <span class="territory-meta">
              (
              {user.roles
                .filter((r) => r.territoryId === territory.id)
                .map((r) => r.title ?? t(`territories.mine.role.${r.role}`))
                .join(', ')}
              )
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
