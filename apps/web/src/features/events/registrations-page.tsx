import { useEffect, useState } from 'preact/hooks';
import { request } from '../../shared/api';
import { useI18n } from '../../shared/i18n';
import { problemMessage } from '../../shared/problem';
import { Link } from '../../shared/router';
import { Alert, PageTitle } from '../../shared/ui';
import type { EventDetail, ProbableDuplicate, RegistrationList, RegistrationsQuery } from './types';

type Registration = RegistrationList['registrations'][number];
import { QuestionnaireAnswers } from '../evaluation/questionnaire';
import './events.css';

/** Organisers' view: registrations with filters, counts per workshop, waiting lists, exports. */
export default function RegistrationsPage({ params }: { params: Record<string, string> }) {
  const { t, formatNumber } = useI18n();
  const id = params.id ?? '';
  const [detail, setDetail] = useState<EventDetail>();
  const [error, setError] = useState('');
  const [filters, setFilters] = useState({ q: '', status: '', sessionId: '', lunch: '', present: '', accessibility: '', waitlist: '' });
  const [data, setData] = useState<RegistrationList>();
  const [linkNotice, setLinkNotice] = useState('');
  const [reload, setReload] = useState(0);
  const [moveNotice, setMoveNotice] = useState('');
  const [creating, setCreating] = useState(false);
  /** Probable duplicates met by "create in the ecosystem", with the registrations asked, for the organiser to decide. */
  const [pending, setPending] = useState<{ registrationIds?: string[]; duplicates: ProbableDuplicate[] }>();
  const createInEcosystem = async (registrationIds: string[] | undefined, duplicates: 'report' | 'link' | 'create') => {
    setCreating(true);
    try {
      const r = await request('POST /api/events/:id/registrations/ecosystem', {
        params: { id: detail!.event.id },
        body: { ...(registrationIds ? { registrationIds } : {}), duplicates },
      });
      if (!r.applied) {
        setPending({ ...(registrationIds ? { registrationIds } : {}), duplicates: [...r.duplicates] });
        setLinkNotice(t('events.eco.duplicatesFound', { count: r.duplicates.length }));
      } else {
        setPending(undefined);
        setLinkNotice(
          t('events.eco.done', {
            registrations: r.registrations,
            peopleCreated: r.people.created,
            peopleLinked: r.people.linked,
            organisationsCreated: r.organisations.created,
          }),
        );
        setReload((n) => n + 1);
      }
    } catch (e) {
      setLinkNotice((e as Error).message);
    } finally {
      setCreating(false);
    }
  };
  const linkEcosystem = async () => {
    try {
      const r = await request('POST /api/events/:id/registrations/link-ecosystem', { params: { id: detail!.event.id } });
      setLinkNotice(t('events.list.linked', { organisations: r.organisations, people: r.people }));
      setReload(reload + 1);
    } catch (e) {
      setLinkNotice((e as Error).message);
    }
  };
  useEffect(() => {
    request('GET /api/events/:id', { params: { id } })
      .then(setDetail)
      .catch((e: Error) => setError(e.message));
  }, [id]);
  const query = new URLSearchParams(Object.entries(filters).filter(([, v]) => v !== '')).toString();
  useEffect(() => {
    if (!detail) return;
    const timer = setTimeout(() => {
      request('GET /api/events/:id/registrations', { params: { id: detail.event.id }, query: filters as RegistrationsQuery })
        .then(setData)
        .catch((e: Error) => setError(e.message));
    }, 250);
    return () => clearTimeout(timer);
  }, [detail, query, reload]);
  if (error) return <Alert>{error}</Alert>;
  if (!detail) return <p aria-busy="true">{t('common.loading')}</p>;
  const { event } = detail;
  const workshops = detail.sessions.filter((s) => s.choosable);
  const title = new Map(detail.sessions.map((s) => [s.id, s.title]));
  const select = (name: keyof typeof filters, label: string, options: [string, string][]) => (
    <div class="field">
      <label for={`f-${name}`}>{label}</label>
      <select
        id={`f-${name}`}
        value={filters[name]}
        onChange={(e) => setFilters({ ...filters, [name]: (e.currentTarget as HTMLSelectElement).value })}
      >
        <option value="">{t('events.list.all')}</option>
        {options.map(([value, text]) => (
          <option key={value} value={value}>
            {text}
          </option>
        ))}
      </select>
    </div>
  );
  const counts = data?.counts;
  return (
    <section>
      <PageTitle>{t('events.list.title', { title: event.title })}</PageTitle>
      <p class="actions">
        <Link href={`/journees/${event.id}/preparer`}>{t('events.prepare')}</Link>
        <Link href={`/journees/${event.id}/accueil`}>{t('events.checkin')}</Link>
        <a href={`/api/events/${event.id}/registrations.csv${query ? `?${query}` : ''}`}>{t('events.list.csv')}</a>
        <a href={`/api/events/${event.id}/badges.pdf`}>{t('events.pdf.badges')}</a>
        {detail.canManage && (
          <button type="button" class="btn btn-secondary" onClick={() => void linkEcosystem()}>
            {t('events.list.link')}
          </button>
        )}
      </p>
      <QuestionnaireAnswers eventId={event.id} />
      {detail.canManage && (
        <section aria-labelledby="eco-title" class="card">
          <h2 id="eco-title">{t('events.eco.title')}</h2>
          <p class="hint">{t('events.eco.hint')}</p>
          <button type="button" class="btn" disabled={creating} onClick={() => void createInEcosystem(undefined, 'report')}>
            {t('events.eco.createAll')}
          </button>
        </section>
      )}
      <div aria-live="polite">{linkNotice && <Alert kind="info">{linkNotice}</Alert>}</div>
      {pending && (
        <section aria-labelledby="dup-title" class="card">
          <h2 id="dup-title">{t('events.eco.duplicatesTitle')}</h2>
          <ul>
            {pending.duplicates.map((d) => (
              <li key={`${d.registrationId}-${d.kind}`}>
                {t(d.kind === 'person' ? 'events.eco.duplicatePerson' : 'events.eco.duplicateOrganisation', {
                  typed: d.typed,
                  name: d.registrationName,
                  candidates: d.candidates.map((c) => c.name).join(', '),
                })}
              </li>
            ))}
          </ul>
          <p class="actions">
            <button type="button" class="btn" disabled={creating} onClick={() => void createInEcosystem(pending.registrationIds, 'link')}>
              {t('events.eco.link')}
            </button>
            <button
              type="button"
              class="btn btn-secondary"
              disabled={creating}
              onClick={() => void createInEcosystem(pending.registrationIds, 'create')}
            >
              {t('events.eco.createAnyway')}
            </button>
            <button type="button" class="btn btn-secondary" onClick={() => setPending(undefined)}>
              {t('events.eco.cancel')}
            </button>
          </p>
        </section>
      )}
      {counts && (
        <p aria-live="polite">
          {t('events.list.totals', {
            confirmed: formatNumber(counts.confirmed),
            waitlisted: formatNumber(counts.waitlisted),
            cancelled: formatNumber(counts.cancelled),
            lunch: formatNumber(counts.lunch),
          })}
        </p>
      )}
      {counts && workshops.length > 0 && (
        <table class="counts-table">
          <caption>{t('events.list.perWorkshop')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('events.list.workshop')}</th>
              <th scope="col">{t('events.list.capacity')}</th>
              <th scope="col">{t('events.list.confirmed')}</th>
              <th scope="col">{t('events.list.waitlisted')}</th>
            </tr>
          </thead>
          <tbody>
            {workshops.map((s) => (
              <tr key={s.id}>
                <th scope="row">
                  <span class="dot" style={{ background: s.colour ?? '#6b7480' }} aria-hidden="true" />
                  {s.title} ({s.startsAt})
                </th>
                <td>{s.capacity ?? '—'}</td>
                <td>{counts.sessions[s.id]?.confirmed ?? 0}</td>
                <td>{counts.sessions[s.id]?.waitlisted ?? 0}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <form noValidate class="filters" aria-label={t('events.list.filters')} onSubmit={(e) => e.preventDefault()}>
        <div class="field">
          <label for="f-q">{t('events.list.search')}</label>
          <input id="f-q" type="search" value={filters.q} onInput={(e) => setFilters({ ...filters, q: e.currentTarget.value })} />
        </div>
        {select('status', t('events.list.status'), [
          ['confirmed', t('events.regStatus.confirmed')],
          ['waitlisted', t('events.regStatus.waitlisted')],
          ['cancelled', t('events.regStatus.cancelled')],
        ])}
        {select(
          'sessionId',
          t('events.list.workshop'),
          workshops.map((s) => [s.id, s.title]),
        )}
        {select('lunch', t('events.list.lunch'), [
          ['true', t('events.list.yes')],
          ['false', t('events.list.no')],
        ])}
        {select('present', t('events.list.present'), [
          ['true', t('events.list.yes')],
          ['false', t('events.list.no')],
        ])}
        {select('accessibility', t('events.list.accessibility'), [
          ['true', t('events.list.withNeed')],
          ['false', t('events.list.withoutNeed')],
        ])}
        {select('waitlist', t('events.list.waitlist'), [
          ['event', t('events.list.dayWaitlist')],
          ['workshop', t('events.list.workshopWaitlist')],
        ])}
      </form>
      {data && (
        <>
          <p aria-live="polite">{t('events.list.count', { count: data.registrations.length })}</p>
          {moveNotice && <Alert kind="success">{moveNotice}</Alert>}
          <div class="table-scroll">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('events.list.name')}</th>
                  <th scope="col">{t('events.reg.organisation')}</th>
                  <th scope="col">{t('events.list.workshops')}</th>
                  <th scope="col">{t('events.list.status')}</th>
                  <th scope="col">{t('events.list.lunch')}</th>
                  <th scope="col">{t('events.list.accessibility')}</th>
                  <th scope="col">{t('events.list.present')}</th>
                  <th scope="col">{t('events.eco.column')}</th>
                </tr>
              </thead>
              <tbody>
                {data.registrations.map((r) => (
                  <tr key={r.id}>
                    <th scope="row">
                      {r.name}
                      <br />
                      <span class="hint">{r.email}</span>
                    </th>
                    <td>{r.organisationName}</td>
                    <td>
                      {r.choices
                        .filter((c) => c.status !== 'dropped')
                        .map(
                          (c) =>
                            `${title.get(c.sessionId) ?? ''} (${c.status === 'waitlisted' ? t('events.list.workshopWaitlisted') : t(`events.choice.${c.status}`)})`,
                        )
                        .join(', ')}
                      {detail.canManage &&
                        r.status === 'confirmed' &&
                        r.choices
                          .filter((c) => c.status === 'waitlisted')
                          .map((c) => (
                            <MoveWaitlisted
                              key={c.sessionId}
                              eventId={event.id}
                              registration={r}
                              fromSessionId={c.sessionId}
                              workshops={workshops.filter(
                                (w) =>
                                  w.id !== c.sessionId && (w.capacity === null || (counts?.sessions[w.id]?.confirmed ?? 0) < w.capacity),
                              )}
                              onMoved={(message) => {
                                setMoveNotice(message);
                                setReload((n) => n + 1);
                              }}
                            />
                          ))}
                    </td>
                    <td>{r.status === 'waitlisted' ? t('events.list.dayWaitlisted') : t(`events.regStatus.${r.status}`)}</td>
                    <td>{r.lunch ? t('events.list.yes') : t('events.list.no')}</td>
                    <td>{r.accessibility.trim() || '—'}</td>
                    <td>{r.checkedInAt ? t('events.list.yes') : t('events.list.no')}</td>
                    <td>
                      {r.personId ? (
                        t('events.eco.linked')
                      ) : detail.canManage && r.status !== 'cancelled' ? (
                        <button
                          type="button"
                          class="btn btn-secondary btn-small"
                          disabled={creating}
                          onClick={() => void createInEcosystem([r.id], 'report')}
                        >
                          {t('events.eco.createOne', { name: r.name })}
                        </button>
                      ) : (
                        t('events.eco.notLinked')
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}

/**
 * Moves a person waiting for a full workshop to another one that still has room (the server checks
 * the room, the time slot and that she is still waiting there).
 */
function MoveWaitlisted({
  eventId,
  registration,
  fromSessionId,
  workshops,
  onMoved,
}: {
  eventId: string;
  registration: Registration;
  fromSessionId: string;
  workshops: readonly { id: string; title: string }[];
  onMoved(message: string): void;
}) {
  const { t } = useI18n();
  const [to, setTo] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  if (workshops.length === 0) return <p class="hint">{t('events.move.noRoom')}</p>;
  const id = `move-${registration.id}-${fromSessionId}`;
  const move = async () => {
    if (!to) return setError(t('events.move.choose'));
    setBusy(true);
    setError('');
    try {
      await request('POST /api/events/:id/registrations/:registrationId/move', {
        params: { id: eventId, registrationId: registration.id },
        body: { fromSessionId, toSessionId: to },
      });
      onMoved(t('events.move.done', { name: registration.name, workshop: workshops.find((w) => w.id === to)?.title ?? '' }));
    } catch (e) {
      setError(problemMessage(e, t));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div class="move-waitlisted">
      <label for={id}>{t('events.move.label', { name: registration.name })}</label>
      <select id={id} value={to} aria-invalid={error ? 'true' : undefined} onChange={(e) => setTo(e.currentTarget.value)}>
        <option value="">{t('events.move.placeholder')}</option>
        {workshops.map((w) => (
          <option key={w.id} value={w.id}>
            {w.title}
          </option>
        ))}
      </select>
      <button type="button" class="btn btn-secondary btn-small" disabled={busy} onClick={() => void move()}>
        {t('events.move.submit')}
      </button>
      {error && <p role="alert">{error}</p>}
    </div>
  );
}
