import type { participantOrganisationKinds } from '@maillage/core';
import type { ListsAll } from '../../shared/lists';

type ParticipantOrganisationKind = (typeof participantOrganisationKinds)[number];
import type { ActivityView, MeView } from '@maillage/core';
import { useEffect, useState } from 'preact/hooks';
import { lazyComponent } from '../../shared/lazy-component';
import { ApiError, request } from '../../shared/api';
import { useI18n } from '../../shared/i18n';
import { Alert, Button, Field, PageTitle } from '../../shared/ui';
import { useSubmit } from '../accounts/use-form';
import { CafePhone, CollectivesPhone, IdeasPhone } from './activity-phone';
import { CodevPhone } from './codev-phone';
import { RegisteredJoin } from './join-form';
import { Results } from './results';
import { LiveTimer } from './timer';
import { useLive } from './use-live';
import './live.css';

/** The quiz's phone (its questions, profiles and result) loads only when a quiz runs: the participant page stays small. */
const QuizPhone = lazyComponent(() => import('./quiz-phone').then((m) => m.QuizPhone));

const kinds = [
  'habitant',
  'association',
  'centre_social',
  'collectivite',
  'etat',
  'caf',
  'bailleur',
  'entreprise',
  'collectif_habitants',
  'centre_ressources',
  'autre',
] as const satisfies readonly ParticipantOrganisationKind[];
const _allKinds: ListsAll<ParticipantOrganisationKind, (typeof kinds)[number]> = true;

const tokenKey = (code: string) => `maillage.live.${code}.token`;

/** What the code names, checked before the form: the room's title, closed or not; or the refusal's message. */
type CodeCheck =
  | { state: 'checking' }
  | { state: 'open'; title: string }
  | { state: 'closed'; title: string }
  | { state: 'wrong'; message: string };

/** Another code, typed by hand: leads to that room's join page. */
function OtherCode() {
  const { t } = useI18n();
  const [value, setValue] = useState('');
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        const next = value.toUpperCase().replace(/[\s-]/g, '');
        if (next) location.assign(`/j/${encodeURIComponent(next)}`);
      }}
    >
      <Field
        label={t('live.join.otherCode')}
        name="code"
        autoComplete="off"
        autoCapitalize="characters"
        maxLength={12}
        value={value}
        onInput={(e) => setValue(e.currentTarget.value)}
      />
      <Button type="submit">{t('live.join.check')}</Button>
    </form>
  );
}

/** The join page: the code is checked first; a wrong code or a closed room is said before any form. */
function JoinForm({ code, onJoined, forgotten }: { code: string; onJoined: (token: string) => void; forgotten: boolean }) {
  const { t } = useI18n();
  const [check, setCheck] = useState<CodeCheck>({ state: 'checking' });
  useEffect(() => {
    let current = true;
    request('GET /api/live/join/:code', { params: { code } })
      .then((r) => current && setCheck({ state: r.closed ? 'closed' : 'open', title: r.title }))
      .catch((e: unknown) => {
        if (!current) return;
        // Offline or the server down: the form shows, and joining says what went wrong.
        if (e instanceof ApiError && e.status >= 400 && e.status < 500) setCheck({ state: 'wrong', message: e.message });
        else setCheck({ state: 'open', title: '' });
      });
    return () => {
      current = false;
    };
  }, [code]);
  if (check.state === 'checking') return <p aria-busy="true">{t('common.loading')}</p>;
  if (check.state === 'wrong')
    return (
      <section class="narrow">
        <PageTitle>{t('live.join.wrongTitle', { code })}</PageTitle>
        <Alert>{check.message}</Alert>
        <OtherCode />
      </section>
    );
  if (check.state === 'closed')
    return (
      <section class="narrow">
        <PageTitle>{t('live.join.closedTitle', { title: check.title })}</PageTitle>
        <Alert kind="info">{t('live.join.closed')}</Alert>
        <OtherCode />
      </section>
    );
  return <OpenJoinForm code={code} onJoined={onJoined} forgotten={forgotten} />;
}

