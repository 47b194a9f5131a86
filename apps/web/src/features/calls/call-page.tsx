import type { ApplicationSummaryView, CallView } from '@maillage/core';
import { useEffect, useState } from 'preact/hooks';
import { request, requestFile } from '../../shared/api';
import { useI18n } from '../../shared/i18n';
import { Link, useRouter } from '../../shared/router';
import { Alert, Button, PageTitle } from '../../shared/ui';
import { ApplyForm } from './apply-form';
import { CallEditor } from './call-editor';
import { euros, problemMessage, ScrollTable, StatusBadge } from './common';
import { Framing } from './framing';
import { CallTimeline } from './timeline';
import './calls.css';
import { saveBlob } from '../../shared/download';

/** `/appels/:callId`: the call (note de cadrage, priorities, territories, tracks and referents, calendar, co-funders); its team edits it here. */
export default function CallPage({ params }: { params: Record<string, string> }) {
  const { t } = useI18n();
  const { search } = useRouter();
  const callId = params.callId as string;
  const [call, setCall] = useState<CallView>();
  const [applications, setApplications] = useState<ApplicationSummaryView[]>();
  const [error, setError] = useState<string>();
  const [editing, setEditing] = useState(search.get('modifier') === '1');
  const [applying, setApplying] = useState(search.has('collectif'));
  useEffect(() => {
    request('GET /api/calls/:callId', { params: { callId } })
      .then(setCall)
      .catch((e) => setError(problemMessage(e, t('common.offline'))));
    request('GET /api/calls/:callId/applications', { params: { callId } })
      .then(setApplications)
      .catch(() => setApplications([]));
  }, [callId]);
  if (error) return <Alert>{error}</Alert>;
  if (!call) return <p aria-busy="true">{t('common.loading')}</p>;
  const download = async (fileId: string, name: string) => {
    try {
      saveBlob(await requestFile('GET /api/calls/:callId/files/:fileId', { params: { callId, fileId } }), name);
    } catch (e) {
      setError(problemMessage(e, t('common.offline')));
    }
  };
  return (
    <div class="calls call-page">
      <p>
        <Link href="/appels">{t('calls.back')}</Link>
      </p>
      <PageTitle>{call.title}</PageTitle>
      <p class="lead">
        {call.territoryName} · {t('calls.list.year', { year: call.year })}
      </p>
      <div class="call-actions">
        {call.may.apply && !applying && (
          <Button type="button" onClick={() => setApplying(true)}>
            {t('calls.apply.open')}
          </Button>
        )}
        {call.may.manage && !editing && (
          <Button type="button" variant="secondary" onClick={() => setEditing(true)}>
            {t('calls.edit.open')}
          </Button>
        )}
        {(call.may.manage || call.may.decide) && (
          <Link class="btn btn-secondary" href={`/appels/${call.id}/comite`}>
            {t('calls.committee.open')}
          </Link>
        )}
      </div>
      {applying && call.may.apply && <ApplyForm call={call} onCancel={() => setApplying(false)} />}
      {editing && call.may.manage ? (
        <CallEditor call={call} onSaved={setCall} onClose={() => setEditing(false)} />
      ) : (
        <CallDetails call={call} onDownload={download} />
      )}
      {applications && applications.length > 0 && (
        <section aria-labelledby="call-applications-title">
          <h2 id="call-applications-title">{t('calls.applications.title')}</h2>
          <ScrollTable label={t('calls.applications.title')}>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('calls.mine.action')}</th>
                  <th scope="col">{t('calls.applications.track')}</th>
                  <th scope="col">{t('calls.mine.status')}</th>
                  <th scope="col">{t('calls.mine.requested')}</th>
                  <th scope="col">{t('calls.applications.proposed')}</th>
                  <th scope="col">{t('calls.mine.voted')}</th>
                </tr>
              </thead>
              <tbody>
                {applications.map((a) => (
                  <tr key={a.id}>
                    <th scope="row">
                      <Link href={`/appels/${call.id}/demandes/${a.id}`}>{a.title || t('calls.application.untitled')}</Link>
                      <br />
                      <span class="muted">{a.collective ? a.collective.name : a.leadOrganisation.name}</span>
                    </th>
                    <td>{t(`calls.track.${a.track}`)}</td>
                    <td>
                      <StatusBadge status={a.status} />
                    </td>
                    <td class="amount">{euros(a.requestedCents)}</td>
                    <td class="amount">{euros(a.proposedCents)}</td>
                    <td class="amount">{euros(a.votedCents)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollTable>
        </section>
      )}
    </div>
  );
}

function CallDetails({ call, onDownload }: { call: CallView; onDownload(fileId: string, name: string): void }) {
  const { t } = useI18n();
  const tracks = call.tracks.filter((x) => x.enabled);
  return (
    <>
      <section aria-labelledby="framing-title" class="card">
        <h2 id="framing-title">{t('calls.framing.title')}</h2>
        {call.framing.trim() ? <Framing text={call.framing} /> : <p>{t('calls.framing.none')}</p>}
        {call.files.length > 0 && (
          <>
            <h3>{t('calls.files.title')}</h3>
            <ul>
              {call.files.map((f) => (
                <li key={f.id}>
                  <button type="button" class="link-button" onClick={() => onDownload(f.id, f.filename)}>
                    {f.filename}
                  </button>{' '}
                  <span class="muted">({Math.ceil(f.size / 1024)} Ko)</span>
                </li>
              ))}
            </ul>
          </>
        )}
      </section>
      {call.priorities.length > 0 && (
        <section aria-labelledby="priorities-title">
          <h2 id="priorities-title">{t('calls.priorities.title')}</h2>
          <ol>
            {call.priorities.map((p) => (
              <li key={p.id}>
                {p.text}
                {p.change && (
                  <>
                    {' '}
                    <span class="muted">
                      — {t('calls.priorities.change')} <Link href={`/chemins/${p.change.pathwayId}`}>{p.change.text}</Link>
                    </span>
                  </>
                )}
              </li>
            ))}
          </ol>
        </section>
      )}
      <section aria-labelledby="territories-title">
        <h2 id="territories-title">{t('calls.territories.title')}</h2>
        {call.eligibleTerritories.length === 0 ? (
          <p>{t('calls.territories.all', { name: call.territoryName })}</p>
        ) : (
          <ul class="chips">
            {call.eligibleTerritories.map((x) => (
              <li key={x.id}>
                {x.name} <span class="muted">({t(`calls.kind.${x.kind}`)})</span>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="tracks-title">
        <h2 id="tracks-title">{t('calls.tracks.title')}</h2>
        <div class="track-grid">
          {tracks.map((tr) => {
            const referents = call.referents.filter((r) => r.track === tr.track);
            return (
              <article key={tr.track} class="card" aria-labelledby={`track-${tr.track}`}>
                <h3 id={`track-${tr.track}`}>{t(`calls.track.${tr.track}`)}</h3>
                {tr.description && <p>{tr.description}</p>}
                <h4>{t('calls.referents.title')}</h4>
                {referents.length === 0 ? (
                  <p class="muted">{t('calls.referents.none')}</p>
                ) : (
                  <ul class="referents">
                    {referents.map((r) => (
                      <li key={r.id}>
                        <strong>{r.name}</strong> — {r.institution}
                        {r.territory && ` (${r.territory.name})`}
                        {r.email && (
                          <>
                            <br />
                            <a href={`mailto:${r.email}`}>{r.email}</a>
                          </>
                        )}
                        {r.phone && (
                          <>
                            <br />
                            <a href={`tel:${r.phone.replace(/\s/g, '')}`}>{r.phone}</a>
                          </>
                        )}
                      </li>
                    ))}
                  </ul>
                )}
              </article>
            );
          })}
        </div>
      </section>
      <section aria-labelledby="calendar-title">
        <h2 id="calendar-title">{t('calls.calendar.title')}</h2>
        <CallTimeline steps={call.steps} />
      </section>
      <section aria-labelledby="cofunders-title">
        <h2 id="cofunders-title">{t('calls.cofunders.title')}</h2>
        {call.cofunders.length === 0 ? (
          <p>{t('calls.cofunders.none')}</p>
        ) : (
          <ScrollTable label={t('calls.cofunders.title')}>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('calls.cofunders.name')}</th>
                  <th scope="col">{t('calls.cofunders.kind')}</th>
                  <th scope="col">{t('calls.cofunders.envelope')}</th>
                  <th scope="col">{t('calls.cofunders.tracks')}</th>
                  <th scope="col">{t('calls.cofunders.reviewers')}</th>
                </tr>
              </thead>
              <tbody>
                {call.cofunders.map((f) => (
                  <tr key={f.id}>
                    <th scope="row">
                      {f.name}
                      {f.detail && <span class="muted"> — {f.detail}</span>}
                    </th>
                    <td>{t(`calls.cofunderKind.${f.kind}`)}</td>
                    <td class="amount">{f.envelopeCents ? euros(f.envelopeCents) : '—'}</td>
                    <td>{f.tracks.length ? f.tracks.map((x) => t(`calls.track.${x}`)).join(', ') : t('calls.cofunders.allTracks')}</td>
                    <td>{f.reviewers.map((r) => r.name).join(', ') || '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollTable>
        )}
      </section>
    </>
  );
}
