import { useEffect, useState } from 'preact/hooks';
import { request } from '../../shared/api';
import { useI18n } from '../../shared/i18n';
import { Link } from '../../shared/router';
import type { TerritorySectionProps } from '../territories/sections';
import type { EventListItem } from './types';

/**
 * The cooperation days of a territory (and of those it contains) on its page, each earlier day
 * remembered by its "à retenir", as seed 002 recalls its earlier meetings.
 */
export default function EventsTerritorySection({ territory }: TerritorySectionProps) {
  const { t, formatDate } = useI18n();
  const [events, setEvents] = useState<EventListItem[]>([]);
  useEffect(() => {
    request('GET /api/events', { query: { territoryId: territory.id } })
      .then((list) => setEvents(list.filter((e) => e.status !== 'draft')))
      .catch(() => setEvents([]));
  }, [territory.id]);
  if (events.length === 0) return null;
  return (
    <section aria-labelledby="territory-events" class="territory-events">
      <h2 id="territory-events">{t('events.territory.title')}</h2>
      <ul>
        {events.map((e) => (
          <li key={e.id}>
            <Link href={`/journees/${e.slug}`}>{e.title}</Link> —{' '}
            {formatDate(`${e.startDate}T12:00:00Z`, { dateStyle: 'long', timeZone: 'UTC' })}
            {e.takeaways.length > 0 && (
              <div class="takeaways">
                <strong>{t('events.territory.takeaways')} :</strong>
                <ul>
                  {e.takeaways.map((x) => (
                    <li key={x}>{x}</li>
                  ))}
                </ul>
              </div>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