function OpenJoinForm({ code, onJoined, forgotten }: { code: string; onJoined: (token: string) => void; forgotten: boolean }) {
  const { t } = useI18n();
  const [name, setName] = useState('');
  const [kind, setKind] = useState<(typeof kinds)[number] | ''>('');
  const [territory, setTerritory] = useState('');
  const { busy, error, run } = useSubmit(async () => {
    const joined = await request('POST /api/live/join/:code', {
      params: { code },
      body: { name, organisationKind: kind || null, territory: territory || null },
    });
    localStorage.setItem(tokenKey(code), joined.token);
    onJoined(joined.token);
  });
  return (
    <section class="narrow">
      <PageTitle>{t('live.join.title', { code })}</PageTitle>
      {forgotten && <Alert kind="info">{t('live.join.forgotten')}</Alert>}
      <p>{t('live.join.intro')}</p>
      <RegisteredJoin
        code={code}
        onJoined={(token) => {
          localStorage.setItem(tokenKey(code), token);
          onJoined(token);
        }}
      />
      {error && <Alert>{error.code === 'offline' ? t('common.offline') : error.message}</Alert>}
      <form onSubmit={run} noValidate>
        <Field
          label={t('live.join.name')}
          name="name"
          required
          autoComplete="name"
          maxLength={80}
          value={name}
          error={error?.forField('name')}
          onInput={(e) => setName(e.currentTarget.value)}
        />
        <div class="field">
          <label for="live-kind">{t('live.join.kind')}</label>
          <select id="live-kind" value={kind} onChange={(e) => setKind(e.currentTarget.value as (typeof kinds)[number] | '')}>
            <option value="">{t('live.join.kindNone')}</option>
            {kinds.map((k) => (
              <option key={k} value={k}>
                {t(`live.kind.${k}`)}
              </option>
            ))}
          </select>
        </div>
        <Field
          label={t('live.join.territory')}
          name="territory"
          maxLength={80}
          value={territory}
          error={error?.forField('territory')}
          onInput={(e) => setTerritory(e.currentTarget.value)}
        />
        <Button type="submit" busy={busy}>
          {t('live.join.submit')}
        </Button>
      </form>
    </section>
  );
}

function GroupCard({ me, compact }: { me: MeView; compact?: boolean }) {
  const { t } = useI18n();
  if (!me.group) return null;
  return (
    <section
      class={`live-group${compact ? ' live-group-compact' : ''}`}
      style={{ backgroundColor: me.group.colour.hex }}
      aria-labelledby="live-group-title"
    >
      <h2 id="live-group-title">{t('live.group.title')}</h2>
      <p class="live-group-number">{t('live.group.number', { number: me.group.number })}</p>
      <p>{t('live.group.colour', { colour: me.group.colour.name })}</p>
      <p>{t('live.group.place', { place: me.group.place })}</p>
      <p>{t('live.group.size', { count: me.group.size })}</p>
    </section>
  );
}

function KeywordForm({
  activity,
  me,
  pending,
  onSubmit,
}: {
  activity: ActivityView;
  me: MeView | null;
  pending: boolean;
  onSubmit: (text: string, slot: number) => void;
}) {
  const { t } = useI18n();
  const count = activity.wordsPerPerson ?? 1;
  const [texts, setTexts] = useState<string[]>(() => Array.from({ length: count }, () => ''));
  const sent = me?.submitted?.keywords?.filter(Boolean) ?? (me?.submitted?.keyword ? [me.submitted.keyword] : []);
  return (
    <form
      noValidate
      class="live-answer"
      onSubmit={(e) => {
        e.preventDefault();
        const filled = texts.map((x, slot) => [x.trim(), slot] as const).filter(([x]) => x);
        if (filled.length === 0) return;
        for (const [text, slot] of filled) onSubmit(text, slot);
        setTexts(texts.map(() => ''));
      }}
    >
      {count > 1 && <p class="hint">{t('live.keyword.several', { count })}</p>}
      {texts.map((text, slot) => (
        <Field
          key={slot}
          label={count > 1 ? t('live.keyword.labelN', { n: slot + 1 }) : t('live.keyword.label')}
          hint={activity.mode === 'group' && slot === 0 ? t('live.keyword.hintGroup') : undefined}
          name={`keyword-${slot}`}
          maxLength={60}
          autoComplete="off"
          value={text}
          onInput={(e) => {
            const value = e.currentTarget.value;
            setTexts((all) => all.map((x, i) => (i === slot ? value : x)));
          }}
        />
      ))}
      <Button type="submit" disabled={!activity.open}>
        {t('live.keyword.submit')}
      </Button>
      <p role="status" class="live-feedback">
        {pending ? t('live.pending') : sent.length ? t('live.keyword.sent', { text: sent.join(' », « ') }) : ''}
      </p>
    </form>
  );
}

