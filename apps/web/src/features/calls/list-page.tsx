import type { ApplicationSummaryView, CallSummaryView } from '@maillage/core';
import { useEffect, useState } from 'preact/hooks';
import { request } from '../../shared/api';
import { useI18n } from '../../shared/i18n';
import { Link, useRouter } from '../../shared/router';
import { useSession } from '../../shared/session';
import { Alert, Button, Field, PageTitle } from '../../shared/ui';
import { asApiError, euros, problemMessage, ScrollTable, StatusBadge } from './common';
import './calls.css';

/** `/appels`: the calls the visitor may read with where each one is, the visitor's own files, and (coordinators) launching a call. */
export default function CallsListPage() {
  const { t } = useI18n();
  const { session } = useSession();
  const [calls, setCalls] = useState<CallSummaryView[]>();
  const [mine, setMine] = useState<ApplicationSummaryView[]>([]);
  const [error, setError] = useState<string>();
  useEffect(() => {
    request('GET /api/calls', { query: {} })
      .then(setCalls)
      .catch((e) => setError(problemMessage(e, t('common.offline'))));
    request('GET /api/applications/mine')
      .then(setMine)
      .catch(() => setMine([]));
  }, []);
  const coordinates = session?.user?.isAdmin || session?.user?.roles.some((r) => r.role === 'coordinator');
  return (
    <div class="calls">
      <PageTitle>{t('calls.list.title')}</PageTitle>
      <p class="lead">{t('calls.list.intro')}</p>
      {error && <Alert>{error}</Alert>}
      {mine.length > 0 && <MyApplications list={mine} />}
      <section aria-labelledby="calls-list-title">
        <h2 id="calls-list-title">{t('calls.list.calls')}</h2>
        {calls === undefined && !error && <p aria-busy="true">{t('common.loading')}</p>}
        {calls?.length === 0 && <p>{t('calls.list.none')}</p>}
        {calls && calls.length > 0 && (
          <ul class="call-list">
            {calls.map((c) => (
              <li key={c.id} class="card">
                <h3>
                  <Link href={`/appels/${c.id}`}>{c.title}</Link>
                </h3>
                <p class="muted">
                  {c.territoryName} · {t('calls.list.year', { year: c.year })} · {t('calls.list.applications', { count: c.applications })}
                </p>
                <p>
                  {c.currentStep
                    ? t(`calls.list.step.${c.currentStep.state}`, {
                        label: c.currentStep.label,
                        opens: c.currentStep.opensOn,
                        closes: c.currentStep.closesOn,
                      })
                    : t('calls.list.noStep')}
                </p>
                <p class="call-tracks">{c.tracks.map((tr) => t(`calls.track.${tr}`)).join(' · ')}</p>
              </li>
            ))}
          </ul>
        )}
      </section>
      {coordinates && <CreateCall />}
    </div>
  );
}

function MyApplications({ list }: { list: readonly ApplicationSummaryView[] }) {
  const { t } = useI18n();
  return (
    <section aria-labelledby="mine-title" class="card">
      <h2 id="mine-title">{t('calls.mine.title')}</h2>
      <ScrollTable label={t('calls.mine.title')}>
        <table>
          <caption class="visually-hidden">{t('calls.mine.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('calls.mine.action')}</th>
              <th scope="col">{t('calls.mine.call')}</th>
              <th scope="col">{t('calls.mine.status')}</th>
              <th scope="col">{t('calls.mine.requested')}</th>
              <th scope="col">{t('calls.mine.voted')}</th>
            </tr>
          </thead>
          <tbody>
            {list.map((a) => (
              <tr key={a.id}>
                <th scope="row">
                  <Link href={`/appels/${a.callId}/demandes/${a.id}`}>{a.title || t('calls.application.untitled')}</Link>
                  <br />
                  <span class="muted">{a.collective ? a.collective.name : a.leadOrganisation.name}</span>
                </th>
                <td>{a.callTitle}</td>
                <td>
                  <StatusBadge status={a.status} />
                </td>
                <td class="amount">{euros(a.requestedCents)}</td>
                <td class="amount">{euros(a.votedCents)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollTable>
    </section>
  );
}

/** Launching a call on a territory the coordinator works on (then its page opens in edit mode). */
function CreateCall() {
  const { t } = useI18n();
  const { session } = useSession();
  const { navigate } = useRouter();
  const ids = [...new Set(session?.user?.roles.filter((r) => r.role === 'coordinator').map((r) => r.territoryId) ?? [])];
  const [names, setNames] = useState<Record<string, string>>({});
  const [territoryId, setTerritoryId] = useState(ids[0] ?? '');
  const [title, setTitle] = useState('');
  const [year, setYear] = useState(String(new Date().getFullYear() + 1));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ReturnType<typeof asApiError>>();
  useEffect(() => {
    for (const id of ids)
      request('GET /api/territories/:id', { params: { id } })
        .then((x) => setNames((n) => ({ ...n, [id]: x.label })))
        .catch(() => undefined);
  }, [ids.join(',')]);
  if (ids.length === 0) return null;
  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const call = await request('POST /api/calls', { body: { territoryId, title, year: Number(year), framing: '' } });
      navigate(`/appels/${call.id}?modifier=1`);
    } catch (err) {
      setError(asApiError(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section aria-labelledby="create-call-title" class="card">
      <h2 id="create-call-title">{t('calls.create.title')}</h2>
      {error && <Alert>{problemMessage(error, t('common.offline'))}</Alert>}
      <form noValidate onSubmit={submit}>
        <div class="field">
          <label for="create-call-territory">{t('calls.create.territory')}</label>
          <select id="create-call-territory" value={territoryId} onChange={(e) => setTerritoryId(e.currentTarget.value)}>
            {ids.map((id) => (
              <option key={id} value={id}>
                {names[id] ?? id}
              </option>
            ))}
          </select>
        </div>
        <Field
          label={t('calls.create.name')}
          name="title"
          value={title}
          required
          maxLength={160}
          error={error?.forField('title')}
          onInput={(e) => setTitle(e.currentTarget.value)}
        />
        <Field
          label={t('calls.create.year')}
          name="year"
          inputMode="numeric"
          value={year}
          error={error?.forField('year')}
          onInput={(e) => setYear(e.currentTarget.value)}
        />
        <Button type="submit" busy={busy}>
          {t('calls.create.submit')}
        </Button>
      </form>
    </section>
  );
}
