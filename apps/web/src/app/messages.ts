import type { Catalogues } from '../shared/i18n';
import { englishCatalogue } from './messages-en';
import { frenchCatalogue } from './messages-fr';

/**
 * The catalogues: each feature keeps its messages in `features/<capability>/messages-{fr,en}.ts`;
 * they meet in `messages-fr.ts` and `messages-en.ts`. French is the reference and ships with the
 * entry chunk; English loads when chosen (`app.tsx`). `messages.test.ts` checks both hold the same
 * keys and that every `t('…')` used in the sources exists.
 */
export const catalogues: Catalogues = { fr: frenchCatalogue, en: englishCatalogue };
