import type { ApiError } from '../../shared/api';
import { useI18n } from '../../shared/i18n';
import { Alert, Button } from '../../shared/ui';
import { localKey, type RoomDraft, type SessionDraft } from './editor-drafts';
import { SessionCard } from './editor-session-card';
import { type Conflict, type EventView, slotsOf } from './types';

/**
 * The programme grid: sessions by time slot (parallel ones side by side), the conflicts the server
 * finds as one edits, adding a session, saving the whole programme.
 */
export function ProgrammeEditor({
  event,
  rooms,
  sessions,
  conflicts,
  onChange,
  save,
}: {
  event: EventView;
  rooms: readonly RoomDraft[];
  sessions: SessionDraft[];
  conflicts: readonly Conflict[];
  onChange: (next: SessionDraft[]) => void;
  save: { busy: boolean; error: ApiError | undefined; run: () => Promise<unknown> };
}) {
  const { t } = useI18n();
  const refOf = (s: SessionDraft) => s.id ?? `new-${sessions.indexOf(s)}`;
  const titleOf = (ref: string) => sessions.find((s) => refOf(s) === ref)?.title ?? ref;
  const conflictText = (c: Conflict) =>
    t(`events.conflict.${c.code}`, {
      a: titleOf(c.sessionIds[0]),
      b: c.sessionIds[1] ? titleOf(c.sessionIds[1]) : '',
      speaker: 'speaker' in c ? c.speaker : '',
      capacity: 'capacity' in c ? c.capacity : 0,
      roomCapacity: 'roomCapacity' in c ? c.roomCapacity : 0,
    });
  const conflictsOf = (s: SessionDraft) => conflicts.filter((c) => (c.sessionIds as readonly string[]).includes(refOf(s)));
  const days = [...new Set([event.startDate, event.endDate, ...sessions.map((s) => s.day)])].sort();
  const addSession = () => {
    const last = slotsOf(sessions).at(-1)?.[0];
    onChange([
      ...sessions,
      {
        local: localKey(),
        kind: 'atelier_methode',
        title: t('events.editor.newSession'),
        description: '',
        day: last?.day ?? event.startDate,
        startsAt: last?.startsAt ?? event.opensAt,
        endsAt: last?.endsAt ?? event.closesAt,
        roomKey: null,
        capacity: null,
        colour: null,
        speakers: '',
        choosable: true,
      },
    ]);
  };
  return (
    <section aria-labelledby="programme-title" class="card">
      <h2 id="programme-title">{t('events.editor.programme')}</h2>
      <div aria-live="polite" class={conflicts.length ? 'conflicts' : 'no-conflicts'}>
        {conflicts.length === 0 ? (
          <p>{t('events.editor.noConflict')}</p>
        ) : (
          <>
            <p>
              <strong>{t('events.editor.conflictCount', { count: conflicts.length })}</strong>
            </p>
            <ul>
              {conflicts.map((c) => (
                <li key={`${c.code}-${c.sessionIds.join('-')}`}>{conflictText(c)}</li>
              ))}
            </ul>
          </>
        )}
      </div>
      {save.error && <Alert>{save.error.message}</Alert>}
      <ol class="grid-slots">
        {slotsOf(sessions).map((slot) => (
          <li key={slot[0]!.local} class="grid-slot">
            <p class="programme-time">
              {slot[0]!.startsAt} –{' '}
              {slot
                .map((s) => s.endsAt)
                .sort()
                .at(-1)}
            </p>
            <div class="grid-parallel">
              {slot.map((s) => (
                <SessionCard
                  key={s.local}
                  session={s}
                  rooms={rooms}
                  manyDays={days.length > 1}
                  conflicts={conflictsOf(s)}
                  conflictText={conflictText}
                  onEdit={(patch) => onChange(sessions.map((x) => (x.local === s.local ? { ...x, ...patch } : x)))}
                  onRemove={() => onChange(sessions.filter((x) => x.local !== s.local))}
                />
              ))}
            </div>
          </li>
        ))}
      </ol>
      <p class="actions">
        <Button type="button" variant="secondary" onClick={addSession}>
          {t('events.editor.addSession')}
        </Button>
        <Button type="button" busy={save.busy} onClick={() => void save.run()}>
          {t('events.editor.save')}
        </Button>
      </p>
    </section>
  );
}
