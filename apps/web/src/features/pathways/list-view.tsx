import type { Horizon } from '@maillage/core';
import { useI18n } from '../../shared/i18n';
import { DetachedTag, LightTag, type Pathway } from './common';

const FROM_VISION: readonly Horizon[] = ['long', 'moyen', 'court'];

/**
 * The same pathway as a plain list, for screen readers and phones: the vision, then each horizon
 * from the long term down, every change with where it leads, its actors and indicators.
 */
export function ListView({ pathway, onOpen }: { pathway: Pathway; onOpen?: (changeId: string) => void }) {
  const { t } = useI18n();
  const textOf = new Map(pathway.changes.map((c) => [c.id, c.text]));
  return (
    <div class="pathway-list">
      <h3>{t('pathways.horizon.vision')}</h3>
      <p class="vision-sentence">{pathway.vision.sentence || t('pathways.vision.empty')}</p>
      {FROM_VISION.map((h) => {
        const changes = pathway.changes.filter((c) => c.horizon === h);
        return (
          <section key={h} aria-labelledby={`list-${h}`}>
            <h3 id={`list-${h}`}>
              {t(`pathways.horizon.${h}`)} — {t(`pathways.horizon.${h}.what`)}
            </h3>
            {changes.length === 0 && <p>{t('pathways.list.noChange')}</p>}
            <ul>
              {changes.map((c) => {
                const out = pathway.links.filter((l) => l.from === c.id);
                const indicators = pathway.indicators.filter((i) => i.changeId === c.id);
                return (
                  <li key={c.id} class={`change-item${c.detached ? ' detached' : ''}`}>
                    <p class="change-text">{c.text}</p>
                    <p class="tags">
                      {c.detached && <DetachedTag />} {c.lastLight && <LightTag light={c.lastLight} />}
                    </p>
                    {out.length > 0 && (
                      <p>
                        {t('pathways.list.leadsTo')}{' '}
                        {out.map((l) => (l.to ? (textOf.get(l.to) ?? '') : t('pathways.horizon.vision'))).join(' ; ')}
                      </p>
                    )}
                    {(c.actors.organisations.length > 0 || c.actors.kinds.length > 0) && (
                      <p>
                        {t('pathways.list.actors')} {[...c.actors.organisations.map((o) => o.name), ...c.actors.kinds].join(', ')}
                      </p>
                    )}
                    {indicators.length > 0 && (
                      <p>
                        {t('pathways.list.indicators')} {indicators.map((i) => i.name).join(', ')}
                      </p>
                    )}
                    {onOpen && (
                      <button type="button" class="btn btn-secondary" onClick={() => onOpen(c.id)}>
                        {t('pathways.list.open')}
                        <span class="visually-hidden"> : {c.text}</span>
                      </button>
                    )}
                  </li>
                );
              })}
            </ul>
          </section>
        );
      })}
    </div>
  );
}
