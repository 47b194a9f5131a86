import type { Motivation, Profile } from '@maillage/core';
import { MOTIVATION_LABELS, MOTIVATIONS, PROFILE_TEXTS, PROFILES } from '@maillage/core';
import { useI18n } from '../../shared/i18n';
import './quiz-mix.css';

/** What a group's mix holds (a live room's distribution, a collective's shared results): counts only. */
export interface QuizMixData {
  readonly people: number;
  readonly profiles: Readonly<Record<Profile, number>>;
  readonly firstMotivation: Readonly<Record<Motivation, number>>;
  /** The group's ranking of the motivations, when known. */
  readonly motivations?: readonly Motivation[];
}

function Bars({ id, title, rows }: { id: string; title: string; rows: readonly { key: string; label: string; count: number }[] }) {
  const { t } = useI18n();
  const max = Math.max(1, ...rows.map((r) => r.count));
  return (
    <section class="quiz-mix-part" aria-labelledby={id}>
      <h3 id={id}>{title}</h3>
      <ul class="quiz-mix-bars">
        {rows.map((r) => (
          <li key={r.key} data-key={r.key} data-count={r.count}>
            <span class="quiz-mix-label">{r.label}</span>
            <span class="quiz-mix-track" aria-hidden="true">
              <span class="quiz-mix-bar" style={{ width: `${(100 * r.count) / max}%` }} />
            </span>
            <span class="quiz-mix-count">{t('quiz.mix.count', { count: r.count })}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** A group's profiles and motivations as bars (people would rather look than read), never one person's answers. */
export function QuizMix({ mix, idPrefix }: { mix: QuizMixData; idPrefix: string }) {
  const { t, locale } = useI18n();
  return (
    <div class="quiz-mix">
      <p class="quiz-mix-people" data-people={mix.people}>
        {t('quiz.mix.people', { count: mix.people })}
      </p>
      {mix.people > 0 && (
        <div class="quiz-mix-parts">
          <Bars
            id={`${idPrefix}-profiles`}
            title={t('quiz.mix.profiles')}
            rows={PROFILES.map((p) => ({ key: p, label: PROFILE_TEXTS[p][locale].name, count: mix.profiles[p] }))}
          />
          <Bars
            id={`${idPrefix}-motivations`}
            title={t('quiz.mix.motivations')}
            rows={MOTIVATIONS.map((m) => ({ key: m, label: MOTIVATION_LABELS[m][locale], count: mix.firstMotivation[m] }))}
          />
          {mix.motivations && (
            <section class="quiz-mix-part" aria-labelledby={`${idPrefix}-ranking`}>
              <h3 id={`${idPrefix}-ranking`}>{t('quiz.mix.ranking')}</h3>
              <ol>
                {mix.motivations.map((m) => (
                  <li key={m}>{MOTIVATION_LABELS[m][locale]}</li>
                ))}
              </ol>
            </section>
          )}
        </div>
      )}
    </div>
  );
}
