import type { CommitteeView, Decision } from '@maillage/core';
import { useEffect, useState } from 'preact/hooks';
import { request, requestFile } from '../../shared/api';
import { useI18n } from '../../shared/i18n';
import { Link } from '../../shared/router';
import { Alert, Button, PageTitle } from '../../shared/ui';
import { euros, problemMessage, ScrollTable, StatusBadge } from './common';
import { formatEurosInput, parseEuros } from './money';
import './calls.css';
import { saveBlob } from '../../shared/download';

type Application = CommitteeView['applications'][number];

/** A bar of an amount against its scale (the envelope, or the largest amount of the group), with the figures as text. */
function AmountBars({
  label,
  requested,
  proposed,
  voted,
  scale,
  envelope,
}: {
  label: string;
  requested: number;
  proposed: number;
  voted: number;
  scale: number;
  envelope: number | null;
}) {
  const { t } = useI18n();
  const pct = (n: number) => `${scale > 0 ? Math.min(100, (n / scale) * 100) : 0}%`;
  return (
    <div class="amount-bars">
      <p>
        <strong>{label}</strong>
        {envelope !== null && <span class="muted"> — {t('calls.committee.envelope', { amount: euros(envelope) })}</span>}
      </p>
      <dl>
        {(
          [
            ['requested', requested],
            ['proposed', proposed],
            ['voted', voted],
          ] as const
        ).map(([k, v]) => (
          <div key={k} class={`bar-row bar-${k}`}>
            <dt>{t(`calls.committee.${k}`)}</dt>
            <dd>
              <span class="bar" aria-hidden="true">
                <span style={{ width: pct(v) }} />
              </span>
              {euros(v)}
              {envelope ? ` (${Math.round((v / envelope) * 100)} %)` : ''}
            </dd>
          </div>
        ))}
      </dl>
    </div>
  );
}

/**
 * `/appels/:callId/comite`: every file of the call with the amounts requested, proposed and voted
 * per funder, the totals per funder and per track against the envelopes, and the votes recorded
 * line by line; the programming table downloads as CSV or XLSX.
 */
