import { useEffect, useRef, useState } from 'preact/hooks';
import { request } from '../../shared/api';
import { useI18n } from '../../shared/i18n';
import { Link } from '../../shared/router';
import { LiveRoomsOfDay } from './live-rooms';
import { Alert, Button, Field, PageTitle } from '../../shared/ui';
import { useSubmit } from '../accounts/use-form';
import { type Conflict, type EventDetail, type EventSession, type EventView, sessionKindList, slotsOf } from './types';
import './events.css';

interface RoomDraft {
  key: string;
  name: string;
  capacity: number | null;
}

interface SessionDraft {
  id?: string;
  local: string;
  kind: EventSession['kind'];
  title: string;
  description: string;
  day: string;
  startsAt: string;
  endsAt: string;
  roomKey: string | null;
  capacity: number | null;
  colour: string | null;
  speakers: string;
  choosable: boolean;
}

const nextActions: Record<EventView['status'], { to: EventView['status']; label: string }[]> = {
  draft: [
    { to: 'published', label: 'events.publish' },
    { to: 'archived', label: 'events.archive' },
  ],
  published: [
    { to: 'closed', label: 'events.close' },
    { to: 'draft', label: 'events.unpublish' },
  ],
  closed: [
    { to: 'published', label: 'events.reopen' },
    { to: 'archived', label: 'events.archive' },
  ],
  archived: [{ to: 'closed', label: 'events.unarchive' }],
};

let localCounter = 0;
const localKey = () => `n${++localCounter}`;

function toDrafts(detail: EventDetail): { rooms: RoomDraft[]; sessions: SessionDraft[] } {
  return {
    rooms: detail.rooms.map((r) => ({ key: r.id, name: r.name, capacity: r.capacity })),
    sessions: detail.sessions.map((s) => ({
      id: s.id,
      local: s.id,
      kind: s.kind,
      title: s.title,
      description: s.description,
      day: s.day,
      startsAt: s.startsAt,
      endsAt: s.endsAt,
      roomKey: s.roomId,
      capacity: s.capacity,
      colour: s.colour,
      speakers: s.speakers.map((p) => p.name).join(', '),
      choosable: s.choosable,
    })),
  };
}

function programmeBody(rooms: RoomDraft[], sessions: SessionDraft[]) {
  return {
    rooms,
    sessions: sessions.map(({ local: _local, speakers, ...s }) => ({
      ...s,
      speakers: speakers
        .split(',')
        .map((name) => name.trim())
        .filter(Boolean)
        .map((name) => ({ name })),
    })),
  };
}

const numberOrNull = (value: string) => (value.trim() === '' ? null : Number(value));

