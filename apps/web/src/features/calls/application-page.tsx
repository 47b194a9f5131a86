import {
  type ApplicationAction,
  type ApplicationReviewView,
  type ApplicationStatus,
  type ApplicationView,
  type BudgetLine,
  type CallView,
  DOCUMENT_KINDS,
  DOCUMENT_MAX_BYTES,
  DOCUMENT_TYPES,
  type DocumentKind,
  type DocumentType,
} from '@maillage/core';
import { useEffect, useState } from 'preact/hooks';
import { request, requestFile } from '../../shared/api';
import { useI18n } from '../../shared/i18n';
import { Link } from '../../shared/router';
import { Alert, Button, PageTitle } from '../../shared/ui';
import { Tabs } from '../collectives/tabs';
import { ActionForm } from './action-form';
import { BudgetGrid } from './budget-grid';
import { euros, fileToBase64, problemMessage, ScrollTable, StatusBadge } from './common';
import { ReportForm } from './report-form';
import { ReviewForm, ReviewsList } from './review-form';
import './calls.css';
import { saveBlob } from '../../shared/download';

/**
 * `/appels/:callId/demandes/:applicationId`: the application. Its applicants write the action
 * (pre-filled from the collective), the CERFA 12156 budget per structure, attach documents and
 * submit; everyone who may read it sees where the file is, its history and the funders' lines;
 * reviewers fill their grid; the pack ready for Dauphin downloads here.
 */
