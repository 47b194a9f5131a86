import { useI18n } from '../../shared/i18n';
import { Button } from '../../shared/ui';
import { numberOrNull, type RoomDraft, type SessionDraft } from './editor-drafts';
import { type Conflict, sessionKindList } from './types';

/** One session of the programme grid: its fields, its own conflicts, a button to remove it. */
export function SessionCard({
  session: s,
  rooms,
  manyDays,
  conflicts,
  conflictText,
  onEdit,
  onRemove,
}: {
  session: SessionDraft;
  rooms: readonly RoomDraft[];
  /** The day spans several dates: each session says which. */
  manyDays: boolean;
  /** The conflicts this session is part of. */
  conflicts: readonly Conflict[];
  conflictText: (c: Conflict) => string;
  onEdit: (patch: Partial<SessionDraft>) => void;
  onRemove: () => void;
}) {
  const { t } = useI18n();
  const p = `s-${s.local}`;
  return (
    <fieldset class={`session-card${conflicts.length ? ' has-conflict' : ''}`} style={{ borderLeftColor: s.colour ?? '#6b7480' }}>
      <legend>{s.title || t('events.editor.untitled')}</legend>
      {conflicts.length > 0 && (
        <ul class="card-conflicts">
          {conflicts.map((c) => (
            <li key={c.code}>{conflictText(c)}</li>
          ))}
        </ul>
      )}
      <label for={`${p}-title`}>{t('events.editor.sessionTitle')}</label>
      <input id={`${p}-title`} value={s.title} onInput={(e) => onEdit({ title: e.currentTarget.value })} />
      <label for={`${p}-kind`}>{t('events.editor.kind')}</label>
      <select
        id={`${p}-kind`}
        value={s.kind}
        onChange={(e) => onEdit({ kind: (e.currentTarget as HTMLSelectElement).value as SessionDraft['kind'] })}
      >
        {sessionKindList.map((k) => (
          <option key={k} value={k}>
            {t(`events.kind.${k}`)}
          </option>
        ))}
      </select>
      {manyDays && (
        <>
          <label for={`${p}-day`}>{t('events.editor.day')}</label>
          <input id={`${p}-day`} type="date" value={s.day} onInput={(e) => onEdit({ day: e.currentTarget.value })} />
        </>
      )}
      <div class="times">
        <span>
          <label for={`${p}-start`}>{t('events.editor.start')}</label>
          <input id={`${p}-start`} type="time" value={s.startsAt} onInput={(e) => onEdit({ startsAt: e.currentTarget.value })} />
        </span>
        <span>
          <label for={`${p}-end`}>{t('events.editor.end')}</label>
          <input id={`${p}-end`} type="time" value={s.endsAt} onInput={(e) => onEdit({ endsAt: e.currentTarget.value })} />
        </span>
      </div>
      <label for={`${p}-room`}>{t('events.editor.room')}</label>
      <select
        id={`${p}-room`}
        value={s.roomKey ?? ''}
        onChange={(e) => onEdit({ roomKey: (e.currentTarget as HTMLSelectElement).value || null })}
      >
        <option value="">{t('events.editor.noRoom')}</option>
        {rooms.map((r) => (
          <option key={r.key} value={r.key}>
            {r.name}
          </option>
        ))}
      </select>
      <label for={`${p}-capacity`}>{t('events.editor.capacity')}</label>
      <input
        id={`${p}-capacity`}
        type="number"
        min={1}
        value={s.capacity ?? ''}
        onInput={(e) => onEdit({ capacity: numberOrNull(e.currentTarget.value) })}
      />
      <label for={`${p}-speakers`}>{t('events.editor.speakers')}</label>
      <input id={`${p}-speakers`} value={s.speakers} onInput={(e) => onEdit({ speakers: e.currentTarget.value })} />
      <label for={`${p}-colour`}>{t('events.editor.colour')}</label>
      <input id={`${p}-colour`} type="color" value={s.colour ?? '#6b7480'} onInput={(e) => onEdit({ colour: e.currentTarget.value })} />
      <label class="check">
        <input
          type="checkbox"
          checked={s.choosable}
          onChange={(e) => onEdit({ choosable: (e.currentTarget as HTMLInputElement).checked })}
        />
        {t('events.editor.choosable')}
      </label>
      <Button type="button" variant="secondary" onClick={onRemove}>
        {t('events.editor.remove')}
        <span class="visually-hidden"> {s.title}</span>
      </Button>
    </fieldset>
  );
}