/** Preparing a day: its information, status, programme grid with live conflicts, printed material, "à retenir". */
export default function EventEditorPage({ params }: { params: Record<string, string> }) {
  const { t } = useI18n();
  const id = params.id ?? '';
  const [detail, setDetail] = useState<EventDetail>();
  const [missing, setMissing] = useState(false);
  const [info, setInfo] = useState<Record<string, string>>({});
  const [rooms, setRooms] = useState<RoomDraft[]>([]);
  const [sessions, setSessions] = useState<SessionDraft[]>([]);
  const [conflicts, setConflicts] = useState<Conflict[]>([]);
  const [notice, setNotice] = useState('');
  const [takeaways, setTakeaways] = useState('');
  const edited = useRef(false);

  const load = async () => {
    try {
      const d = await request('GET /api/events/:id', { params: { id } });
      setDetail(d);
      const e = d.event;
      setInfo({
        title: e.title,
        description: e.description,
        audience: e.audience,
        startDate: e.startDate,
        endDate: e.endDate,
        opensAt: e.opensAt,
        closesAt: e.closesAt,
        venueName: e.venueName,
        venueAddress: e.venueAddress,
        capacity: e.capacity === null ? '' : String(e.capacity),
        organisers: e.organisers.join('\n'),
        partners: e.partners.join('\n'),
        themes: e.themes.join('\n'),
      });
      const drafts = toDrafts(d);
      setRooms(drafts.rooms);
      setSessions(drafts.sessions);
      setConflicts(d.conflicts ?? []);
      setTakeaways(e.takeaways.join('\n'));
    } catch {
      setMissing(true);
    }
  };
  useEffect(() => {
    void load();
  }, [id]);

  // Conflicts are checked by the server as you edit (debounced), without saving.
  useEffect(() => {
    if (!detail || !edited.current) return;
    const timer = setTimeout(() => {
      request('POST /api/events/:id/programme/check', { params: { id: detail.event.id }, body: programmeBody(rooms, sessions) })
        .then((r) => setConflicts(r.conflicts))
        .catch(() => {});
    }, 350);
    return () => clearTimeout(timer);
  }, [rooms, sessions]);

  const lines = (v: string | undefined) =>
    (v ?? '')
      .split('\n')
      .map((x) => x.trim())
      .filter(Boolean);
  const saveInfo = useSubmit(async () => {
    await request('PATCH /api/events/:id', {
      params: { id: detail!.event.id },
      body: {
        ...info,
        capacity: numberOrNull(info.capacity ?? ''),
        organisers: lines(info.organisers),
        partners: lines(info.partners),
        themes: lines(info.themes),
      },
    });
    await load();
    setNotice(t('events.editor.infoSaved'));
  });
  const saveProgramme = useSubmit(async () => {
    const res = await request('PUT /api/events/:id/programme', { params: { id: detail!.event.id }, body: programmeBody(rooms, sessions) });
    edited.current = false;
    await load();
    setConflicts(res.conflicts);
    setNotice(t('events.editor.saved'));
  });
  const [statusError, setStatusError] = useState<string>();
  const changeStatus = async (to: EventView['status']) => {
    setStatusError(undefined);
    try {
      await request('POST /api/events/:id/status', { params: { id: detail!.event.id }, body: { status: to } });
      await load();
      setNotice(t('events.editor.statusSaved'));
    } catch (e) {
      setStatusError((e as Error).message);
    }
  };
  const saveTakeaways = useSubmit(async () => {
    await request('PUT /api/events/:id/takeaways', { params: { id: detail!.event.id }, body: { takeaways: lines(takeaways) } });
    await load();
    setNotice(t('events.editor.takeawaysSaved'));
  });

  if (missing) return <Alert>{t('events.notFound')}</Alert>;
  if (!detail) return <p aria-busy="true">{t('common.loading')}</p>;
  const { event } = detail;
  if (!detail.canManage) return <Alert>{t('events.forbidden')}</Alert>;

  const editSession = (local: string, patch: Partial<SessionDraft>) => {
    edited.current = true;
    setSessions(sessions.map((s) => (s.local === local ? { ...s, ...patch } : s)));
  };
  const editRooms = (next: RoomDraft[]) => {
    edited.current = true;
    setRooms(next);
  };
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
  const field = (name: string, label: string, type: 'text' | 'date' | 'time' | 'number' = 'text') => (
    <Field
      label={label}
      name={name}
      type={type as 'text'}
      value={info[name] ?? ''}
      error={saveInfo.error?.forField(name)}
      onInput={(e) => setInfo({ ...info, [name]: e.currentTarget.value })}
    />
  );
  const area = (name: string, label: string, hint?: string) => (
    <div class="field">
      <label for={`info-${name}`}>{label}</label>
      {hint && <p class="hint">{hint}</p>}
      <textarea
        id={`info-${name}`}
        rows={3}
        value={info[name] ?? ''}
        onInput={(e) => setInfo({ ...info, [name]: e.currentTarget.value })}
      />
    </div>
  );
  const counts = detail.counts;

  return (
    <section class="event-editor">
      <PageTitle>{t('events.editor.title', { title: event.title })}</PageTitle>
      <p>
        <span class={`badge status-${event.status}`}>{t(`events.status.${event.status}`)}</span>{' '}
        <Link href={`/journees/${event.slug}`}>{t('events.publicPage')}</Link> ·{' '}
        <Link href={`/journees/${event.id}/inscriptions`}>{t('events.registrations')}</Link> ·{' '}
        <Link href={`/journees/${event.id}/accueil`}>{t('events.checkin')}</Link>
      </p>
      <LiveRoomsOfDay territoryId={event.territoryId} sessions={detail.sessions} />
      <div aria-live="polite">{notice && <Alert kind="success">{notice}</Alert>}</div>
      {statusError && <Alert>{statusError}</Alert>}
      <p class="actions">
        {nextActions[event.status].map((a) => (
          <Button key={a.to} type="button" variant={a.to === 'published' ? 'primary' : 'secondary'} onClick={() => void changeStatus(a.to)}>
            {t(a.label)}
          </Button>
        ))}
      </p>

      <details class="card" open={event.status === 'draft'}>
        <summary>
          <h2>{t('events.editor.info')}</h2>
        </summary>
        {saveInfo.error && <Alert>{saveInfo.error.message}</Alert>}
        <form onSubmit={saveInfo.run} noValidate class="info-grid">
          {field('title', t('events.field.title'))}
          {field('startDate', t('events.field.startDate'), 'date')}
          {field('endDate', t('events.field.endDate'), 'date')}
          {field('opensAt', t('events.field.opensAt'), 'time')}
          {field('closesAt', t('events.field.closesAt'), 'time')}
          {field('venueName', t('events.field.venueName'))}
          {field('venueAddress', t('events.field.venueAddress'))}
          {field('capacity', t('events.field.capacity'), 'number')}
          {area('description', t('events.field.description'))}
          {area('audience', t('events.field.audience'))}
          {area('organisers', t('events.field.organisers'), t('events.field.listHint'))}
          {area('partners', t('events.field.partners'), t('events.field.listHint'))}
          {area('themes', t('events.field.themes'), t('events.field.listHint'))}
          <Button type="submit" busy={saveInfo.busy}>
            {t('common.save')}
          </Button>
        </form>
      </details>

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
                    onInput={(e) => editRooms(rooms.map((x) => (x.key === r.key ? { ...x, name: e.currentTarget.value } : x)))}
                  />
                </td>
                <td>
                  <input
                    type="number"
                    min={1}
                    aria-label={t('events.editor.roomCapacityOf', { name: r.name })}
                    value={r.capacity ?? ''}
                    onInput={(e) =>
                      editRooms(rooms.map((x) => (x.key === r.key ? { ...x, capacity: numberOrNull(e.currentTarget.value) } : x)))
                    }
                  />
                </td>
                <td>
                  <Button type="button" variant="secondary" onClick={() => editRooms(rooms.filter((x) => x.key !== r.key))}>
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
          onClick={() =>
            editRooms([...rooms, { key: localKey(), name: t('events.editor.newRoom', { n: rooms.length + 1 }), capacity: null }])
          }
        >
          {t('events.editor.addRoom')}
        </Button>
      </section>

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
        {saveProgramme.error && <Alert>{saveProgramme.error.message}</Alert>}
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
                {slot.map((s) => {
                  const own = conflictsOf(s);
                  const p = `s-${s.local}`;
                  return (
                    <fieldset
                      key={s.local}
                      class={`session-card${own.length ? ' has-conflict' : ''}`}
                      style={{ borderLeftColor: s.colour ?? '#6b7480' }}
                    >
                      <legend>{s.title || t('events.editor.untitled')}</legend>
                      {own.length > 0 && (
                        <ul class="card-conflicts">
                          {own.map((c) => (
                            <li key={c.code}>{conflictText(c)}</li>
                          ))}
                        </ul>
                      )}
                      <label for={`${p}-title`}>{t('events.editor.sessionTitle')}</label>
                      <input id={`${p}-title`} value={s.title} onInput={(e) => editSession(s.local, { title: e.currentTarget.value })} />
                      <label for={`${p}-kind`}>{t('events.editor.kind')}</label>
                      <select
                        id={`${p}-kind`}
                        value={s.kind}
                        onChange={(e) =>
                          editSession(s.local, { kind: (e.currentTarget as HTMLSelectElement).value as SessionDraft['kind'] })
                        }
                      >
                        {sessionKindList.map((k) => (
                          <option key={k} value={k}>
                            {t(`events.kind.${k}`)}
                          </option>
                        ))}
                      </select>
                      {days.length > 1 && (
                        <>
                          <label for={`${p}-day`}>{t('events.editor.day')}</label>
                          <input
                            id={`${p}-day`}
                            type="date"
                            value={s.day}
                            onInput={(e) => editSession(s.local, { day: e.currentTarget.value })}
                          />
                        </>
                      )}
                      <div class="times">
                        <span>
                          <label for={`${p}-start`}>{t('events.editor.start')}</label>
                          <input
                            id={`${p}-start`}
                            type="time"
                            value={s.startsAt}
                            onInput={(e) => editSession(s.local, { startsAt: e.currentTarget.value })}
                          />
                        </span>
                        <span>
                          <label for={`${p}-end`}>{t('events.editor.end')}</label>
                          <input
                            id={`${p}-end`}
                            type="time"
                            value={s.endsAt}
                            onInput={(e) => editSession(s.local, { endsAt: e.currentTarget.value })}
                          />
                        </span>
                      </div>
                      <label for={`${p}-room`}>{t('events.editor.room')}</label>
                      <select
                        id={`${p}-room`}
                        value={s.roomKey ?? ''}
                        onChange={(e) => editSession(s.local, { roomKey: (e.currentTarget as HTMLSelectElement).value || null })}
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
                        onInput={(e) => editSession(s.local, { capacity: numberOrNull(e.currentTarget.value) })}
                      />
                      <label for={`${p}-speakers`}>{t('events.editor.speakers')}</label>
                      <input
                        id={`${p}-speakers`}
                        value={s.speakers}
                        onInput={(e) => editSession(s.local, { speakers: e.currentTarget.value })}
                      />
                      <label for={`${p}-colour`}>{t('events.editor.colour')}</label>
                      <input
                        id={`${p}-colour`}
                        type="color"
                        value={s.colour ?? '#6b7480'}
                        onInput={(e) => editSession(s.local, { colour: e.currentTarget.value })}
                      />
                      <label class="check">
                        <input
                          type="checkbox"
                          checked={s.choosable}
                          onChange={(e) => editSession(s.local, { choosable: (e.currentTarget as HTMLInputElement).checked })}
                        />
                        {t('events.editor.choosable')}
                      </label>
                      <Button
                        type="button"
                        variant="secondary"
                        onClick={() => {
                          edited.current = true;
                          setSessions(sessions.filter((x) => x.local !== s.local));
                        }}
                      >
                        {t('events.editor.remove')}
                        <span class="visually-hidden"> {s.title}</span>
                      </Button>
                    </fieldset>
                  );
                })}
              </div>
            </li>
          ))}
        </ol>
        <p class="actions">
          <Button
            type="button"
            variant="secondary"
            onClick={() => {
              edited.current = true;
              const last = slotsOf(sessions).at(-1)?.[0];
              setSessions([
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
            }}
          >
            {t('events.editor.addSession')}
          </Button>
          <Button type="button" busy={saveProgramme.busy} onClick={() => void saveProgramme.run()}>
            {t('events.editor.save')}
          </Button>
        </p>
      </section>

      <section aria-labelledby="print-title" class="card">
        <h2 id="print-title">{t('events.print')}</h2>
        <ul class="print-links">
          <li>
            <a href={`/api/events/${event.id}/programme.pdf`}>{t('events.pdf.programme')}</a>
          </li>
          <li>
            <a href={`/api/events/${event.id}/badges.pdf`}>{t('events.pdf.badges')}</a>
          </li>
          <li>
            <a href={`/api/events/${event.id}/salles.pdf`}>{t('events.pdf.rooms')}</a>
          </li>
          <li>
            <a href={`/api/events/${event.id}/emargement.pdf`}>{t('events.pdf.sheet')}</a>
          </li>
          {detail.sessions
            .filter((s) => s.choosable)
            .map((s) => (
              <li key={s.id}>
                <a href={`/api/events/${event.id}/emargement.pdf?sessionId=${s.id}`}>{t('events.pdf.sheetOf', { title: s.title })}</a>
              </li>
            ))}
        </ul>
      </section>

      <section aria-labelledby="after-title" class="card">
        <h2 id="after-title">{t('events.after')}</h2>
        {counts && (
          <table>
            <caption>{t('events.attendanceBySession')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('events.list.workshop')}</th>
                <th scope="col">{t('events.list.confirmed')}</th>
                <th scope="col">{t('events.checkin.presentCol')}</th>
              </tr>
            </thead>
            <tbody>
              <tr>
                <th scope="row">{t('events.wholeDay')}</th>
                <td>{counts.confirmed}</td>
                <td>{counts.present}</td>
              </tr>
              {detail.sessions
                .filter((s) => s.choosable)
                .map((s) => (
                  <tr key={s.id}>
                    <th scope="row">{s.title}</th>
                    <td>{counts.sessions[s.id]?.confirmed ?? 0}</td>
                    <td>{counts.sessions[s.id]?.present ?? 0}</td>
                  </tr>
                ))}
            </tbody>
          </table>
        )}
        {saveTakeaways.error && <Alert>{saveTakeaways.error.message}</Alert>}
        <form onSubmit={saveTakeaways.run} noValidate>
          <div class="field">
            <label for="takeaways">{t('events.takeaways')}</label>
            <p class="hint" id="takeaways-hint">
              {t('events.takeawaysHint')}
            </p>
            <textarea
              id="takeaways"
              aria-describedby="takeaways-hint"
              rows={4}
              value={takeaways}
              onInput={(e) => setTakeaways(e.currentTarget.value)}
            />
          </div>
          <Button type="submit" busy={saveTakeaways.busy}>
            {t('events.takeawaysSave')}
          </Button>
        </form>
      </section>
    </section>
  );
}
