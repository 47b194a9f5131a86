import type { Motivation, Profile } from '@maillage/core';
import { useEffect, useRef, useState } from 'preact/hooks';
import { request } from '../../shared/api';
import { useI18n } from '../../shared/i18n';
import { Link } from '../../shared/router';
import { Alert, Button, PageTitle } from '../../shared/ui';
import { QuizResultView as ResultView } from './quiz-result';
import { QuizShare } from './quiz-share';
import './evaluation.css';

type Question = { key: string; text: { fr: string; en: string }; choices: { fr: string; en: string }[] };
type Result = { profiles: Profile[]; motivations: Motivation[] };

/** « Quel coopérateur je suis ? »: one question per screen, phone first; or a saved result by its link. */
export default function QuizPage({ params }: { params: Record<string, string> }) {
  const { t, locale } = useI18n();
  const token = params.token;
  const [questions, setQuestions] = useState<Question[]>();
  const [answers, setAnswers] = useState<(number | null)[]>([]);
  const [step, setStep] = useState(0);
  const [result, setResult] = useState<{ result: Result; token?: string; sharedWith?: { id: string; name: string }[] }>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const legendRef = useRef<HTMLLegendElement>(null);
  useEffect(() => {
    if (token) {
      request('GET /api/quiz/results/:token', { params: { token } })
        .then((r) => setResult({ result: r.result, sharedWith: r.sharedWith }))
        .catch((e: Error) => setError(e.message || t('common.error')));
      return;
    }
    request('GET /api/quiz')
      .then((q) => {
        setQuestions(q.questions);
        setAnswers(q.questions.map(() => null));
      })
      .catch((e: Error) => setError(e.message || t('common.error')));
  }, [token]);
  if (result) {
    return (
      <div class="evaluation quiz">
        <PageTitle>{t('evaluation.quiz.title')}</PageTitle>
        <ResultView result={result.result} {...(result.token ? { token: result.token } : {})} />
        {(result.token ?? token) && <QuizShare token={(result.token ?? token) as string} sharedWith={result.sharedWith ?? []} />}
        <p>
          <Link
            href="/quiz"
            onClick={() => {
              setResult(undefined);
              setStep(0);
              setAnswers((a) => a.map(() => null));
            }}
          >
            {t('evaluation.quiz.again')}
          </Link>
        </p>
      </div>
    );
  }
  if (!questions) return error ? <Alert>{error}</Alert> : <p aria-busy="true">{t('common.loading')}</p>;
  const question = questions[step] as Question;
  const last = step === questions.length - 1;
  const next = async (event: Event) => {
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
    setBusy(true);
    try {
      const saved = await request('POST /api/quiz/results', { body: { answers: answers as number[] } });
      setResult({ result: saved.result, token: saved.token });
      window.scrollTo(0, 0);
    } catch (e) {
      setError(e instanceof Error && e.message ? e.message : t('common.error'));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div class="evaluation quiz">
      <PageTitle>{t('evaluation.quiz.title')}</PageTitle>
      {step === 0 && <p>{t('evaluation.quiz.intro')}</p>}
      <form onSubmit={next} noValidate>
        <p>{t('evaluation.quiz.progress', { n: step + 1, total: questions.length })}</p>
        <fieldset key={question.key} aria-describedby={error ? 'quiz-error' : undefined}>
          <legend ref={legendRef} tabIndex={-1}>
            {question.text[locale]}
          </legend>
          <div class="quiz-choices">
            {question.choices.map((c, i) => (
              <label key={c.fr}>
                <input
                  type="radio"
                  name={`quiz-${question.key}`}
                  checked={answers[step] === i}
                  onChange={() => setAnswers((a) => a.map((v, j) => (j === step ? i : v)))}
                />
                {c[locale]}
              </label>
            ))}
          </div>
        </fieldset>
        {error && (
          <div id="quiz-error">
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
          <Button type="submit" busy={busy}>
            {last ? t('evaluation.quiz.finish') : t('evaluation.quiz.next')}
          </Button>
        </div>
      </form>
    </div>
  );
}
