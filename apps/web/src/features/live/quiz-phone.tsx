import type { ActivityResults, ActivityView, MeView, SubmissionInput } from '@maillage/core';
import { QUIZ_QUESTIONS } from '@maillage/core';
import { useRef, useState } from 'preact/hooks';
import { request } from '../../shared/api';
import { useI18n } from '../../shared/i18n';
import { Alert, Button } from '../../shared/ui';
import { QuizResultView } from '../evaluation/quiz-result';
import '../evaluation/evaluation.css';

interface PhoneProps {
  readonly activity: ActivityView;
  readonly me: MeView | null;
  readonly results: ActivityResults | undefined;
  readonly pending: boolean;
  readonly submit: (input: SubmissionInput) => void;
}

/** Keeps one's result behind a link (the quiz's own store, outside the room), on request only. */
function KeepResult({ answers }: { answers: readonly number[] }) {
  const { t } = useI18n();
  const [token, setToken] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  if (token) {
    return (
      <p class="share-token">
        {t('live.quiz.kept')} <a href={`/quiz/${token}`}>{`${window.location.origin}/quiz/${token}`}</a>
      </p>
    );
  }
  return (
    <div>
      {error && <Alert>{error}</Alert>}
      <Button
        type="button"
        variant="secondary"
        busy={busy}
        onClick={async () => {
          setBusy(true);
          setError(undefined);
          try {
            const saved = await request('POST /api/quiz/results', { body: { answers: [...answers] } });
            setToken(saved.token);
          } catch (e) {
            setError(e instanceof Error && e.message ? e.message : t('common.error'));
          } finally {
            setBusy(false);
          }
        }}
      >
        {t('live.quiz.keep')}
      </Button>
    </div>
  );
}

/**
 * « Quel coopérateur je suis ? » on a phone in a live room: one question per screen; then the
 * person's own profile and motivations (their answers never leave their phone's view: the room
 * sees counts only).
 */
export function QuizPhone({ activity, me, pending, submit }: PhoneProps) {
  const { t, locale } = useI18n();
  const [answers, setAnswers] = useState<(number | null)[]>(() => QUIZ_QUESTIONS.map(() => null));
  const [step, setStep] = useState(0);
  const [again, setAgain] = useState(false);
  const [error, setError] = useState<string>();
  const legendRef = useRef<HTMLLegendElement>(null);
  const mine = me?.quiz ?? null;
  if (mine && !again) {
    return (
      <div class="evaluation quiz">
        <QuizResultView result={mine} />
        <KeepResult answers={mine.answers} />
        {activity.open && (
          <p>
            <Button
              type="button"
              variant="secondary"
              onClick={() => {
                setAgain(true);
                setStep(0);
              }}
            >
              {t('live.quiz.again')}
            </Button>
          </p>
        )}
      </div>
    );
  }
  const question = QUIZ_QUESTIONS[step] as (typeof QUIZ_QUESTIONS)[number];
  const last = step === QUIZ_QUESTIONS.length - 1;
  const next = (event: Event) => {
    event.preventDefault();
    setError(undefined);
    if (answers[step] === null || answers[step] === undefined) {
      setError(t('evaluation.quiz.choose'));
      return;
    }
    if (!last) {
      setStep(step + 1);
      setTimeout(() => legendRef.current?.focus(), 0);
      return;
    }
    submit({ kind: 'quiz', answers: answers as number[] });
    setAgain(false);
    window.scrollTo(0, 0);
  };
  return (
    <div class="evaluation quiz">
      {step === 0 && <p>{t('live.quiz.intro')}</p>}
      <form onSubmit={next} noValidate>
        <p>{t('evaluation.quiz.progress', { n: step + 1, total: QUIZ_QUESTIONS.length })}</p>
        <fieldset key={question.key} aria-describedby={error ? 'live-quiz-error' : undefined}>
          <legend ref={legendRef} tabIndex={-1}>
            {question.text[locale]}
          </legend>
          <div class="quiz-choices">
            {question.choices.map((c, i) => (
              <label key={c.fr}>
                <input
                  type="radio"
                  name={`live-quiz-${question.key}`}
                  checked={answers[step] === i}
                  onChange={() => setAnswers((a) => a.map((v, j) => (j === step ? i : v)))}
                />
                {c[locale]}
              </label>
            ))}
          </div>
        </fieldset>
        {error && (
          <div id="live-quiz-error">
            <Alert>{error}</Alert>
          </div>
        )}
        <div class="quiz-nav">
          {step > 0 ? (
            <Button type="button" variant="secondary" onClick={() => setStep(step - 1)}>
              {t('evaluation.quiz.previous')}
            </Button>
          ) : (
            <span />
          )}
          <Button type="submit" disabled={!activity.open || pending}>
            {last ? t('live.quiz.send') : t('evaluation.quiz.next')}
          </Button>
        </div>
        <p role="status" class="live-feedback">
          {pending ? t('live.pending') : ''}
        </p>
      </form>
    </div>
  );
}
