import type { ActivityKind, ActivityView, CloudWord, ConsoleRoomView, PollKind } from '@maillage/core';
import { useCallback, useEffect, useState } from 'preact/hooks';
import { request } from '../../shared/api';
import { useI18n } from '../../shared/i18n';
import { Link, useRouter } from '../../shared/router';
import { Alert, Button, Field, PageTitle } from '../../shared/ui';
import { useSubmit } from '../accounts/use-form';
import { CafeConsole, FormingConsole, ParticipantsPanel, parseTables, useParticipants, WallConsole } from './activity-console';
import { AddCodev, CodevConsole } from './codev-console';
import { downloadCloudPng } from './cloud-png';
import { PathwayWorkshopConsole } from '../pathways/workshop-console';
import { PaperPanel } from './paper-panel';
import { Results } from './results';
import { LiveTimer } from './timer';
import { useLive } from './use-live';
import { AddCheckedIn, EventSessionPicker } from './event-link';
import { RoomsList } from './rooms-list';
import './live.css';

type ConsoleRoom = ConsoleRoomView;

/** An activity of the console as the results (shared with the projector) read it. */
function resultsActivity(a: ConsoleRoom['activities'][number]): ActivityView {
  return {
    id: a.id,
    kind: a.kind,
    prompt: a.prompt,
    open: a.open,
    options: a.options,
    ...(a.cafe ? { tables: a.cafe.tables.map((x, i) => ({ ...x, number: i + 1 })) } : {}),
  };
}

