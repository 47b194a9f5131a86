import type { CollectiveDetailView } from '@maillage/core';
import { COOPERATION_AIM_LABELS } from '@maillage/core';
import { useI18n } from '../../shared/i18n';
import { pick } from './common';

const LEVELS = [1, 2, 3, 4, 5, 6, 7] as const;

/**
 * A continuum level (1 concurrence … 7 intégration) as a labelled scale: seven steps, those up to
 * the level filled, and the level said in words beside it (the bar is only a picture of it).
 */
export function ContinuumScale({ level }: { level: number | null }) {
  const { t } = useI18n();
  return (
    <span class="continuum">
      <span class="continuum-bar" aria-hidden="true">
        {LEVELS.map((l) => (
          <span key={l} class={`continuum-step${level !== null && l <= level ? ' on' : ''}${l === level ? ' current' : ''}`} />
        ))}
      </span>
      <span class="continuum-label">
        {level === null ? t('collectives.pairs.unknown') : t('collectives.pairs.level', { level, name: t(`ecosystem.level.${level}`) })}
      </span>
    </span>
  );
}

/** The cooperation the collective aims for, and where each pair of member organisations stands. */
export function CooperationOverview({ collective }: { collective: CollectiveDetailView }) {
  const { t, locale, formatDate } = useI18n();
  return (
    <section aria-labelledby="ws-cooperation">
      <h2 id="ws-cooperation">{t('collectives.aim.title')}</h2>
      <p>{collective.aim ? pick(locale, COOPERATION_AIM_LABELS[collective.aim]) : t('collectives.aim.none')}</p>
      <h3>{t('collectives.pairs.title')}</h3>
      <details class="continuum-legend">
        <summary>{t('collectives.pairs.legend')}</summary>
        <ol>
          {LEVELS.map((l) => (
            <li key={l}>{t(`ecosystem.level.${l}`)}</li>
          ))}
        </ol>
      </details>
      {collective.pairs.length === 0 ? (
        <p class="hint">{t('collectives.pairs.none')}</p>
      ) : (
        <ul class="pairs">
          {collective.pairs.map((p) => (
            <li key={`${p.a.id}-${p.b.id}`}>
              <span class="pair-names">
                {p.a.name} ↔ {p.b.name}
              </span>
              <ContinuumScale level={p.level} />
              {p.assessedAt && <span class="hint"> {t('collectives.pairs.assessed', { date: formatDate(p.assessedAt) })}</span>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
