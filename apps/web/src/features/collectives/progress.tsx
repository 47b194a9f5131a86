import type { CollectiveProgressView } from '@maillage/core';
import { useId } from 'preact/hooks';
import { useI18n } from '../../shared/i18n';

/**
 * How far a collective has come: the sheet's sections written (a small bar, with its words),
 * steps done and overdue, requests still open. Overdue steps are said in words, not by colour.
 */
export function Progress({ progress, compact = false }: { progress: CollectiveProgressView; compact?: boolean }) {
  const { t } = useI18n();
  const id = useId();
  const p = progress;
  return (
    <div class={`progress${compact ? ' progress-compact' : ''}`}>
      <div class="progress-sheet">
        <label for={`${id}-sheet`}>{t('collectives.progress.sheet', { filled: p.sectionsFilled, total: p.sectionsTotal })}</label>
        <progress id={`${id}-sheet`} max={p.sectionsTotal || 11} value={p.sectionsFilled} />
      </div>
      <ul class="progress-facts">
        <li>{t('collectives.progress.steps', { done: p.stepsDone, total: p.stepsTotal })}</li>
        {p.stepsOverdue > 0 && (
          <li class="overdue">
            <span aria-hidden="true">⚠ </span>
            {t('collectives.progress.overdue', { count: p.stepsOverdue })}
          </li>
        )}
        <li>{t('collectives.progress.requests', { count: p.openRequests })}</li>
      </ul>
    </div>
  );
}