export default function ApplicationPage({ params }: { params: Record<string, string> }) {
  const { t } = useI18n();
  const callId = params.callId as string;
  const applicationId = params.applicationId as string;
  const [app, setApp] = useState<ApplicationView>();
  const [call, setCall] = useState<CallView>();
  const [reviews, setReviews] = useState<ApplicationReviewView[]>([]);
  const [error, setError] = useState<string>();
  const [justSaved, setJustSaved] = useState<string>();
  const ids = { callId, applicationId };
  const loadReviews = () =>
    request('GET /api/calls/:callId/applications/:applicationId/reviews', { params: ids })
      .then(setReviews)
      .catch(() => setReviews([]));
  useEffect(() => {
    request('GET /api/calls/:callId/applications/:applicationId', { params: ids })
      .then(setApp)
      .catch((e) => setError(problemMessage(e, t('common.offline'))));
    request('GET /api/calls/:callId', { params: { callId } })
      .then(setCall)
      .catch(() => undefined);
    void loadReviews();
  }, [callId, applicationId]);
  if (error && !app) return <Alert>{error}</Alert>;
  if (!app) return <p aria-busy="true">{t('common.loading')}</p>;
  const cofunders = call?.cofunders ?? [];
  const download = async (what: 'pdf' | 'csv' | 'report') => {
    try {
      const blob =
        what === 'pdf'
          ? await requestFile('GET /api/calls/:callId/applications/:applicationId/dauphin.pdf', { params: ids })
          : what === 'csv'
            ? await requestFile('GET /api/calls/:callId/applications/:applicationId/budget.csv', { params: ids })
            : await requestFile('GET /api/calls/:callId/applications/:applicationId/compte-rendu.pdf', { params: ids });
      saveBlob(blob, what === 'pdf' ? 'dossier-dauphin.pdf' : what === 'csv' ? 'budget-cerfa-12156.csv' : 'compte-rendu-financier.pdf');
    } catch (e) {
      setError(problemMessage(e, t('common.offline')));
    }
  };
  const saveBudget = async (organisationId: string, lines: BudgetLine[]) => {
    try {
      setJustSaved(organisationId);
      setApp(
        await request('PUT /api/calls/:callId/applications/:applicationId/budget', {
          params: ids,
          body: { version: app.version, organisationId, lines },
        }),
      );
    } catch (e) {
      setJustSaved(undefined);
      throw new Error(problemMessage(e, t('common.offline')));
    }
  };
  const saveAction = async (action: ApplicationAction, partnerOrganisationIds: string[]) => {
    setApp(
      await request('PUT /api/calls/:callId/applications/:applicationId', {
        params: ids,
        body: { version: app.version, action, partnerOrganisationIds },
      }),
    );
  };
  const budgetTabs = [
    ...app.budgets.map((b) => ({
      id: `budget-${b.organisationId}`,
      label: b.organisationName,
      render: () => (
        <BudgetGrid
          key={`${b.organisationId}-${app.version}`}
          id={`grid-${b.organisationId}`}
          lines={b.lines}
          cofunders={cofunders}
          editable={app.may.edit}
          onSave={(lines) => saveBudget(b.organisationId, lines)}
          justSaved={justSaved === b.organisationId}
        />
      ),
    })),
    ...(app.budgets.length > 1
      ? [
          {
            id: 'budget-consolide',
            label: t('calls.budget.consolidated'),
            render: () => (
              <BudgetGrid
                key={`consolidated-${app.version}`}
                id="grid-consolidated"
                lines={app.consolidated.lines}
                cofunders={cofunders}
                editable={false}
              />
            ),
          },
        ]
      : []),
  ];
  return (
    <div class="calls application-page">
      <p>
        <Link href={`/appels/${callId}`}>{t('calls.application.back', { title: app.callTitle })}</Link>
      </p>
      <PageTitle>{app.action.title || t('calls.application.untitled')}</PageTitle>
      <p class="lead">
        {t(`calls.track.${app.track}`)} · {app.structures.map((s) => s.name).join(', ')}
        {app.collective && ` · ${t('calls.application.collective', { name: app.collective.name })}`}
      </p>
      <div class="status-line" aria-live="polite">
        {t('calls.application.status')} <StatusBadge status={app.status} />
      </div>
      {error && <Alert>{error}</Alert>}
      <StatusPanel app={app} onMoved={setApp} ids={ids} />
      <Funding app={app} />
      <section aria-labelledby="downloads-title" class="card">
        <h2 id="downloads-title">{t('calls.downloads.title')}</h2>
        <p>{t('calls.downloads.intro')}</p>
        <div class="form-actions">
          <Button type="button" variant="secondary" onClick={() => download('pdf')}>
            {t('calls.downloads.pdf')}
          </Button>
          <Button type="button" variant="secondary" onClick={() => download('csv')}>
            {t('calls.downloads.csv')}
          </Button>
          {app.report && (
            <Button type="button" variant="secondary" onClick={() => download('report')}>
              {t('calls.downloads.report')}
            </Button>
          )}
        </div>
      </section>
      <Eligibility app={app} />
      <section aria-labelledby="action-title">
        <h2 id="action-title">{t('calls.action.title')}</h2>
        <ActionForm app={app} call={call} onSave={saveAction} />
      </section>
      <section aria-labelledby="budget-title">
        <h2 id="budget-title">{t('calls.budget.title')}</h2>
        <p>{t('calls.budget.intro')}</p>
        {app.consolidated.problems.length > 0 && (
          <ul class="problems">
            {app.consolidated.problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        )}
        {budgetTabs.length > 0 && <Tabs key={app.budgets.length} label={t('calls.budget.tabs')} tabs={budgetTabs} idPrefix="budget" />}
      </section>
      <Documents app={app} ids={ids} onSaved={setApp} />
      {app.may.reviewFor.map((cofunderId) => (
        <ReviewForm
          key={cofunderId}
          callId={callId}
          applicationId={applicationId}
          cofunderId={cofunderId}
          cofunderName={
            cofunders.find((f) => f.id === cofunderId)?.name ?? app.funding.find((f) => f.cofunderId === cofunderId)?.cofunderName ?? ''
          }
          existing={reviews.find((r) => r.cofunderId === cofunderId)}
          onSaved={() => void loadReviews()}
        />
      ))}
      <ReviewsList reviews={reviews} />
      {app.may.report && app.status === 'a_justifier' && <ReportForm app={app} ids={ids} onSaved={setApp} />}
      <History app={app} />
    </div>
  );
}

function StatusPanel({
  app,
  ids,
  onMoved,
}: {
  app: ApplicationView;
  ids: { callId: string; applicationId: string };
  onMoved(a: ApplicationView): void;
}) {
  const { t } = useI18n();
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState<ApplicationStatus>();
  const [error, setError] = useState<string>();
  if (app.may.moveTo.length === 0) return null;
  const move = async (to: ApplicationStatus) => {
    setBusy(to);
    setError(undefined);
    try {
      onMoved(
        await request('POST /api/calls/:callId/applications/:applicationId/status', {
          params: ids,
          body: { version: app.version, to, comment },
        }),
      );
      setComment('');
    } catch (e) {
      setError(problemMessage(e, t('common.offline')));
    } finally {
      setBusy(undefined);
    }
  };
  return (
    <section class="card" aria-labelledby="moves-title">
      <h2 id="moves-title">{t('calls.moves.title')}</h2>
      {error && <Alert>{error}</Alert>}
      <div class="field">
        <label for="move-comment">{t('calls.moves.comment')}</label>
        <textarea id="move-comment" rows={2} value={comment} onInput={(e) => setComment(e.currentTarget.value)} />
      </div>
      <div class="form-actions">
        {app.may.moveTo.map((to) => (
          <Button key={to} type="button" busy={busy === to} variant={to === 'depose' ? 'primary' : 'secondary'} onClick={() => move(to)}>
            {t(`calls.move.${to}`)}
          </Button>
        ))}
      </div>
    </section>
  );
}

function Funding({ app }: { app: ApplicationView }) {
  const { t } = useI18n();
  if (app.funding.length === 0) return null;
  return (
    <section aria-labelledby="funding-title">
      <h2 id="funding-title">{t('calls.funding.title')}</h2>
      <ScrollTable label={t('calls.funding.title')}>
        <table>
          <thead>
            <tr>
              <th scope="col">{t('calls.funding.funder')}</th>
              <th scope="col">{t('calls.mine.requested')}</th>
              <th scope="col">{t('calls.funding.share')}</th>
              <th scope="col">{t('calls.applications.proposed')}</th>
              <th scope="col">{t('calls.mine.voted')}</th>
              <th scope="col">{t('calls.funding.decision')}</th>
            </tr>
          </thead>
          <tbody>
            {app.funding.map((f) => (
              <tr key={f.cofunderId}>
                <th scope="row">{f.cofunderName}</th>
                <td class="amount">{euros(f.requestedCents)}</td>
                <td class="amount">{(f.shareBasisPoints / 100).toLocaleString('fr-FR', { maximumFractionDigits: 2 })} %</td>
                <td class="amount">{euros(f.proposedCents)}</td>
                <td class="amount">{euros(f.votedCents)}</td>
                <td>{f.decision ? t(`calls.decision.${f.decision}`) : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollTable>
    </section>
  );
}

function Eligibility({ app }: { app: ApplicationView }) {
  const { t } = useI18n();
  return (
    <section aria-labelledby="eligibility-title" class="card">
      <h2 id="eligibility-title">{t('calls.eligibility.title')}</h2>
      <p>{app.eligibility.ok ? t('calls.eligibility.ok') : t('calls.eligibility.notYet')}</p>
      <ul class="checklist">
        {app.eligibility.checks.map((c) => (
          <li key={c.code} class={c.ok ? 'check-ok' : 'check-no'}>
            <span aria-hidden="true">{c.ok ? '✓' : '✗'}</span> <strong>{t(`calls.eligibility.${c.code}`)}</strong>{' '}
            <span class="visually-hidden">{c.ok ? t('calls.eligibility.pass') : t('calls.eligibility.fail')}</span> — {c.message}
          </li>
        ))}
      </ul>
    </section>
  );
}

function Documents({
  app,
  ids,
  onSaved,
}: {
  app: ApplicationView;
  ids: { callId: string; applicationId: string };
  onSaved(a: ApplicationView): void;
}) {
  const { t, formatDate } = useI18n();
  const [kind, setKind] = useState<DocumentKind>('rib');
  const [organisationId, setOrganisationId] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const upload = async (input: HTMLInputElement) => {
    const file = input.files?.[0];
    if (!file) return;
    setError(undefined);
    if (!(file.type in DOCUMENT_TYPES)) return setError(t('calls.documents.badType'));
    if (file.size > DOCUMENT_MAX_BYTES) return setError(t('calls.documents.tooLarge'));
    setBusy(true);
    try {
      onSaved(
        await request('POST /api/calls/:callId/applications/:applicationId/documents', {
          params: ids,
          body: {
            kind,
            organisationId: organisationId || null,
            filename: file.name,
            mime: file.type as DocumentType,
            contentBase64: await fileToBase64(file),
          },
        }),
      );
      input.value = '';
    } catch (e) {
      setError(problemMessage(e, t('common.offline')));
    } finally {
      setBusy(false);
    }
  };
  const open = async (documentId: string, name: string) => {
    try {
      saveBlob(
        await requestFile('GET /api/calls/:callId/applications/:applicationId/documents/:documentId', { params: { ...ids, documentId } }),
        name,
      );
    } catch (e) {
      setError(problemMessage(e, t('common.offline')));
    }
  };
  const remove = async (documentId: string) => {
    try {
      onSaved(
        await request('DELETE /api/calls/:callId/applications/:applicationId/documents/:documentId', { params: { ...ids, documentId } }),
      );
    } catch (e) {
      setError(problemMessage(e, t('common.offline')));
    }
  };
  return (
    <section aria-labelledby="documents-title">
      <h2 id="documents-title">{t('calls.documents.title')}</h2>
      {error && <Alert>{error}</Alert>}
      {app.documents.length === 0 ? (
        <p>{t('calls.documents.none')}</p>
      ) : (
        <ul class="documents">
          {app.documents.map((d) => (
            <li key={d.id}>
              <strong>{t(`calls.documentKind.${d.kind}`)}</strong> —{' '}
              <button type="button" class="link-button" onClick={() => open(d.id, d.filename)}>
                {d.filename}
              </button>{' '}
              <span class="muted">
                ({Math.ceil(d.size / 1024)} Ko, {formatDate(d.uploadedAt)}
                {d.organisationId && `, ${app.structures.find((s) => s.organisationId === d.organisationId)?.name ?? ''}`})
              </span>
              {app.may.edit && (
                <>
                  {' '}
                  <button type="button" class="link-button" onClick={() => remove(d.id)}>
                    {t('calls.documents.remove', { name: d.filename })}
                  </button>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
      {app.may.edit && (
        <div class="card document-upload">
          <div class="field">
            <label for="document-kind">{t('calls.documents.kind')}</label>
            <select id="document-kind" value={kind} onChange={(e) => setKind(e.currentTarget.value as DocumentKind)}>
              {DOCUMENT_KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`calls.documentKind.${k}`)}
                </option>
              ))}
            </select>
          </div>
          {app.structures.length > 1 && (
            <div class="field">
              <label for="document-organisation">{t('calls.documents.organisation')}</label>
              <select id="document-organisation" value={organisationId} onChange={(e) => setOrganisationId(e.currentTarget.value)}>
                <option value="">{t('calls.documents.wholeApplication')}</option>
                {app.structures.map((s) => (
                  <option key={s.organisationId} value={s.organisationId}>
                    {s.name}
                  </option>
                ))}
              </select>
            </div>
          )}
          <div class="field">
            <label for="document-file">{t('calls.documents.file')}</label>
            <p class="hint" id="document-file-hint">
              {t('calls.documents.hint')}
            </p>
            <input
              id="document-file"
              type="file"
              aria-describedby="document-file-hint"
              accept={Object.keys(DOCUMENT_TYPES).join(',')}
              disabled={busy}
              onChange={(e) => void upload(e.currentTarget)}
            />
          </div>
        </div>
      )}
    </section>
  );
}

function History({ app }: { app: ApplicationView }) {
  const { t, formatDate } = useI18n();
  if (app.history.length === 0) return null;
  return (
    <section aria-labelledby="history-title">
      <h2 id="history-title">{t('calls.history.title')}</h2>
      <ol class="history">
        {app.history.map((h, i) => (
          <li key={i}>
            <time dateTime={h.at}>{formatDate(h.at, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/Paris' })}</time>{' '}
            <StatusBadge status={h.to} />
            {h.from && <span class="muted"> {t('calls.history.from', { from: t(`calls.status.${h.from}`) })}</span>}
            {h.by && <span> — {h.by}</span>}
            {h.comment && <p class="history-comment">{h.comment}</p>}
          </li>
        ))}
      </ol>
    </section>
  );
}