export default function CommitteePage({ params }: { params: Record<string, string> }) {
  const { t } = useI18n();
  const callId = params.callId as string;
  const [view, setView] = useState<CommitteeView>();
  const [error, setError] = useState<string>();
  const [voting, setVoting] = useState<string>();
  const load = () =>
    request('GET /api/calls/:callId/committee', { params: { callId } })
      .then(setView)
      .catch((e) => setError(problemMessage(e, t('common.offline'))));
  useEffect(() => {
    void load();
  }, [callId]);
  if (error && !view) return <Alert>{error}</Alert>;
  if (!view) return <p aria-busy="true">{t('common.loading')}</p>;
  const download = async (format: 'csv' | 'xlsx') => {
    try {
      const blob =
        format === 'csv'
          ? await requestFile('GET /api/calls/:callId/programming.csv', { params: { callId } })
          : await requestFile('GET /api/calls/:callId/programming.xlsx', { params: { callId } });
      saveBlob(blob, `programmation-${view.year}.${format}`);
    } catch (e) {
      setError(problemMessage(e, t('common.offline')));
    }
  };
  const trackScale = Math.max(1, ...view.tracks.map((x) => Math.max(x.requestedCents, x.proposedCents, x.votedCents)));
  return (
    <div class="calls committee-page">
      <p>
        <Link href={`/appels/${callId}`}>{t('calls.application.back', { title: view.title })}</Link>
      </p>
      <PageTitle>{t('calls.committee.title', { title: view.title })}</PageTitle>
      {error && <Alert>{error}</Alert>}
      <div class="form-actions">
        <Button type="button" variant="secondary" onClick={() => download('csv')}>
          {t('calls.committee.csv')}
        </Button>
        <Button type="button" variant="secondary" onClick={() => download('xlsx')}>
          {t('calls.committee.xlsx')}
        </Button>
      </div>
      <section aria-labelledby="totals-title">
        <h2 id="totals-title">{t('calls.committee.totals')}</h2>
        <div class="totals-grid" aria-live="polite">
          {view.cofunders.map((f) => (
            <AmountBars
              key={f.id}
              label={f.name}
              requested={f.requestedCents}
              proposed={f.proposedCents}
              voted={f.votedCents}
              envelope={f.envelopeCents || null}
              scale={Math.max(f.envelopeCents, f.requestedCents, f.proposedCents, f.votedCents)}
            />
          ))}
        </div>
        <h3>{t('calls.committee.byTrack')}</h3>
        <div class="totals-grid">
          {view.tracks.map((x) => (
            <AmountBars
              key={x.track}
              label={t(`calls.track.${x.track}`)}
              requested={x.requestedCents}
              proposed={x.proposedCents}
              voted={x.votedCents}
              envelope={null}
              scale={trackScale}
            />
          ))}
        </div>
      </section>
      <section aria-labelledby="files-title">
        <h2 id="files-title">{t('calls.committee.files')}</h2>
        {view.applications.length === 0 && <p>{t('calls.committee.none')}</p>}
        {view.applications.length > 0 && (
          <ScrollTable label={t('calls.committee.files')}>
            <table class="committee-table">
              <thead>
                <tr>
                  <th scope="col" rowSpan={2}>
                    {t('calls.mine.action')}
                  </th>
                  <th scope="col" rowSpan={2}>
                    {t('calls.mine.status')}
                  </th>
                  {view.cofunders.map((f) => (
                    <th key={f.id} scope="colgroup" colSpan={3}>
                      {f.name}
                    </th>
                  ))}
                  <th scope="col" rowSpan={2}>
                    <span class="visually-hidden">{t('calls.committee.vote')}</span>
                  </th>
                </tr>
                <tr>
                  {view.cofunders.flatMap((f) =>
                    (['requested', 'proposed', 'voted'] as const).map((k) => (
                      <th key={`${f.id}-${k}`} scope="col" class="amount">
                        {t(`calls.committee.${k}`)}
                      </th>
                    )),
                  )}
                </tr>
              </thead>
              <tbody>
                {view.applications.map((a) => (
                  <tr key={a.id}>
                    <th scope="row">
                      <Link href={`/appels/${callId}/demandes/${a.id}`}>{a.title || t('calls.application.untitled')}</Link>
                      <br />
                      <span class="muted">
                        {a.collective ? a.collective.name : a.leadOrganisation.name} · {t(`calls.track.${a.track}`)}
                      </span>
                    </th>
                    <td>
                      <StatusBadge status={a.status} />
                    </td>
                    {view.cofunders.flatMap((f) => {
                      const line = a.lines.find((l) => l.cofunderId === f.id);
                      return [
                        <td key={`${f.id}-r`} class="amount">
                          {line ? euros(line.requestedCents) : '—'}
                        </td>,
                        <td key={`${f.id}-p`} class="amount">
                          {line ? euros(line.proposedCents) : '—'}
                        </td>,
                        <td key={`${f.id}-v`} class="amount">
                          {line?.votedCents != null
                            ? `${euros(line.votedCents)}${line.decision ? ` (${t(`calls.decision.${line.decision}`)})` : ''}`
                            : '—'}
                        </td>,
                      ];
                    })}
                    <td>
                      {a.status === 'propose_comite' && (
                        <Button
                          type="button"
                          variant="secondary"
                          onClick={() => setVoting(a.id)}
                          aria-label={t('calls.committee.voteFor', { title: a.title })}
                        >
                          {t('calls.committee.vote')}
                        </Button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollTable>
        )}
      </section>
      {voting && view.applications.some((a) => a.id === voting) && (
        <VoteForm
          key={voting}
          callId={callId}
          application={view.applications.find((a) => a.id === voting) as Application}
          cofunders={view.cofunders}
          onDone={() => {
            setVoting(undefined);
            void load();
          }}
          onCancel={() => setVoting(undefined)}
        />
      )}
    </div>
  );
}

function VoteForm({
  callId,
  application,
  cofunders,
  onDone,
  onCancel,
}: {
  callId: string;
  application: Application;
  cofunders: CommitteeView['cofunders'];
  onDone(): void;
  onCancel(): void;
}) {
  const { t } = useI18n();
  const lines = application.lines.filter((l) => l.requestedCents > 0 || l.proposedCents !== null);
  const [rows, setRows] = useState(() =>
    lines.map((l) => ({
      cofunderId: l.cofunderId,
      decision: (l.decision ?? 'accorde') as Decision,
      amount: formatEurosInput(l.votedCents ?? l.proposedCents ?? l.requestedCents),
    })),
  );
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const nameOf = (id: string) => cofunders.find((f) => f.id === id)?.name ?? id;
  const submit = async (e: Event) => {
    e.preventDefault();
    setError(undefined);
    const body = [];
    for (const r of rows) {
      const parsed = parseEuros(r.amount);
      if (!parsed.ok)
        return setError(t('calls.committee.badAmount', { name: nameOf(r.cofunderId), reason: t(`calls.budget.reason.${parsed.reason}`) }));
      body.push({ cofunderId: r.cofunderId, decision: r.decision, votedCents: r.decision === 'rejete' ? 0 : parsed.cents });
    }
    setBusy(true);
    try {
      const current = await request('GET /api/calls/:callId/applications/:applicationId', {
        params: { callId, applicationId: application.id },
      });
      await request('PUT /api/calls/:callId/applications/:applicationId/decisions', {
        params: { callId, applicationId: application.id },
        body: { version: current.version, lines: body, comment },
      });
      onDone();
    } catch (err) {
      setError(problemMessage(err, t('common.offline')));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form noValidate class="card vote-form" onSubmit={submit} aria-labelledby="vote-title">
      <h2 id="vote-title">{t('calls.committee.voteTitle', { title: application.title })}</h2>
      {error && <Alert>{error}</Alert>}
      {rows.length === 0 && <p>{t('calls.committee.noLines')}</p>}
      {rows.map((r, i) => (
        <fieldset key={r.cofunderId} class="row-fields">
          <legend>{nameOf(r.cofunderId)}</legend>
          <div class="field">
            <label for={`vote-decision-${i}`}>{t('calls.funding.decision')}</label>
            <select
              id={`vote-decision-${i}`}
              value={r.decision}
              onChange={(e) => setRows((rs) => rs.map((x, j) => (j === i ? { ...x, decision: e.currentTarget.value as Decision } : x)))}
            >
              <option value="accorde">{t('calls.decision.accorde')}</option>
              <option value="rejete">{t('calls.decision.rejete')}</option>
            </select>
          </div>
          <div class="field">
            <label for={`vote-amount-${i}`}>{t('calls.committee.votedAmount')}</label>
            <input
              id={`vote-amount-${i}`}
              inputMode="decimal"
              value={r.amount}
              disabled={r.decision === 'rejete'}
              onInput={(e) => setRows((rs) => rs.map((x, j) => (j === i ? { ...x, amount: e.currentTarget.value } : x)))}
            />
          </div>
        </fieldset>
      ))}
      <div class="field">
        <label for="vote-comment">{t('calls.moves.comment')}</label>
        <textarea id="vote-comment" rows={2} value={comment} onInput={(e) => setComment(e.currentTarget.value)} />
      </div>
      <div class="form-actions">
        <Button type="submit" busy={busy} disabled={rows.length === 0}>
          {t('calls.committee.record')}
        </Button>
        <Button type="button" variant="secondary" onClick={onCancel}>
          {t('calls.cancel')}
        </Button>
      </div>
    </form>
  );
}
