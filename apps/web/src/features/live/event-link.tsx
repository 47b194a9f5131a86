import type { ApiEndpoints, EndpointOutput, EventListItemView, EventSessionView } from '@maillage/core';
import { useEffect, useState } from 'preact/hooks';
import { request } from '../../shared/api';
import { useI18n } from '../../shared/i18n';
import { Alert, Button } from '../../shared/ui';
import { useSubmit } from '../accounts/use-form';

type EventChoice = EventListItemView;
type SessionChoice = EventSessionView;

/**
 * Optionally links a new room to a session of a cooperation day of the territory (events API):
 * the day first, then one of its sessions. Registered people of that day are then recognised.
 */
export function EventSessionPicker({
  territoryId,
  value,
  onChange,
  error,
}: {
  territoryId: string;
  value: string;
  onChange: (sessionId: string) => void;
  error?: string | undefined;
}) {
  const { t, formatDate } = useI18n();
  const [events, setEvents] = useState<EventChoice[]>([]);
  const [eventId, setEventId] = useState('');
  const [sessions, setSessions] = useState<SessionChoice[]>([]);
  useEffect(() => {
    setEvents([]);
    setEventId('');
    onChange('');
    if (!territoryId) return;
    void request('GET /api/events', { query: { territoryId } })
      .then((list) => setEvents(list.filter((e) => e.status !== 'archived')))
      .catch(() => setEvents([]));
  }, [territoryId]);
  useEffect(() => {
    setSessions([]);
    onChange('');
    if (!eventId) return;
    void request('GET /api/events/:id', { params: { id: eventId } })
      .then((d) => setSessions(d.sessions))
      .catch(() => setSessions([]));
  }, [eventId]);
  if (events.length === 0) return null;
  const day = (iso: string) => formatDate(`${iso}T12:00:00Z`);
  return (
    <fieldset class="live-event-link">
      <legend>{t('live.console.eventLink')}</legend>
      <div class="field">
        <label for="live-event">{t('live.console.event')}</label>
        <select id="live-event" value={eventId} onChange={(e) => setEventId(e.currentTarget.value)}>
          <option value="">{t('live.console.eventNone')}</option>
          {events.map((e) => (
            <option key={e.id} value={e.id}>
              {e.title} — {day(e.startDate)}
            </option>
          ))}
        </select>
      </div>
      {eventId && (
        <div class="field">
          <label for="live-session">{t('live.console.session')}</label>
          <select
            id="live-session"
            value={value}
            aria-invalid={error ? 'true' : undefined}
            aria-describedby={error ? 'live-session-error' : undefined}
            onChange={(e) => onChange(e.currentTarget.value)}
          >
            <option value="">{t('live.console.sessionNone')}</option>
            {sessions.map((s) => (
              <option key={s.id} value={s.id}>
                {s.startsAt}–{s.endsAt} · {s.title}
              </option>
            ))}
          </select>
          {error && (
            <p class="field-error" id="live-session-error">
              {error}
            </p>
          )}
        </div>
      )}
    </fieldset>
  );
}

/** Facilitator: adds to the room the registered people checked in at the day (for the paper slips). */
export function AddCheckedIn({ roomId, onDone }: { roomId: string; onDone?: () => void }) {
  const { t } = useI18n();
  const [done, setDone] = useState<EndpointOutput<ApiEndpoints['POST /api/live/rooms/:roomId/roster/checked-in']>>();
  const { busy, error, run } = useSubmit(async () => {
    setDone(await request('POST /api/live/rooms/:roomId/roster/checked-in', { params: { roomId } }));
    onDone?.();
  });
  return (
    <div class="live-roster">
      <Button type="button" variant="secondary" busy={busy} onClick={() => void run()}>
        {t('live.roster.addCheckedIn')}
      </Button>
      {error && <Alert>{error.code === 'live_room_not_linked' ? t('live.roster.notLinked') : error.message}</Alert>}
      {done && <Alert kind="success">{t('live.roster.added', { count: done.added, alreadyThere: done.alreadyThere })}</Alert>}
    </div>
  );
}