function PollForm({
  activity,
  me,
  pending,
  onSubmit,
}: {
  activity: ActivityView;
  me: MeView | null;
  pending: boolean;
  onSubmit: (choices: number[]) => void;
}) {
  const { t } = useI18n();
  const multiple = activity.pollKind === 'multiple';
  const [chosen, setChosen] = useState<number[]>(() => [...(me?.submitted?.choices ?? [])]);
  return (
    <form
      noValidate
      class="live-answer"
      onSubmit={(e) => {
        e.preventDefault();
        if (chosen.length > 0) onSubmit(chosen);
      }}
    >
      <fieldset>
        <legend>{activity.prompt}</legend>
        {(activity.options ?? []).map((option, i) => (
          <label key={option} class="live-choice">
            <input
              type={multiple ? 'checkbox' : 'radio'}
              name="choice"
              value={String(i)}
              checked={chosen.includes(i)}
              onChange={(e) => {
                const on = e.currentTarget.checked;
                setChosen((c) => (multiple ? (on ? [...c, i] : c.filter((x) => x !== i)) : [i]));
              }}
            />
            <span>{activity.pollKind === 'continuum' ? `${i + 1}. ${option}` : option}</span>
          </label>
        ))}
      </fieldset>
      <Button type="submit" disabled={!activity.open || chosen.length === 0}>
        {t('live.poll.submit')}
      </Button>
      <p role="status" class="live-feedback">
        {pending ? t('live.pending') : me?.submitted?.choices ? t('live.poll.sent') : ''}
      </p>
    </form>
  );
}

function Room({ code, token, onForgotten }: { code: string; token: string; onForgotten: () => void }) {
  const { t } = useI18n();
  const live = useLive(code, 'participant', token);
  if (live.fatal === 'unknown_participant') {
    localStorage.removeItem(tokenKey(code));
    onForgotten();
  }
  const activity = live.room?.activity ?? null;
  return (
    <section class="live-phone">
      <PageTitle>{live.room?.title ?? code}</PageTitle>
      <p role="status" class={`live-status live-status-${live.status}`}>
        {t(`live.status.${live.status}`)}
      </p>
      {live.room?.closed && <Alert kind="info">{t('live.roomClosed')}</Alert>}
      {live.lastReject && !live.room?.closed && <Alert>{live.lastReject.message}</Alert>}
      {/* The icebreaker's group card comes first only while no other activity runs: then it goes below. */}
      {live.me && (!activity || activity.kind === 'icebreaker') && <GroupCard me={live.me} />}
      <LiveTimer timer={live.room?.timer ?? null} clockOffset={live.clockOffset} />
      {!activity && live.room && <p>{t('live.wait')}</p>}
      {activity && (
        <section aria-labelledby="live-activity">
          <h2 id="live-activity">{activity.prompt}</h2>
          {!activity.open && <p>{t('live.closed')}</p>}
          {activity.kind === 'keyword' && (
            <KeywordForm
              key={activity.id}
              activity={activity}
              me={live.me}
              pending={live.pending.length > 0}
              onSubmit={(text, slot) => live.submit(activity.id, { kind: 'keyword', text, ...(slot > 0 ? { slot } : {}) })}
            />
          )}
          {activity.kind === 'poll' && (
            <PollForm
              key={activity.id}
              activity={activity}
              me={live.me}
              pending={live.pending.length > 0}
              onSubmit={(choices) => live.submit(activity.id, { kind: 'vote', choices })}
            />
          )}
          {(activity.kind === 'worldcafe' ||
            activity.kind === 'ideas' ||
            activity.kind === 'collectives' ||
            activity.kind === 'codev' ||
            activity.kind === 'pathway' ||
            activity.kind === 'quiz') &&
            (() => {
              // A pathway workshop is an idea wall whose themes are the horizons.
              const Phone = {
                worldcafe: CafePhone,
                ideas: IdeasPhone,
                collectives: CollectivesPhone,
                codev: CodevPhone,
                pathway: IdeasPhone,
                quiz: QuizPhone,
              }[activity.kind];
              return (
                <Phone
                  key={activity.id}
                  activity={activity}
                  me={live.me}
                  results={live.results[activity.id]}
                  pending={live.pending.length > 0}
                  submit={(input) => live.submit(activity.id, input)}
                />
              );
            })()}
          {(activity.kind === 'keyword' || activity.kind === 'poll') && live.results[activity.id] && (
            <section class="live-phone-results" aria-labelledby="live-phone-results">
              <h3 id="live-phone-results">{t('live.phone.results')}</h3>
              <Results activity={activity} results={live.results[activity.id]} />
            </section>
          )}
        </section>
      )}
      {live.me && activity && activity.kind !== 'icebreaker' && <GroupCard me={live.me} compact />}
    </section>
  );
}

/** The participant's phone: join with the room code, then follow the activities. */
export default function ParticipantPage({ params }: { params: Record<string, string> }) {
  const code = (params.code ?? '').toUpperCase().replace(/[\s-]/g, '');
  const [token, setToken] = useState(() => localStorage.getItem(tokenKey(code)) ?? '');
  const [forgotten, setForgotten] = useState(false);
  if (!token) return <JoinForm code={code} onJoined={setToken} forgotten={forgotten} />;
  return (
    <Room
      code={code}
      token={token}
      onForgotten={() => {
        setForgotten(true);
        setToken('');
      }}
    />
  );
}
