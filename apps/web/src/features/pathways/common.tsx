import type { Light, PathwayView } from '@maillage/core';
import { useI18n } from '../../shared/i18n';

export type Pathway = PathwayView;
export type PathwayChange = PathwayView['changes'][number];

/** A symbol for each light, so that a light never rests on its colour alone. */
export const LIGHT_SYMBOLS: Readonly<Record<Light, string>> = {
  en_bonne_voie: '✔',
  a_risque: '▲',
  hors_trajectoire: '✖',
  pas_commence: '○',
};
/** The mark of a change with no path to the vision (with its words, never a colour alone). */
export const DETACHED_SYMBOL = '⚠';

/** A traffic light: its symbol and its word. */
export function LightTag({ light }: { light: Light }) {
  const { t } = useI18n();
  return (
    <span class={`light light-${light}`}>
      <span aria-hidden="true">{LIGHT_SYMBOLS[light]}</span> {t(`pathways.light.${light}`)}
    </span>
  );
}

/** Flags a change with no path to the vision. */
export function DetachedTag() {
  const { t } = useI18n();
  return (
    <span class="detached-tag">
      <span aria-hidden="true">{DETACHED_SYMBOL}</span> {t('pathways.detached')}
    </span>
  );
}

/** Today as YYYY-MM-DD in Paris (the default day of a review or a note). */
export function today(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date());
}
