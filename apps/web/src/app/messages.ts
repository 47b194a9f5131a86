import { accountsEn } from '../features/accounts/messages-en';
import { accountsFr } from '../features/accounts/messages-fr';
import { shellEn } from '../features/shell/messages-en';
import { shellFr } from '../features/shell/messages-fr';
import { territoriesEn } from '../features/territories/messages-en';
import { territoriesFr } from '../features/territories/messages-fr';
import { eventsEn } from '../features/events/messages-en';
import { eventsFr } from '../features/events/messages-fr';
import { collectivesEn } from '../features/collectives/messages-en';
import { collectivesFr } from '../features/collectives/messages-fr';
import { liveEn } from '../features/live/messages-en';
import { liveFr } from '../features/live/messages-fr';
import { codevEn } from '../features/live/codev-messages-en';
import { codevFr } from '../features/live/codev-messages-fr';
import { livePaperEn } from '../features/live/paper-messages-en';
import { livePaperFr } from '../features/live/paper-messages-fr';
import { ecosystemEn } from '../features/ecosystem/messages-en';
import { ecosystemFr } from '../features/ecosystem/messages-fr';
import { pathwaysEn } from '../features/pathways/messages-en';
import { pathwaysFr } from '../features/pathways/messages-fr';
import { evaluationEn } from '../features/evaluation/messages-en';
import { evaluationFr } from '../features/evaluation/messages-fr';
import { callsEn } from '../features/calls/messages-en';
import { callsFr } from '../features/calls/messages-fr';
import type { Catalogues } from '../shared/i18n';

/**
 * The catalogues: each feature keeps its messages in `features/<capability>/messages-{fr,en}.ts`;
 * they meet here. French is the reference; `messages.test.ts` checks both hold the same keys
 * and that every `t('…')` used in the sources exists.
 */
export const catalogues: Catalogues = {
  fr: {
    ...shellFr,
    ...accountsFr,
    ...territoriesFr,
    ...eventsFr,
    ...liveFr,
    ...livePaperFr,
    ...codevFr,
    ...ecosystemFr,
    ...collectivesFr,
    ...pathwaysFr,
    ...evaluationFr,
    ...callsFr,
  },
  en: {
    ...shellEn,
    ...accountsEn,
    ...territoriesEn,
    ...eventsEn,
    ...liveEn,
    ...livePaperEn,
    ...codevEn,
    ...ecosystemEn,
    ...collectivesEn,
    ...pathwaysEn,
    ...evaluationEn,
    ...callsEn,
  },
};
