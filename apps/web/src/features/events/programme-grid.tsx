import { useI18n } from '../../shared/i18n';
import type { EventRoom, EventSession, Places } from './types';
import { slotsOf } from './types';

/** The programme, one row per time slot; parallel sessions side by side (stacked on a phone). */
export function ProgrammeGrid({ sessions, rooms, places }: { sessions: EventSession[]; rooms: EventRoom[]; places?: Places }) {
  const { t, formatDate } = useI18n();
  const roomName = new Map(rooms.map((r) => [r.id, r.name]));
  const days = new Set(sessions.map((s) => s.day));
  let lastDay = '';
  return (
    <ol class="programme">
      {slotsOf(sessions).map((slot) => {
        const first = slot[0]!;
        const showDay = days.size > 1 && first.day !== lastDay;
        lastDay = first.day;
        return (
          <li key={first.id} class="programme-slot">
            {showDay && <h3 class="programme-day">{formatDate(`${first.day}T12:00:00Z`, { dateStyle: 'full', timeZone: 'UTC' })}</h3>}
            <p class="programme-time">
              {first.startsAt} –{' '}
              {slot
                .map((s) => s.endsAt)
                .sort()
                .at(-1)}
            </p>
            <ul class={slot.length > 1 ? 'programme-parallel' : 'programme-single'}>
              {slot.map((s) => {
                const left = places?.sessions[s.id];
                return (
                  <li key={s.id} class="programme-session" style={{ borderLeftColor: s.colour ?? '#6b7480' }}>
                    <span class="programme-kind">{t(`events.kind.${s.kind}`)}</span>
                    <strong>{s.title}</strong>
                    {slot.length > 1 && (
                      <span class="programme-meta">
                        {s.startsAt} – {s.endsAt}
                      </span>
                    )}
                    {s.roomId && <span class="programme-meta">{roomName.get(s.roomId)}</span>}
                    {s.speakers.length > 0 && <span class="programme-meta">{s.speakers.map((p) => p.name).join(', ')}</span>}
                    {s.description && <span class="programme-desc">{s.description}</span>}
                    {left !== undefined && left !== null && (
                      <span class="programme-places">
                        {left === 0 ? t('events.public.full') : t('events.public.placesLeft', { count: left })}
                      </span>
                    )}
                  </li>
                );
              })}
            </ul>
          </li>
        );
      })}
    </ol>
  );
}