function AddActivity({ roomId, onDone }: { roomId: string; onDone: () => void }) {
  const { t } = useI18n();
  const [kind, setKind] = useState<ActivityKind>('keyword');
  const [tables, setTables] = useState('');
  const [rounds, setRounds] = useState('3');
  const [roundMinutes, setRoundMinutes] = useState('20');
  const [themes, setThemes] = useState('');
  const [prompt, setPrompt] = useState('');
  const [mode, setMode] = useState<'person' | 'group'>('person');
  const [words, setWords] = useState('1');
  const [pollKind, setPollKind] = useState<PollKind>('single');
  const [options, setOptions] = useState('');
  const { busy, error, run } = useSubmit(async () => {
    await request('POST /api/live/rooms/:roomId/activities', {
      params: { roomId },
      body: {
        kind,
        prompt,
        ...(kind === 'keyword' ? { mode, wordsPerPerson: Number(words) } : {}),
        ...(kind === 'worldcafe' ? { tables: parseTables(tables), rounds: Number(rounds), minutes: Number(roundMinutes) } : {}),
        ...(kind === 'ideas' || kind === 'collectives'
          ? {
              options: themes
                .split('\n')
                .map((o) => o.trim())
                .filter(Boolean),
            }
          : {}),
        ...(kind === 'poll'
          ? {
              pollKind,
              options: options
                .split('\n')
                .map((o) => o.trim())
                .filter(Boolean),
            }
          : {}),
      },
    });
    setPrompt('');
    setOptions('');
    setTables('');
    setThemes('');
    onDone();
  });
  return (
    <form noValidate onSubmit={run} class="card" aria-labelledby="live-add">
      <h2 id="live-add">{t('live.console.add')}</h2>
      {error && <Alert>{error.message}</Alert>}
      <div class="field">
        <label for="live-add-kind">{t('live.console.kind')}</label>
        <select
          id="live-add-kind"
          value={kind}
          onChange={(e) => {
            const next = e.currentTarget.value as typeof kind;
            setKind(next);
            // The quiz has its own title: offered, and still editable.
            if (next === 'quiz' && !prompt.trim()) setPrompt(t('live.quiz.defaultPrompt'));
          }}
        >
          {(['icebreaker', 'keyword', 'poll', 'worldcafe', 'ideas', 'collectives', 'pathway', 'quiz'] as const).map((k) => (
            <option key={k} value={k}>
              {t(`live.console.kind.${k}`)}
            </option>
          ))}
        </select>
      </div>
      <Field
        label={t('live.console.prompt')}
        name="prompt"
        required
        maxLength={300}
        value={prompt}
        error={error?.forField('prompt')}
        onInput={(e) => setPrompt(e.currentTarget.value)}
      />
      {kind === 'keyword' && (
        <div class="field">
          <label for="live-add-mode">{t('live.console.mode')}</label>
          <select id="live-add-mode" value={mode} onChange={(e) => setMode(e.currentTarget.value as typeof mode)}>
            <option value="person">{t('live.console.mode.person')}</option>
            <option value="group">{t('live.console.mode.group')}</option>
          </select>
        </div>
      )}
      {kind === 'keyword' && (
        <Field
          label={t('live.console.wordsPerPerson')}
          name="wordsPerPerson"
          type="number"
          min={1}
          max={3}
          value={words}
          error={error?.forField('wordsPerPerson')}
          onInput={(e) => setWords(e.currentTarget.value)}
        />
      )}
      {kind === 'worldcafe' && (
        <>
          <div class="field">
            <label for="live-add-tables">{t('live.console.tables')}</label>
            <p class="hint" id="live-add-tables-hint">
              {t('live.console.tablesHint')}
            </p>
            <textarea
              id="live-add-tables"
              rows={4}
              aria-describedby="live-add-tables-hint"
              value={tables}
              onInput={(e) => setTables(e.currentTarget.value)}
            />
            {error?.forField('tables') && <p class="error">{error.forField('tables')}</p>}
          </div>
          <div class="live-row">
            <Field
              label={t('live.console.rounds')}
              name="rounds"
              type="number"
              min={1}
              max={8}
              value={rounds}
              error={error?.forField('rounds')}
              onInput={(e) => setRounds(e.currentTarget.value)}
            />
            <Field
              label={t('live.console.roundMinutes')}
              name="roundMinutes"
              type="number"
              min={3}
              max={90}
              value={roundMinutes}
              error={error?.forField('minutes')}
              onInput={(e) => setRoundMinutes(e.currentTarget.value)}
            />
          </div>
        </>
      )}
      {(kind === 'ideas' || kind === 'collectives') && (
        <div class="field">
          <label for="live-add-themes">{t('live.console.themes')}</label>
          <textarea id="live-add-themes" rows={4} value={themes} onInput={(e) => setThemes(e.currentTarget.value)} />
        </div>
      )}
      {kind === 'poll' && (
        <>
          <div class="field">
            <label for="live-add-poll">{t('live.console.pollKind')}</label>
            <select id="live-add-poll" value={pollKind} onChange={(e) => setPollKind(e.currentTarget.value as PollKind)}>
              {['single', 'multiple', 'scale', 'continuum'].map((k) => (
                <option key={k} value={k}>
                  {t(`live.console.pollKind.${k}`)}
                </option>
              ))}
            </select>
          </div>
          {(pollKind === 'single' || pollKind === 'multiple') && (
            <div class="field">
              <label for="live-add-options">{t('live.console.options')}</label>
              <textarea id="live-add-options" rows={4} value={options} onInput={(e) => setOptions(e.currentTarget.value)} />
            </div>
          )}
        </>
      )}
      <Button type="submit" busy={busy}>
        {t('live.console.add')}
      </Button>
    </form>
  );
}

