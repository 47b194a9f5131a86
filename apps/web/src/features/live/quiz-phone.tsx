import type { ActivityResults, ActivityView, MeView, SubmissionInput } from '@maillage/core';
import { QUIZ_QUESTIONS } from '@maillage/core';
import { useState } from 'preact/hooks';
import { request } from '../../shared/api';
import { useI18n } from '../../shared/i18n';
import { Alert, Button } from '../../shared/ui';
import { QuizQuestions } from '../evaluation/quiz-questions';
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
  const { t } = useI18n();
  const [again, setAgain] = useState(false);
  const mine = me?.quiz ?? null;
  if (mine && !again) {
    return (
      <div class="evaluation quiz">
        <QuizResultView result={mine} />
        <KeepResult answers={mine.answers} />
        {activity.open && (
          <p>
            <Button type="button" variant="secondary" onClick={() => setAgain(true)}>
              {t('live.quiz.again')}
            </Button>
          </p>
        )}
      </div>
    );
  }
  return (
    <div class="evaluation quiz">
      <QuizQuestions
        questions={QUIZ_QUESTIONS}
        idPrefix="live-quiz"
        intro={t('live.quiz.intro')}
        finishLabel={t('live.quiz.send')}
        disabled={!activity.open || pending}
        status={
          <p role="status" class="live-feedback">
            {pending ? t('live.pending') : ''}
          </p>
        }
        onDone={(answers) => {
          submit({ kind: 'quiz', answers });
          setAgain(false);
          window.scrollTo(0, 0);
        }}
      />
    </div>
  );
}
