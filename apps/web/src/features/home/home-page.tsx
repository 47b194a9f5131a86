import type { EventListItemView, TodayView } from '@maillage/core';
import { useEffect, useState } from 'preact/hooks';
import { request } from '../../shared/api';
import { useI18n } from '../../shared/i18n';
import { problemMessage } from '../../shared/problem';
import { Link } from '../../shared/router';
import { type SessionUser, useSession } from '../../shared/session';
import { Alert, PageTitle } from '../../shared/ui';
import { MyTerritories } from '../territories/my-territories';
import { JoinRoomForm } from './join-room';
import './home.css';

/** Today's date in Paris, `YYYY-MM-DD` (a day that ended yesterday is no longer "upcoming"). */
const parisToday = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date());

/** The coming days open to everyone (published, not over), each with its registration page. */
function UpcomingDays() {
  const { t, formatDate } = useI18n();
  const [days, setDays] = useState<EventListItemView[]>();
  useEffect(() => {
    const today = parisToday();
    request('GET /api/events')
      .then((list) =>
        setDays(
          list
            .filter((e) => e.status === 'published' && e.endDate >= today)
            .sort((a, b) => a.startDate.localeCompare(b.startDate))
            .slice(0, 6),
        ),
      )
      .catch(() => setDays([]));
  }, []);
  return (
    <section class="home-days" aria-labelledby="home-days-title">
      <h2 id="home-days-title">{t('home.days.title')}</h2>
      {days === undefined ? (
        <p aria-busy="true">{t('common.loading')}</p>
      ) : days.length === 0 ? (
        <p>{t('home.days.none')}</p>
      ) : (
        <ul class="home-cards">
          {days.map((e) => (
            <li key={e.id} class="card">
              <h3>{e.title}</h3>
              <p>
                {t('home.days.where', {
                  date: formatDate(`${e.startDate}T12:00:00Z`, { dateStyle: 'full', timeZone: 'UTC' }),
                  venue: e.venueName,
                })}
              </p>
              <Link href={`/journees/${e.slug}`} class="btn btn-primary">
                {t('home.days.register', { title: e.title })}
              </Link>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** What is the signed-in person's today: rooms, days, collectives, requests (`GET /api/me/today`). */
function Today() {
  const { t, formatDate } = useI18n();
  const [today, setToday] = useState<TodayView>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    request('GET /api/me/today').then(setToday, (e: unknown) => setError(problemMessage(e, t)));
  }, []);
  if (error)
    return (
      <Alert>
        {t('home.today.failed')} {error}
      </Alert>
    );
  if (!today) return <p aria-busy="true">{t('common.loading')}</p>;
  const empty = !today.rooms.length && !today.days.length && !today.collectives.length && !today.pendingRequests.length;
  return (
    <section class="home-today" aria-labelledby="home-today-title">
      <h2 id="home-today-title">{t('home.today.title')}</h2>
      {empty && <p>{t('home.today.nothing')}</p>}
      {today.rooms.length > 0 && (
        <>
          <h3>{t('home.today.rooms')}</h3>
          <ul>
            {today.rooms.map((r) => (
              <li key={r.id}>
                {t('home.today.room', { title: r.title, code: r.code, count: r.participants })} —{' '}
                <Link href={`/animation/${r.id}`} aria-label={t('home.today.consoleOf', { title: r.title })}>
                  {t('home.today.console')}
                </Link>{' '}
                ·{' '}
                <a
                  href={`/projecteur/${r.code}`}
                  target="_blank"
                  rel="noopener"
                  aria-label={t('home.today.projectorOf', { title: r.title })}
                >
                  {t('home.today.projector')}
                </a>
              </li>
            ))}
          </ul>
        </>
      )}
      {today.days.length > 0 && (
        <>
          <h3>{t('home.today.days')}</h3>
          <ul>
            {today.days.map((d) => (
              <li key={d.id}>
                <Link href={d.status === 'draft' ? `/journees/${d.id}/preparer` : `/journees/${d.slug}`}>{d.title}</Link> —{' '}
                {formatDate(`${d.startDate}T12:00:00Z`, { dateStyle: 'long', timeZone: 'UTC' })}
                {d.status === 'draft' && ` (${t('home.today.draft')})`}
              </li>
            ))}
          </ul>
        </>
      )}
      {today.collectives.length > 0 && (
        <>
          <h3>{t('home.today.collectives')}</h3>
          <ul>
            {today.collectives.map((c) => (
              <li key={c.id}>
                <Link href={`/collectifs/${c.id}`}>{c.name}</Link>
              </li>
            ))}
          </ul>
        </>
      )}
      {today.pendingRequests.length > 0 && (
        <>
          <h3>{t('home.today.requests')}</h3>
          <ul>
            {today.pendingRequests.map((r) => (
              <li key={r.id}>
                <Link href={`/collectifs/${r.collectiveId}`}>
                  {t('home.today.request', { collective: r.collectiveName, text: r.text })}
                </Link>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

/** For a newcomer: who maillage is for, and how one gets an account (by invitation). */
function About() {
  const { t } = useI18n();
  return (
    <section class="home-about" aria-labelledby="home-about-title">
      <h2 id="home-about-title">{t('home.about.title')}</h2>
      <p>{t('home.about.who')}</p>
      <p>{t('home.about.account')}</p>
      <p>
        <Link href="/connexion" class="btn btn-secondary">
          {t('home.about.login')}
        </Link>
      </p>
    </section>
  );
}

function Welcome({ user }: { user: SessionUser }) {
  const { t } = useI18n();
  return (
    <>
      <PageTitle>{t('home.hello', { name: user.displayName })}</PageTitle>
      <p>{t('home.roles', { count: user.roles.length + (user.isAdmin ? 1 : 0) })}</p>
      <Today />
      <JoinRoomForm />
      <MyTerritories user={user} />
      <UpcomingDays />
    </>
  );
}

/** `/`: join a room, the coming open days, and for a signed-in person what is theirs today. */
export function HomePage() {
  const { t } = useI18n();
  const { session } = useSession();
  const user = session?.user;
  return (
    <section class="home">
      {user ? (
        <Welcome user={user} />
      ) : (
        <>
          <PageTitle>{t('home.title')}</PageTitle>
          <p class="lead">{t('home.anonymous')}</p>
          <JoinRoomForm />
          <UpcomingDays />
          <About />
        </>
      )}
    </section>
  );
}
