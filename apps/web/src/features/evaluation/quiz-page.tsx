import type { Motivation, Profile } from '@maillage/core';
import { useEffect, useState } from 'preact/hooks';
import { request } from '../../shared/api';
import { useI18n } from '../../shared/i18n';
import { Link } from '../../shared/router';
import { Alert, PageTitle } from '../../shared/ui';
import { type QuizQuestion, QuizQuestions } from './quiz-questions';
import { QuizResultView as ResultView } from './quiz-result';
import { QuizShare } from './quiz-share';
import './evaluation.css';

type Result = { profiles: Profile[]; motivations: Motivation[] };

/** « Quel coopérateur je suis ? »: one question per screen, phone first; or a saved result by its link. */
export default function QuizPage({ params }: { params: Record<string, string> }) {
  const { t } = useI18n();
  const token = params.token;
  const [questions, setQuestions] = useState<QuizQuestion[]>();
  const [result, setResult] = useState<{ result: Result; token?: string; sharedWith?: { id: string; name: string }[] }>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
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
          <Link href="/quiz" onClick={() => setResult(undefined)}>
            {t('evaluation.quiz.again')}
          </Link>
        </p>
      </div>
    );
  }
  if (!questions) return error ? <Alert>{error}</Alert> : <p aria-busy="true">{t('common.loading')}</p>;
  const finish = async (answers: number[]) => {
    setBusy(true);
    setError(undefined);
    try {
      const saved = await request('POST /api/quiz/results', { body: { answers } });
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
      <QuizQuestions
        questions={questions}
        idPrefix="quiz"
        intro={t('evaluation.quiz.intro')}
        finishLabel={t('evaluation.quiz.finish')}
        busy={busy}
        error={error}
        onDone={(answers) => void finish(answers)}
      />
    </div>
  );
}
