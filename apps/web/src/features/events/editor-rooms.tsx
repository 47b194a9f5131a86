import { useI18n } from '../../shared/i18n';
import { Button } from '../../shared/ui';
import { localKey, numberOrNull, type RoomDraft } from './editor-drafts';

/** The day's rooms: name and capacity, added and removed (saved with the programme). */
export function RoomsEditor({ rooms, onChange }: { rooms: RoomDraft[]; onChange: (next: RoomDraft[]) => void }) {
  const { t } = useI18n();
  return (
    <section aria-labelledby="rooms-title" class="card">
      <h2 id="rooms-title">{t('events.editor.rooms')}</h2>
      <table class="rooms-table">
        <thead>
          <tr>
            <th scope="col">{t('events.editor.roomName')}</th>
            <th scope="col">{t('events.editor.roomCapacity')}</th>
            <th scope="col">
              <span class="visually-hidden">{t('events.editor.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rooms.map((r, i) => (
            <tr key={r.key}>
              <td>
                <input
                  aria-label={t('events.editor.roomNameOf', { n: i + 1 })}
                  value={r.name}
                  onInput={(e) => onChange(rooms.map((x) => (x.key === r.key ? { ...x, name: e.currentTarget.value } : x)))}
                />
              </td>
              <td>
                <input
                  type="number"
                  min={1}
                  aria-label={t('events.editor.roomCapacityOf', { name: r.name })}
                  value={r.capacity ?? ''}
                  onInput={(e) =>
                    onChange(rooms.map((x) => (x.key === r.key ? { ...x, capacity: numberOrNull(e.currentTarget.value) } : x)))
                  }
                />
              </td>
              <td>
                <Button type="button" variant="secondary" onClick={() => onChange(rooms.filter((x) => x.key !== r.key))}>
                  {t('events.editor.remove')}
                  <span class="visually-hidden"> {r.name}</span>
                </Button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <Button
        type="button"
        variant="secondary"
        onClick={() => onChange([...rooms, { key: localKey(), name: t('events.editor.newRoom', { n: rooms.length + 1 }), capacity: null }])}
      >
        {t('events.editor.addRoom')}
      </Button>
    </section>
  );
}
