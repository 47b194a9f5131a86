import type { ComponentChildren } from 'preact';
import { useRef, useState } from 'preact/hooks';
import { useI18n } from '../../shared/i18n';
import { Alert, Button } from '../../shared/ui';

export type QuizQuestion = {
  readonly key: string;
  readonly text: { readonly fr: string; readonly en: string };
  readonly choices: readonly { readonly fr: string; readonly en: string }[];
};

/**
 * « Quel coopérateur je suis ? », one question per screen (phone first): the quiz page and a live
 * room's phone (quiz-phone.tsx, loaded lazily) both ask with this. It keeps the answers; the last
 * question's button hands them to `onDone`. An answer is required before going on (said in French,
 * next to the question, not by the browser).
 */
export function QuizQuestions({
  questions,
  idPrefix,
  intro,
  finishLabel,
  busy,
  disabled,
  error: outsideError,
  status,
  onDone,
}: {
  questions: readonly QuizQuestion[];
  /** Distinguishes the radio groups and the error's id of two quizzes on one page. */
  idPrefix: string;
  intro: string;
  finishLabel: string;
  busy?: boolean;
  disabled?: boolean;
  /** What went wrong after the last question (saving, sending). */
  error?: string | undefined;
  /** Below the buttons: what the sending is doing (a live room's queue). */
  status?: ComponentChildren;
  onDone: (answers: number[]) => void;
}) {
  const { t, locale } = useI18n();
  const [answers, setAnswers] = useState<(number | null)[]>(() => questions.map(() => null));
  const [step, setStep] = useState(0);
  const [missing, setMissing] = useState<string>();
  const legendRef = useRef<HTMLLegendElement>(null);
  const question = questions[step] as QuizQuestion;
  const last = step === questions.length - 1;
  const error = missing ?? outsideError;
  const errorId = `${idPrefix}-error`;
  const next = (event: Event) => {
    event.preventDefault();
    setMissing(undefined);
    if (answers[step] === null || answers[step] === undefined) {
      setMissing(t('evaluation.quiz.choose'));
      return;
    }
    if (!last) {
      setStep(step + 1);
      setTimeout(() => legendRef.current?.focus(), 0);
      return;
    }
    onDone(answers as number[]);
  };
  return (
    <>
      {step === 0 && <p>{intro}</p>}
      <form onSubmit={next} noValidate>
        <p>{t('evaluation.quiz.progress', { n: step + 1, total: questions.length })}</p>
        <fieldset key={question.key} aria-describedby={error ? errorId : undefined}>
          <legend ref={legendRef} tabIndex={-1}>
            {question.text[locale]}
          </legend>
          <div class="quiz-choices">
            {question.choices.map((c, i) => (
              <label key={c.fr}>
                <input
                  type="radio"
                  name={`${idPrefix}-${question.key}`}
                  checked={answers[step] === i}
                  onChange={() => setAnswers((a) => a.map((v, j) => (j === step ? i : v)))}
                />
                {c[locale]}
              </label>
            ))}
          </div>
        </fieldset>
        {error && (
          <div id={errorId}>
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
          <Button type="submit" busy={busy ?? false} disabled={disabled ?? false}>
            {last ? finishLabel : t('evaluation.quiz.next')}
          </Button>
        </div>
        {status}
      </form>
    </>
  );
}
