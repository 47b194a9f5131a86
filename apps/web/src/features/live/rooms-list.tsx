import type { ListedRoomView } from '@maillage/core';
import { useEffect, useState } from 'preact/hooks';
import { request } from '../../shared/api';
import { useI18n } from '../../shared/i18n';
import { problemMessage } from '../../shared/problem';
import { Link } from '../../shared/router';
import { Alert } from '../../shared/ui';

/** Open rooms first, then the most recent: the order a facilitator looks for a room in. */
export function roomOrder(a: ListedRoomView, b: ListedRoomView): number {
  if (!a.closedAt !== !b.closedAt) return a.closedAt ? 1 : -1;
  return b.createdAt.localeCompare(a.createdAt);
}

/**
 * The rooms of the territories one facilitates, by territory (open first, then recent), with their
 * code, their participants and the way to the console and the projector: a room not linked to a
 * day is found again here, not in the browser's history.
 */
export function RoomsList({ territories }: { territories: { id: string; name: string }[] }) {
  const { t, formatDate } = useI18n();
  const [rooms, setRooms] = useState<ListedRoomView[]>();
  const [error, setError] = useState<string>();
  const key = territories.map((x) => x.id).join(',');
  useEffect(() => {
    if (territories.length === 0) return;
    Promise.all(territories.map((x) => request('GET /api/live/rooms', { query: { territoryId: x.id } }))).then(
      (lists) => {
        const byId = new Map(lists.flat().map((r) => [r.id, r]));
        setRooms([...byId.values()].sort(roomOrder));
      },
      (e: unknown) => setError(problemMessage(e, t)),
    );
  }, [key]);
  if (territories.length === 0) return null;
  const names = new Map(territories.map((x) => [x.id, x.name]));
  const groups = new Map<string, ListedRoomView[]>();
  for (const r of rooms ?? []) {
    const name = names.get(r.territoryId) ?? t('live.rooms.otherTerritory');
    groups.set(name, [...(groups.get(name) ?? []), r]);
  }
  return (
    <section class="live-rooms-list" aria-labelledby="live-rooms-title">
      <h2 id="live-rooms-title">{t('live.rooms.title')}</h2>
      {error && <Alert>{error}</Alert>}
      {!rooms && !error && <p aria-busy="true">{t('common.loading')}</p>}
      {rooms && rooms.length === 0 && <p>{t('live.rooms.none')}</p>}
      {[...groups].map(([name, list]) => (
        <section key={name} aria-label={name}>
          <h3>{name}</h3>
          <ul class="live-rooms">
            {list.map((r) => (
              <li key={r.id} class={r.closedAt ? 'closed' : 'open'}>
                <strong>{r.title}</strong> <span class="live-room-state">{r.closedAt ? t('live.rooms.closed') : t('live.rooms.open')}</span>
                <br />
                {t('live.rooms.meta', {
                  code: r.code,
                  count: r.participants,
                  date: formatDate(r.createdAt, { dateStyle: 'medium', timeZone: 'Europe/Paris' }),
                })}
                <br />
                <Link href={r.consolePath}>{t('live.rooms.console', { title: r.title })}</Link>
                {' · '}
                <a href={`/projecteur/${r.code}`} target="_blank" rel="noopener">
                  {t('live.rooms.projector', { title: r.title })}
                </a>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </section>
  );
}
