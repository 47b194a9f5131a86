import { useEffect, useRef, useState } from 'preact/hooks';
import type { OrganisationProposalsView, ProposalView } from '@maillage/core';
import { request } from '../../shared/api';
import { Form, useSubmit } from '../../shared/form';
import { useI18n } from '../../shared/i18n';
import { holds } from '../../shared/roles';
import { Link } from '../../shared/router';
import { useSession } from '../../shared/session';
import { Alert, Button } from '../../shared/ui';
import { ScrollTable } from './common';

/** What a proposal changes: one row per field, before and after. */
function Diff({ proposal }: { proposal: ProposalView }) {
  const { t } = useI18n();
  return (
    <ScrollTable label={t('ecosystem.common.table')}>
      <table class="eco-table">
        <caption>{t('ecosystem.proposals.diffCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('ecosystem.proposals.field')}</th>
            <th scope="col">{t('ecosystem.proposals.before')}</th>
            <th scope="col">{t('ecosystem.proposals.after')}</th>
          </tr>
        </thead>
        <tbody>
          {proposal.diff.map((d) => (
            <tr key={d.field}>
              <th scope="row">{t(`ecosystem.proposals.fields.${d.field}`)}</th>
              <td>{d.before ?? '—'}</td>
              <td>{d.after ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollTable>
  );
}

/** Who proposed it, when, and why. */
function Proposed({ proposal }: { proposal: ProposalView }) {
  const { t, formatDate } = useI18n();
  return (
    <>
      <p class="eco-meta">
        {t('ecosystem.proposals.by', { name: proposal.author ?? t('ecosystem.proposals.someone'), date: formatDate(proposal.createdAt) })}
      </p>
      {proposal.message && <blockquote>{proposal.message}</blockquote>}
    </>
  );
}

/** Accepting or refusing one proposal, with an optional note for its author. */
function DecisionForm({ organisationId, proposal, onDecided }: { organisationId: string; proposal: ProposalView; onDecided(): void }) {
  const { t } = useI18n();
  const [note, setNote] = useState('');
  // Which button sent the form: read from the submit event itself (a state set on click would
  // only be seen by the next render, after this submission).
  const decision = useRef<'accept' | 'refuse'>('accept');
  const [sending, setSending] = useState<'accept' | 'refuse'>('accept');
  const { busy, error, run } = useSubmit(async () => {
    const params = { id: organisationId, proposalId: proposal.id };
    const body = { note: note.trim() || null };
    if (decision.current === 'accept')
      await request('POST /api/ecosystem/organisations/:id/proposals/:proposalId/accept', { params, body });
    else await request('POST /api/ecosystem/organisations/:id/proposals/:proposalId/refuse', { params, body });
    onDecided();
  });
  const noteId = `decision-note-${proposal.id}`;
  return (
    <Form
      class="eco-decision"
      onSubmit={(e) => {
        decision.current = (e as SubmitEvent).submitter?.getAttribute('value') === 'refuse' ? 'refuse' : 'accept';
        setSending(decision.current);
        void run(e);
      }}
      aria-label={t('ecosystem.proposals.decide')}
    >
      <div class="field">
        <label for={noteId}>{t('ecosystem.proposals.note')}</label>
        <textarea id={noteId} rows={2} maxLength={2000} value={note} onInput={(e) => setNote(e.currentTarget.value)} />
      </div>
      {error && <Alert>{error.message}</Alert>}
      <div class="eco-actions">
        <Button type="submit" value="accept" busy={busy && sending === 'accept'}>
          {t('ecosystem.proposals.accept')}
        </Button>
        <Button type="submit" value="refuse" variant="secondary" busy={busy && sending === 'refuse'}>
          {t('ecosystem.proposals.refuse')}
        </Button>
      </div>
    </Form>
  );
}

/**
 * An organisation's proposed changes: those waiting (with the decision form for who may decide)
 * and the history of the decided ones. Hidden from who may not read them.
 */
export function OrganisationProposals({ organisationId, onDecided }: { organisationId: string; onDecided(): void }) {
  const { t, formatDate } = useI18n();
  const [data, setData] = useState<OrganisationProposalsView | null>(null);
  const load = () =>
    request('GET /api/ecosystem/organisations/:id/proposals', { params: { id: organisationId } }).then(setData, () => setData(null));
  useEffect(() => {
    void load();
  }, [organisationId]);
  if (!data || (data.pending.length === 0 && data.history.length === 0)) return null;
  return (
    <>
      <section aria-labelledby="eco-proposals-title">
        <h2 id="eco-proposals-title">{t('ecosystem.proposals.pendingTitle')}</h2>
        {data.pending.length === 0 && <p>{t('ecosystem.proposals.nonePending')}</p>}
        {data.pending.map((p) => (
          <article class="eco-proposal" key={p.id} aria-label={t('ecosystem.proposals.one', { date: formatDate(p.createdAt) })}>
            <Proposed proposal={p} />
            <Diff proposal={p} />
            {data.canDecide ? (
              <DecisionForm
                organisationId={organisationId}
                proposal={p}
                onDecided={() => {
                  void load();
                  onDecided();
                }}
              />
            ) : (
              p.mine && <p role="status">{t('ecosystem.proposals.waiting')}</p>
            )}
          </article>
        ))}
      </section>
      {data.history.length > 0 && (
        <section aria-labelledby="eco-proposals-history">
          <h2 id="eco-proposals-history">{t('ecosystem.proposals.historyTitle')}</h2>
          {data.history.map((p) => (
            <details class="eco-proposal" key={p.id}>
              <summary>
                {t(`ecosystem.proposals.status.${p.status}`)} · {p.decidedAt ? formatDate(p.decidedAt) : formatDate(p.createdAt)}
                {p.decidedBy ? ` · ${p.decidedBy}` : ''}
              </summary>
              <Proposed proposal={p} />
              <Diff proposal={p} />
              {p.decisionNote && <p>{t('ecosystem.proposals.noteShown', { note: p.decisionNote })}</p>}
            </details>
          ))}
        </section>
      )}
    </>
  );
}

/** A coordinator's « Propositions en attente » on her territory, each with a link to its organisation. Hidden from others. */
export function PendingProposals({ territoryId }: { territoryId: string }) {
  const { t, formatDate } = useI18n();
  const { session } = useSession();
  // Only coordinators (and administrators) decide on a territory: others are not asked (no 403 to show).
  const decides = holds(session?.user, 'coordinator');
  const [proposals, setProposals] = useState<ProposalView[] | null>(null);
  useEffect(() => {
    if (!territoryId || !decides) return;
    request('GET /api/ecosystem/proposals', { query: { territoryId } }).then(
      (r) => setProposals(r.proposals),
      () => setProposals(null),
    );
  }, [territoryId, decides]);
  if (!proposals) return null;
  return (
    <section aria-labelledby="eco-pending-proposals">
      <h2 id="eco-pending-proposals">{t('ecosystem.proposals.pendingTerritory')}</h2>
      {proposals.length === 0 ? (
        <p>{t('ecosystem.proposals.nonePending')}</p>
      ) : (
        <ul class="eco-results">
          {proposals.map((p) => (
            <li key={p.id}>
              <Link href={`/ecosysteme/organisations/${p.organisation.id}#eco-proposals-title`}>{p.organisation.name}</Link>
              <span class="eco-meta">
                {t('ecosystem.proposals.summary', {
                  fields: p.diff.map((d) => t(`ecosystem.proposals.fields.${d.field}`)).join(', '),
                  name: p.author ?? t('ecosystem.proposals.someone'),
                  date: formatDate(p.createdAt),
                })}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
