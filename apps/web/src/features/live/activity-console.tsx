import type { ActivityResults, ConsoleRoomView, RoomParticipantView } from '@maillage/core';
import { useCallback, useEffect, useState } from 'preact/hooks';
import { request } from '../../shared/api';
import { useI18n } from '../../shared/i18n';
import { Link } from '../../shared/router';
import { Alert, Button, Field } from '../../shared/ui';
import { RenameCollective } from './collective-parts';

/**
 * The facilitator's controls for the longer activities: the world café (hosts, plan, rounds, the
 * plan by table), the idea wall (group, hide), the forming of collectives (propose, create), and
 * who is in the room (mark someone as gone before a re-plan).
 */

/** An activity as the console reads it (core's view of `GET /api/live/rooms/:roomId`). */
export type ConsoleActivity = ConsoleRoomView['activities'][number];
export type RoomParticipant = RoomParticipantView;

/** Runs a console action: the error (in French, from the API) shows next to the buttons. */
function useAction(onDone: () => void) {
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const act = async (call: () => Promise<unknown>) => {
    setBusy(true);
    try {
      await call();
      setError(undefined);
      onDone();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return { error, busy, act };
}

export function useParticipants(roomId: string) {
  const [list, setList] = useState<RoomParticipant[]>([]);
  const reload = useCallback(async () => {
    setList(await request('GET /api/live/rooms/:roomId/participants', { params: { roomId } }).catch(() => []));
  }, [roomId]);
  useEffect(() => {
    void reload();
  }, [reload]);
  return { list, reload };
}

export function CafeConsole({
  roomId,
  activity,
  participants,
  onDone,
}: {
  roomId: string;
  activity: ConsoleActivity;
  participants: RoomParticipant[];
  onDone: () => void;
}) {
  const { t } = useI18n();
  const { error, busy, act } = useAction(onDone);
  const cafe = activity.cafe;
  if (!cafe) return null;
  return (
    <div class="live-cafe-console">
      {error && <Alert>{error}</Alert>}
      <fieldset>
        <legend>{t('live.cafe.hosts')}</legend>
        {cafe.tables.map((table, i) => (
          <div class="field" key={table.id}>
            <label for={`host-${activity.id}-${table.id}`}>{t('live.cafe.hostOf', { number: i + 1, theme: table.theme })}</label>
            <select
              id={`host-${activity.id}-${table.id}`}
              value={cafe.hosts[table.id] ?? ''}
              onChange={(e) =>
                act(() =>
                  request('PUT /api/live/rooms/:roomId/activities/:activityId/hosts', {
                    params: { roomId, activityId: activity.id },
                    body: { hosts: [{ table: table.id, participantId: e.currentTarget.value || null }] },
                  }),
                )
              }
            >
              <option value="">{t('live.cafe.noHost')}</option>
              {participants.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </select>
          </div>
        ))}
      </fieldset>
      <div class="live-row">
        <Button
          type="button"
          busy={busy}
          onClick={() =>
            act(() => request('POST /api/live/rooms/:roomId/activities/:activityId/plan', { params: { roomId, activityId: activity.id } }))
          }
        >
          {cafe.plan ? t('live.cafe.replan') : t('live.cafe.plan')}
        </Button>
        {cafe.plan &&
          Array.from({ length: cafe.rounds }, (_, r) => (
            <Button
              key={r}
              type="button"
              variant={r === cafe.round + 1 ? 'primary' : 'secondary'}
              onClick={() =>
                act(() =>
                  request('POST /api/live/rooms/:roomId/activities/:activityId/rounds/:round/start', {
                    params: { roomId, activityId: activity.id, round: r },
                  }),
                )
              }
            >
              {t('live.cafe.startRound', { round: r + 1 })}
            </Button>
          ))}
      </div>
      {cafe.plan && (
        <table class="live-plan">
          <caption>{t('live.cafe.planCaption', { minutes: cafe.minutes })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('live.cafe.tableCol')}</th>
              {cafe.plan.map((_, r) => (
                <th scope="col" key={r} aria-current={r === cafe.round ? 'step' : undefined}>
                  {t('live.cafe.roundN', { round: r + 1 })}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {cafe.tables.map((table, i) => {
              const host = participants.find((p) => p.id === cafe.hosts[table.id]);
              return (
                <tr key={table.id}>
                  <th scope="row">
                    {i + 1}. {table.theme}
                    {host && <span class="live-idea-theme"> · {t('live.cafe.hostName', { name: host.name })}</span>}
                  </th>
                  {(cafe.plan ?? []).map((round, r) => (
                    <td key={r}>{round.find((x) => x.table === table.id)?.members.join(', ') ?? '—'}</td>
                  ))}
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </div>
  );
}

export function WallConsole({
  roomId,
  activity,
  results,
  onDone,
}: {
  roomId: string;
  activity: ConsoleActivity;
  results: ActivityResults | undefined;
  onDone: () => void;
}) {
  const { t } = useI18n();
  const { error, busy, act } = useAction(onDone);
  const [selected, setSelected] = useState<number[]>([]);
  const [label, setLabel] = useState('');
  if (results?.kind !== 'ideas') return null;
  const groups = new Map(results.groups.map((g) => [g.id, g]));
  return (
    <div class="live-wall-console">
      {error && <Alert>{error}</Alert>}
      <table>
        <caption>{t('live.ideas.wall')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('live.ideas.select')}</th>
            <th scope="col">{t('live.ideas.idea')}</th>
            <th scope="col">{t('live.ideas.theme')}</th>
            <th scope="col">{t('live.console.count')}</th>
            <th scope="col">{t('live.ideas.group')}</th>
            <th scope="col">{t('live.console.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {results.ideas.map((idea) => (
            <tr key={idea.id} class={idea.hidden ? 'live-hidden-word' : undefined}>
              <td>
                <input
                  type="checkbox"
                  aria-label={t('live.ideas.selectOne', { text: idea.text })}
                  checked={selected.includes(idea.id)}
                  onChange={(e) => {
                    const on = e.currentTarget.checked;
                    setSelected((s) => (on ? [...s, idea.id] : s.filter((x) => x !== idea.id)));
                  }}
                />
              </td>
              <th scope="row">{idea.text}</th>
              <td>{results.themes[idea.theme]}</td>
              <td>{idea.votes}</td>
              <td>
                {idea.group !== null && (
                  <>
                    {groups.get(idea.group)?.label}{' '}
                    <Button
                      type="button"
                      variant="secondary"
                      onClick={() =>
                        act(() =>
                          request('DELETE /api/live/rooms/:roomId/activities/:activityId/ideas/groups/:group', {
                            params: { roomId, activityId: activity.id, group: idea.group },
                          }),
                        )
                      }
                    >
                      {t('live.ideas.ungroup')}
                    </Button>
                  </>
                )}
              </td>
              <td>
                <Button
                  type="button"
                  variant="secondary"
                  onClick={() =>
                    act(() =>
                      request('POST /api/live/rooms/:roomId/activities/:activityId/ideas/:idea/hide', {
                        params: { roomId, activityId: activity.id, idea: idea.id },
                        body: { hidden: !idea.hidden },
                      }),
                    )
                  }
                >
                  {idea.hidden ? t('live.console.show') : t('live.console.hide')}
                </Button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <form
        noValidate
        class="live-row"
        onSubmit={(e) => {
          e.preventDefault();
          void act(() =>
            request('POST /api/live/rooms/:roomId/activities/:activityId/ideas/groups', {
              params: { roomId, activityId: activity.id },
              body: { ideas: selected, label },
            }),
          ).then(() => {
            setSelected([]);
            setLabel('');
          });
        }}
      >
        <Field
          label={t('live.ideas.groupLabel')}
          name={`label-${activity.id}`}
          maxLength={120}
          value={label}
          onInput={(e) => setLabel(e.currentTarget.value)}
        />
        <Button type="submit" busy={busy} disabled={selected.length === 0 || !label.trim()}>
          {t('live.ideas.groupSelected', { count: selected.length })}
        </Button>
      </form>
    </div>
  );
}

export function FormingConsole({
  roomId,
  activity,
  results,
  onDone,
}: {
  roomId: string;
  activity: ConsoleActivity;
  results: ActivityResults | undefined;
  onDone: () => void;
}) {
  const { t } = useI18n();
  const { error, busy, act } = useAction(onDone);
  const r = results?.kind === 'collectives' ? results : undefined;
  return (
    <div class="live-forming-console">
      {error && <Alert>{error}</Alert>}
      <p>{t('live.collectives.declaredCount', { count: r?.declared ?? 0 })}</p>
      <div class="live-row">
        <Button
          type="button"
          busy={busy}
          onClick={() =>
            act(() =>
              request('POST /api/live/rooms/:roomId/activities/:activityId/collectives/propose', {
                params: { roomId, activityId: activity.id },
              }),
            )
          }
        >
          {r?.collectives.length ? t('live.collectives.repropose') : t('live.collectives.propose')}
        </Button>
        {r && r.collectives.length > 0 && (
          <Button
            type="button"
            busy={busy}
            onClick={() =>
              act(() =>
                request('POST /api/live/rooms/:roomId/activities/:activityId/collectives/create', {
                  params: { roomId, activityId: activity.id },
                }),
              )
            }
          >
            {t('live.collectives.create')}
          </Button>
        )}
      </div>
      {r && r.collectives.length > 0 && (
        <ul class="live-collective-list">
          {r.collectives.map((c) => (
            <li key={c.number}>
              <h4>{c.collectiveId ? <Link href={`/collectifs/${c.collectiveId}`}>{c.name}</Link> : c.name}</h4>
              {!c.collectiveId && (
                <RenameCollective
                  name={c.name}
                  disabled={busy}
                  label={`${t('live.collectives.renameConsole')} — ${c.name}`}
                  onRename={(name) =>
                    act(() =>
                      request('PUT /api/live/rooms/:roomId/activities/:activityId/collectives/:number/name', {
                        params: { roomId, activityId: activity.id, number: c.number },
                        body: { name },
                      }),
                    )
                  }
                />
              )}
              <ul>
                {c.members.map((m) => (
                  <li key={m.id}>
                    {m.name} {m.accepted ? `(${t('live.collectives.acceptedShort')})` : ''}
                    {m.urgency && <span class="live-idea-theme"> — « {m.urgency} »</span>}
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

export function ParticipantsPanel({
  roomId,
  participants,
  onDone,
}: {
  roomId: string;
  participants: RoomParticipant[];
  onDone: () => void;
}) {
  const { t } = useI18n();
  const { error, act } = useAction(onDone);
  return (
    <details class="card">
      <summary>{t('live.participants.title', { count: participants.length })}</summary>
      {error && <Alert>{error}</Alert>}
      <ul class="live-participants">
        {participants.map((p) => (
          <li key={p.id}>
            <label>
              <input
                type="checkbox"
                checked={p.present}
                onChange={(e) =>
                  act(() =>
                    request('PUT /api/live/rooms/:roomId/participants/:participantId/presence', {
                      params: { roomId, participantId: p.id },
                      body: { present: e.currentTarget.checked },
                    }),
                  )
                }
              />{' '}
              {p.name}
              {p.registered && <span class="live-idea-theme"> · {t('live.participants.registered')}</span>}
            </label>
          </li>
        ))}
      </ul>
      <p class="hint">{t('live.participants.hint')}</p>
    </details>
  );
}

/** Parses "Thème | lieu" lines into world-café tables. */
export function parseTables(text: string): { theme: string; place?: string }[] {
  return text
    .split('\n')
    .map((line) => line.split('|').map((x) => x.trim()))
    .filter(([theme]) => Boolean(theme))
    .map(([theme, place]) => ({ theme: theme as string, ...(place ? { place } : {}) }));
}
