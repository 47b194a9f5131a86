import type { ActivityResults, ActivityView, MeView, SubmissionInput } from '@maillage/core';
import { useState } from 'preact/hooks';
import { useI18n } from '../../shared/i18n';
import { Button } from '../../shared/ui';
import { CodevStepCard, CodevSummary } from './codev-projector';

/**
 * A phone in a co-development session: the current step and its timer (above, shared with every
 * activity); the porteur writes private notes, the subject, the contract and the action plan; a
 * contributor sends proposals during the consultation, anonymous unless they tick "sign"; everyone
 * shares a learning during the last step.
 */

interface Props {
  readonly activity: ActivityView;
  readonly me: MeView | null;
  readonly results: ActivityResults | undefined;
  readonly pending: boolean;
  readonly submit: (input: SubmissionInput) => void;
}

type TextField = 'notes' | 'subject' | 'contract';

function TextForm({
  id,
  label,
  hint,
  initial,
  rows,
  action,
  disabled,
  onSend,
  status,
}: {
  id: string;
  label: string;
  hint?: string;
  initial: string;
  rows: number;
  action: string;
  disabled: boolean;
  onSend: (text: string) => void;
  status: string;
}) {
  const [text, setText] = useState(initial);
  return (
    <form
      noValidate
      class="live-answer"
      onSubmit={(e) => {
        e.preventDefault();
        onSend(text.trim());
      }}
    >
      <div class="field">
        <label for={id}>{label}</label>
        {hint && (
          <p class="hint" id={`${id}-hint`}>
            {hint}
          </p>
        )}
        <textarea
          id={id}
          rows={rows}
          maxLength={1000}
          aria-describedby={hint ? `${id}-hint` : undefined}
          value={text}
          onInput={(e) => setText(e.currentTarget.value)}
        />
      </div>
      <Button type="submit" disabled={disabled}>
        {action}
      </Button>
      <p role="status" class="live-feedback">
        {status}
      </p>
    </form>
  );
}

export function CodevPhone({ activity, me, results, pending, submit }: Props) {
  const { t } = useI18n();
  const codev = activity.codev;
  const mine = me?.codev;
  const [sent, setSent] = useState<string | null>(null);
  const [proposal, setProposal] = useState('');
  const [signed, setSigned] = useState(false);
  const [plan, setPlan] = useState(mine?.sheet?.actionPlan ?? '');
  const [followUp, setFollowUp] = useState(mine?.sheet?.followUp ?? '');
  if (!codev) return null;
  const step = codev.steps[codev.step];
  const porteur = mine?.role === 'porteur';
  const status = (what: string, done: string) => (sent === what ? (pending ? t('live.pending') : done) : '');
  const write = (field: TextField, text: string) => {
    setSent(field);
    submit({ kind: 'codev-text', field, text });
  };
  const r = results?.kind === 'codev' ? results : undefined;
  return (
    <div class="codev-phone">
      <CodevStepCard activity={activity} />
      <p>{porteur ? t('live.codev.you.porteur') : t('live.codev.you.contributor')}</p>
      {porteur && (
        <>
          <TextForm
            id="codev-notes"
            label={t('live.codev.notes')}
            hint={t('live.codev.notesHint')}
            initial={mine?.notes ?? ''}
            rows={5}
            action={t('live.codev.saveNotes')}
            disabled={!activity.open}
            onSend={(text) => write('notes', text)}
            status={status('notes', t('live.codev.notesSaved'))}
          />
          <TextForm
            id="codev-subject"
            label={t('live.codev.mySubject')}
            initial={mine?.sheet?.subject ?? ''}
            rows={3}
            action={t('live.codev.save')}
            disabled={!activity.open}
            onSend={(text) => write('subject', text)}
            status={status('subject', t('live.codev.saved'))}
          />
          <TextForm
            id="codev-contract"
            label={t('live.codev.myContract')}
            initial={mine?.sheet?.contract ?? ''}
            rows={2}
            action={t('live.codev.save')}
            disabled={!activity.open}
            onSend={(text) => write('contract', text)}
            status={status('contract', t('live.codev.saved'))}
          />
          <form
            noValidate
            class="live-answer"
            onSubmit={(e) => {
              e.preventDefault();
              setSent('plan');
              submit({ kind: 'codev-text', field: 'action-plan', text: plan.trim(), followUp: followUp || null });
            }}
          >
            <div class="field">
              <label for="codev-plan">{t('live.codev.myPlan')}</label>
              <textarea id="codev-plan" rows={4} maxLength={1000} value={plan} onInput={(e) => setPlan(e.currentTarget.value)} />
            </div>
            <div class="field">
              <label for="codev-follow-up">{t('live.codev.followUp')}</label>
              <input id="codev-follow-up" type="date" value={followUp} onInput={(e) => setFollowUp(e.currentTarget.value)} />
            </div>
            <Button type="submit" disabled={!activity.open}>
              {t('live.codev.savePlan')}
            </Button>
            <p role="status" class="live-feedback">
              {status('plan', t('live.codev.saved'))}
            </p>
          </form>
          {step?.kind === 'consultation' && <p>{t('live.codev.listen')}</p>}
        </>
      )}
      {!porteur &&
        (step?.kind === 'consultation' ? (
          <form
            noValidate
            class="live-answer"
            onSubmit={(e) => {
              e.preventDefault();
              if (proposal.trim().length < 2) return;
              setSent('proposal');
              submit({ kind: 'codev-proposal', text: proposal.trim(), signed });
              setProposal('');
              setSigned(false);
            }}
          >
            <div class="field">
              <label for="codev-proposal">{t('live.codev.proposal')}</label>
              <p class="hint" id="codev-proposal-hint">
                {t('live.codev.proposalHint')}
              </p>
              <textarea
                id="codev-proposal"
                rows={4}
                maxLength={1000}
                aria-describedby="codev-proposal-hint"
                value={proposal}
                onInput={(e) => setProposal(e.currentTarget.value)}
              />
            </div>
            <label class="live-choice">
              <input
                type="checkbox"
                checked={signed}
                aria-describedby="codev-sign-hint"
                onChange={(e) => setSigned(e.currentTarget.checked)}
              />
              <span>{t('live.codev.sign')}</span>
            </label>
            <p class="hint" id="codev-sign-hint">
              {t('live.codev.signHint')}
            </p>
            <Button type="submit" disabled={!activity.open}>
              {t('live.codev.send')}
            </Button>
            <p role="status" class="live-feedback">
              {sent === 'proposal' && pending ? t('live.pending') : mine?.proposals ? t('live.codev.sent', { count: mine.proposals }) : ''}
            </p>
          </form>
        ) : (
          <p>{t('live.codev.waitConsultation')}</p>
        ))}
      {step?.kind === 'learnings' && (
        <TextForm
          key="learning"
          id="codev-learning"
          label={t('live.codev.learning')}
          initial=""
          rows={3}
          action={t('live.codev.sendLearning')}
          disabled={!activity.open}
          onSend={(text) => {
            if (text.length < 1) return;
            setSent('learning');
            submit({ kind: 'codev-text', field: 'learning', text });
          }}
          status={status('learning', t('live.codev.learningSent'))}
        />
      )}
      {r && <CodevSummary results={r} />}
    </div>
  );
}