function CloudModeration({
  roomId,
  activityId,
  words,
  onDone,
}: {
  roomId: string;
  activityId: string;
  words: readonly CloudWord[];
  onDone: () => void;
}) {
  const { t, formatNumber } = useI18n();
  const [into, setInto] = useState<Record<string, string>>({});
  const act = async (call: () => Promise<unknown>) => {
    await call();
    onDone();
  };
  return (
    <table>
      <caption>{t('live.console.cloud')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('live.console.word')}</th>
          <th scope="col">{t('live.console.count')}</th>
          <th scope="col">{t('live.console.actions')}</th>
        </tr>
      </thead>
      <tbody>
        {words.map((w) => (
          <tr key={w.key} class={w.hidden ? 'live-hidden-word' : undefined}>
            <th scope="row">{w.label}</th>
            <td>{formatNumber(w.count)}</td>
            <td class="live-actions">
              <Button
                type="button"
                variant="secondary"
                onClick={() =>
                  act(() =>
                    request('POST /api/live/rooms/:roomId/activities/:activityId/hide', {
                      params: { roomId, activityId },
                      body: { word: w.key, hidden: !w.hidden },
                    }),
                  )
                }
              >
                {w.hidden ? t('live.console.show') : t('live.console.hide')}
              </Button>
              <label>
                <span class="visually-hidden">{t('live.console.mergeInto', { word: w.label })}</span>
                <select value={into[w.key] ?? ''} onChange={(e) => setInto({ ...into, [w.key]: e.currentTarget.value })}>
                  <option value="">—</option>
                  {words
                    .filter((o) => o.key !== w.key)
                    .map((o) => (
                      <option key={o.key} value={o.key}>
                        {o.label}
                      </option>
                    ))}
                </select>
              </label>
              <Button
                type="button"
                variant="secondary"
                disabled={!into[w.key]}
                onClick={() =>
                  act(() =>
                    request('POST /api/live/rooms/:roomId/activities/:activityId/merge', {
                      params: { roomId, activityId },
                      body: { from: w.key, into: into[w.key] ?? '' },
                    }),
                  )
                }
              >
                {t('live.console.merge')}
              </Button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function RoomConsole({ roomId }: { roomId: string }) {
  const { t } = useI18n();
  const [data, setData] = useState<ConsoleRoom>();
  const [error, setError] = useState<string>();
  const [minutes, setMinutes] = useState('7');
  const [size, setSize] = useState('5');
  const load = useCallback(async () => {
    try {
      setData(await request('GET /api/live/rooms/:roomId', { params: { roomId } }));
      setError(undefined);
    } catch (e) {
      setError((e as Error).message);
    }
  }, [roomId]);
  useEffect(() => {
    void load();
  }, [load]);
  const live = useLive(data?.code ?? '', 'facilitator');
  const people = useParticipants(roomId);
  // Someone joined (the head count moved): refresh the list the host pickers and presence use.
  useEffect(() => {
    if (live.participants !== null) void people.reload();
  }, [live.participants, people.reload]);
  const reload = useCallback(async () => {
    await Promise.all([load(), people.reload()]);
  }, [load, people.reload]);
  const run = async (call: () => Promise<unknown>) => {
    try {
      await call();
      await load();
    } catch (e) {
      setError((e as Error).message);
    }
  };
  if (!data) return error ? <Alert>{error}</Alert> : <p aria-busy="true">{t('common.loading')}</p>;
  const room = live.room ?? data.room;
  const results = Object.keys(live.results).length ? live.results : data.results;
  return (
    <section class="live-console">
      <PageTitle>{room.title}</PageTitle>
      <div class="live-console-join">
        <p class="live-console-code">{t('live.console.code', { code: data.code })}</p>
        <p class="live-console-url">{t('live.console.joinAt', { url: `${location.host}/j/${data.code}` })}</p>
      </div>
      <p>
        <Link href={`/projecteur/${data.code}`} target="_blank" rel="noopener">
          {t('live.console.projector')}
        </Link>
        {' · '}
        <a href={`/api/live/rooms/${roomId}/export.json`} download>
          {t('live.console.exportRoom')}
        </a>
      </p>
      {error && <Alert>{error}</Alert>}
      {room.closed ? (
        <Alert kind="info">
          {t('live.console.closedRoom')} {t('live.console.closedNoAction')}
        </Alert>
      ) : (
        <p>
          <Button
            type="button"
            variant="secondary"
            onClick={() => run(() => request('POST /api/live/rooms/:roomId/close', { params: { roomId } }))}
          >
            {t('live.console.closeRoom')}
          </Button>
        </p>
      )}
      {!room.closed && (
        <section aria-labelledby="live-timer-h" class="card">
          <h2 id="live-timer-h">{t('live.console.timer')}</h2>
          <LiveTimer timer={room.timer} clockOffset={live.clockOffset} />
          <div class="live-row">
            <Field
              label={t('live.console.minutes')}
              name="minutes"
              type="number"
              min={1}
              max={240}
              value={minutes}
              onInput={(e) => setMinutes(e.currentTarget.value)}
            />
            <Button
              type="button"
              onClick={() =>
                run(() =>
                  request('POST /api/live/rooms/:roomId/timer', {
                    params: { roomId },
                    body: { seconds: Math.round(Number(minutes) * 60), warnSeconds: 60 },
                  }),
                )
              }
            >
              {t('live.console.startTimer')}
            </Button>
            <Button
              type="button"
              variant="secondary"
              onClick={() => run(() => request('DELETE /api/live/rooms/:roomId/timer', { params: { roomId } }))}
            >
              {t('live.console.stopTimer')}
            </Button>
          </div>
        </section>
      )}
      <section aria-labelledby="live-activities">
        <h2 id="live-activities">{t('live.console.activities')}</h2>
        {data.activities.length === 0 && <p>{t('live.console.noActivity')}</p>}
        <ol class="live-activities">
          {data.activities.map((a) => {
            const r = results[a.id];
            return (
              <li key={a.id} class="card">
                <h3>
                  {t(`live.console.kind.${a.kind}`)} — {a.prompt} {room.activity?.id === a.id && <em>({t('live.console.current')})</em>}
                </h3>
                {a.kind === 'keyword' && (a.wordsPerPerson ?? 1) > 1 && (
                  <p>{t('live.console.wordsAsked', { count: a.wordsPerPerson ?? 1 })}</p>
                )}
                <div class="live-row">
                  {!room.closed && (
                    <Button
                      type="button"
                      onClick={() =>
                        run(() =>
                          request('POST /api/live/rooms/:roomId/activities/:activityId/start', { params: { roomId, activityId: a.id } }),
                        )
                      }
                    >
                      {t('live.console.start')}
                    </Button>
                  )}
                  {!room.closed && a.open && a.kind !== 'codev' && (
                    <Button
                      type="button"
                      variant="secondary"
                      onClick={() =>
                        run(() =>
                          request('POST /api/live/rooms/:roomId/activities/:activityId/close', { params: { roomId, activityId: a.id } }),
                        )
                      }
                    >
                      {t('live.console.close')}
                    </Button>
                  )}
                  {!room.closed && a.kind === 'icebreaker' && (
                    <>
                      <Field
                        label={t('live.console.groupSize')}
                        name={`size-${a.id}`}
                        type="number"
                        min={2}
                        max={12}
                        value={size}
                        onInput={(e) => setSize(e.currentTarget.value)}
                      />
                      <Button
                        type="button"
                        onClick={() =>
                          run(() =>
                            request('POST /api/live/rooms/:roomId/activities/:activityId/groups', {
                              params: { roomId, activityId: a.id },
                              body: { size: Number(size) },
                            }),
                          )
                        }
                      >
                        {t('live.console.formGroups')}
                      </Button>
                    </>
                  )}
                  {a.kind === 'keyword' && (
                    <a class="btn btn-secondary" href={`/api/live/rooms/${roomId}/activities/${a.id}/keywords.csv`} download>
                      {t('live.console.export')}
                    </a>
                  )}
                  {a.kind === 'keyword' && r?.kind === 'cloud' && r.words.length > 0 && (
                    <Button type="button" variant="secondary" onClick={() => void downloadCloudPng(r, a.prompt)}>
                      {t('live.console.exportPng')}
                    </Button>
                  )}
                </div>
                {room.closed ? (
                  r && <Results activity={resultsActivity(a)} results={r} linkCollectives />
                ) : (
                  <>
                    {a.kind === 'worldcafe' && <CafeConsole roomId={roomId} activity={a} participants={people.list} onDone={reload} />}
                    {a.kind === 'ideas' && <WallConsole roomId={roomId} activity={a} results={r} onDone={load} />}
                    {a.kind === 'collectives' && <FormingConsole roomId={roomId} activity={a} results={r} onDone={load} />}
                    {a.codev && (
                      <CodevConsole
                        key={`${a.id}-${a.codev.porteurId}`}
                        roomId={roomId}
                        activity={a}
                        codev={a.codev}
                        timerRunning={room.timer !== null}
                        results={r}
                        participants={people.list}
                        onDone={load}
                      />
                    )}
                    {a.kind === 'pathway' && <PathwayWorkshopConsole roomId={roomId} activityId={a.id} results={r} onDone={load} />}
                    {r?.kind === 'cloud' ? (
                      <CloudModeration roomId={roomId} activityId={a.id} words={r.words} onDone={load} />
                    ) : (
                      r &&
                      a.kind !== 'ideas' &&
                      a.kind !== 'pathway' &&
                      a.kind !== 'collectives' &&
                      a.kind !== 'codev' && <Results activity={resultsActivity(a)} results={r} />
                    )}
                  </>
                )}
              </li>
            );
          })}
        </ol>
      </section>
      {/* A closed room takes nothing more: no participants to mark, words to type, activities to add. */}
      {!room.closed && (
        <>
          <ParticipantsPanel roomId={roomId} participants={people.list} onDone={reload} />
          <PaperPanel roomId={roomId} activities={data.activities} onTyped={load} />
          <AddActivity roomId={roomId} onDone={load} />
          <AddCodev roomId={roomId} participants={people.list} onDone={load} />
          <AddCheckedIn roomId={roomId} onDone={load} />
        </>
      )}
    </section>
  );
}

function OpenRoom() {
  const { t } = useI18n();
  const [title, setTitle] = useState('');
  const [territories, setTerritories] = useState<{ id: string; name: string }[]>();
  const [territoryId, setTerritoryId] = useState('');
  const [eventSessionId, setEventSessionId] = useState('');
  useEffect(() => {
    void request('GET /api/session').then(async (s) => {
      const ids = [
        ...new Set((s.user?.roles ?? []).filter((r) => r.role === 'facilitator' || r.role === 'coordinator').map((r) => r.territoryId)),
      ];
      const named = await Promise.all(
        ids.map((id) =>
          request('GET /api/territories/:id', { params: { id } })
            .then((d) => ({ id, name: d.name }))
            .catch(() => ({ id, name: id })),
        ),
      );
      setTerritories(named);
      if (named[0]) setTerritoryId(named[0].id);
    });
  }, []);
  const { navigate } = useRouter();
  const { busy, error, run } = useSubmit(async () => {
    const opened = await request('POST /api/live/rooms', { body: { title, territoryId, eventSessionId: eventSessionId || null } });
    // The room's console has its own address: a reload or "back" comes back to it.
    navigate(`/animation/${opened.id}`, { replace: true });
  });
  if (!territories) return <p aria-busy="true">{t('common.loading')}</p>;
  return (
    <section class="narrow">
      <PageTitle>{t('live.nav')}</PageTitle>
      <h2>{t('live.console.open')}</h2>
      {territories.length === 0 && <p>{t('live.rooms.noTerritory')}</p>}
      {error && <Alert>{error.message}</Alert>}
      {territories.length > 0 && (
        <form onSubmit={run} noValidate>
          <Field
            label={t('live.console.roomTitle')}
            name="title"
            required
            maxLength={120}
            value={title}
            error={error?.forField('title')}
            onInput={(e) => setTitle(e.currentTarget.value)}
          />
          <div class="field">
            <label for="live-territory">{t('live.console.territory')}</label>
            <select id="live-territory" value={territoryId} onChange={(e) => setTerritoryId(e.currentTarget.value)}>
              {territories.map((tt) => (
                <option key={tt.id} value={tt.id}>
                  {tt.name}
                </option>
              ))}
            </select>
          </div>
          <EventSessionPicker
            territoryId={territoryId}
            value={eventSessionId}
            onChange={setEventSessionId}
            error={error?.forField('eventSessionId')}
          />
          <Button type="submit" busy={busy}>
            {t('live.console.create')}
          </Button>
        </form>
      )}
      <RoomsList territories={territories} />
    </section>
  );
}

/** The facilitator's console: `/animation` opens a room, `/animation/:roomId` runs it. */
export default function ConsolePage({ params }: { params: Record<string, string> }) {
  return params.roomId ? <RoomConsole roomId={params.roomId} /> : <OpenRoom />;
}
