import { useEffect, useState } from 'preact/hooks';
import { request } from '../../shared/api';
import { useI18n } from '../../shared/i18n';
import { Link } from '../../shared/router';
import type { ListedRoomView as ListedRoom } from '@maillage/core';
import type { EventSession } from './types';

/**
 * The live rooms opened for the sessions of a day (mise en route, world café, collectives…), with
 * a link to each room's console and to open a new one. Shown to those who may run them.
 */
export function LiveRoomsOfDay({ territoryId, sessions }: { territoryId: string; sessions: readonly EventSession[] }) {
  const { t } = useI18n();
  const [rooms, setRooms] = useState<ListedRoom[] | null>(null);
  useEffect(() => {
    const ids = new Set(sessions.map((s) => s.id));
    void request('GET /api/live/rooms', { query: { territoryId } })
      .then((list) => setRooms(list.filter((r) => r.eventSessionId && ids.has(r.eventSessionId))))
      // Not allowed to run live rooms here (or offline): nothing to show.
      .catch(() => setRooms(null));
  }, [territoryId, sessions]);
  if (rooms === null) return null;
  const sessionTitle = new Map(sessions.map((s) => [s.id, s.title]));
  return (
    <section class="card" aria-labelledby="event-live-rooms">
      <h2 id="event-live-rooms">{t('events.live.title')}</h2>
      {rooms.length === 0 ? (
        <p>{t('events.live.none')}</p>
      ) : (
        <ul>
          {rooms.map((r) => (
            <li key={r.id}>
              <Link href={r.consolePath}>{r.title}</Link>{' '}
              {t('events.live.room', {
                code: r.code,
                session: sessionTitle.get(r.eventSessionId ?? '') ?? '',
                count: r.participants,
              })}
              {r.closedAt ? ` · ${t('events.live.closed')}` : ''}
            </li>
          ))}
        </ul>
      )}
      <p>
        <Link href="/animation">{t('events.live.open')}</Link>
      </p>
    </section>
  );
}
