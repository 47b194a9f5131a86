import type { Motivation, Profile } from '@maillage/core';
import { MOTIVATION_LABELS, PROFILE_TEXTS } from '@maillage/core';
import { useI18n } from '../../shared/i18n';

type Result = { readonly profiles: readonly Profile[]; readonly motivations: readonly Motivation[] };

/** The profile text (encouraging, never a grade) and the motivations, most chosen first. */
export function QuizResultView({ result, token }: { result: Result; token?: string | undefined }) {
  const { t, locale } = useI18n();
  return (
    <section aria-labelledby="quiz-result">
      {result.profiles.map((p, i) => (
        <div key={p} class="card">
          {i === 0 ? (
            <h2 id="quiz-result">{t('evaluation.quiz.profile', { name: PROFILE_TEXTS[p][locale].name })}</h2>
          ) : (
            <h2>{t('evaluation.quiz.profile', { name: PROFILE_TEXTS[p][locale].name })}</h2>
          )}
          <p>{PROFILE_TEXTS[p][locale].text}</p>
        </div>
      ))}
      <h2>{t('evaluation.quiz.motivations')}</h2>
      <ol>
        {result.motivations.map((m) => (
          <li key={m}>{MOTIVATION_LABELS[m][locale]}</li>
        ))}
      </ol>
      {token && (
        <p class="share-token">
          {t('evaluation.quiz.share')} <a href={`/quiz/${token}`}>{`${window.location.origin}/quiz/${token}`}</a>
        </p>
      )}
    </section>
  );
}
