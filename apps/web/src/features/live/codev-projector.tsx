import { type ActivityResults, type ActivityView, type CodevStep, codevPresetSteps, codevPresets } from '@maillage/core';
import { useI18n } from '../../shared/i18n';
import './codev.css';

type CodevResults = Extract<ActivityResults, { kind: 'codev' }>;

/** A step's name in the interface's language: a preset's step is translated, a custom one shown as typed. */
export function useStepName(): (step: CodevStep) => string {
  const { t } = useI18n();
  return (step) => {
    for (const preset of codevPresets) {
      const i = codevPresetSteps[preset].findIndex((s) => s.kind === step.kind && s.label === step.label);
      if (i >= 0) return t(`live.codev.stepName.${preset}.${i}`);
    }
    return step.label;
  };
}

/** The session's shared texts: subject, contract, proposals (a name only when signed), plan, learnings. */
export function CodevSummary({ results, headingLevel = 3 }: { results: CodevResults; headingLevel?: 3 | 4 }) {
  const { t, formatDate } = useI18n();
  const H = headingLevel === 3 ? 'h3' : 'h4';
  return (
    <div class="codev-summary">
      {results.subject && (
        <p>
          <strong>{t('live.codev.subject')} :</strong> {results.subject}
        </p>
      )}
      {results.contract && (
        <p>
          <strong>{t('live.codev.contract')} :</strong> {results.contract}
        </p>
      )}
      <H>{t('live.codev.proposals')}</H>
      {results.proposals.length === 0 ? (
        <p>{t('live.codev.noProposal')}</p>
      ) : (
        <ul class="codev-proposals" aria-label={t('live.codev.proposals')}>
          {results.proposals.map((p) => (
            <li key={p.id}>
              <span class="codev-proposal-text">{p.text}</span>{' '}
              <span class="codev-proposal-by">— {p.name ?? t('live.codev.anonymous')}</span>
            </li>
          ))}
        </ul>
      )}
      {results.actionPlan && (
        <>
          <H>{t('live.codev.actionPlan')}</H>
          <p class="codev-plan">{results.actionPlan}</p>
          {results.followUp && <p>{t('live.codev.followUpOn', { date: formatDate(results.followUp) })}</p>}
        </>
      )}
      {results.learnings.length > 0 && (
        <>
          <H>{t('live.codev.learnings')}</H>
          <ul>
            {results.learnings.map((l, i) => (
              <li key={i}>{l}</li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

/** The current step of a session, large: its number, name, duration and what happens now. */
export function CodevStepCard({ activity, large }: { activity: ActivityView; large?: boolean }) {
  const { t } = useI18n();
  const stepName = useStepName();
  const codev = activity.codev;
  const step = codev?.steps[codev.step];
  if (!codev || !step) return null;
  return (
    <section class={`codev-step${large ? ' codev-step-large' : ''}`} aria-labelledby={`codev-step-${activity.id}`} aria-live="polite">
      <p class="codev-step-number">{t('live.codev.stepOf', { n: codev.step + 1, total: codev.steps.length })}</p>
      <h3 id={`codev-step-${activity.id}`} class="codev-step-name">
        {stepName(step)}
      </h3>
      <p class="codev-step-minutes">{t('live.codev.minutes', { count: step.minutes })}</p>
      <p class="codev-step-instructions">{t(`live.codev.instructions.${step.kind}`)}</p>
      <p>{codev.porteur ? t('live.codev.porteurIs', { name: codev.porteur }) : t('live.codev.noPorteur')}</p>
    </section>
  );
}

/** What the projector shows of a session: the step card and the shared texts (proposals anonymous unless signed). */
export function CodevProjector({ activity, results }: { activity: ActivityView; results: ActivityResults | undefined }) {
  return (
    <div class="codev-projector">
      <CodevStepCard activity={activity} large />
      {results?.kind === 'codev' && <CodevSummary results={results} />}
    </div>
  );
}
