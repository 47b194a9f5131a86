import { accountsEn } from '../features/accounts/messages-en';
import { accountsFr } from '../features/accounts/messages-fr';
import { shellEn } from '../features/shell/messages-en';
import { shellFr } from '../features/shell/messages-fr';
import { homeEn } from '../features/home/messages-en';
import { homeFr } from '../features/home/messages-fr';
import { territoriesEn } from '../features/territories/messages-en';
import { territoriesFr } from '../features/territories/messages-fr';
import { eventsEn } from '../features/events/messages-en';
import { eventsFr } from '../features/events/messages-fr';
import { collectivesEn } from '../features/collectives/messages-en';
import { collectivesFr } from '../features/collectives/messages-fr';
import { liveEn } from '../features/live/messages-en';
import { liveFr } from '../features/live/messages-fr';
import { liveRoomsEn } from '../features/live/rooms-messages-en';
import { liveRoomsFr } from '../features/live/rooms-messages-fr';
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
import { quizEn } from '../features/evaluation/quiz-messages-en';
import { quizFr } from '../features/evaluation/quiz-messages-fr';
import { questionnaireEn } from '../features/evaluation/questionnaire-messages-en';
import { questionnaireFr } from '../features/evaluation/questionnaire-messages-fr';
import { evaluationPagesEn } from '../features/evaluation/messages-pages-en';
import { evaluationPagesFr } from '../features/evaluation/messages-pages-fr';
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
    ...homeFr,
    ...accountsFr,
    ...territoriesFr,
    ...eventsFr,
    ...liveFr,
    ...liveRoomsFr,
    ...livePaperFr,
    ...codevFr,
    ...ecosystemFr,
    ...collectivesFr,
    ...pathwaysFr,
    ...evaluationFr,
    ...quizFr,
    ...questionnaireFr,
    ...evaluationPagesFr,
    ...callsFr,
  },
  en: {
    ...shellEn,
    ...homeEn,
    ...accountsEn,
    ...territoriesEn,
    ...eventsEn,
    ...liveEn,
    ...liveRoomsEn,
    ...livePaperEn,
    ...codevEn,
    ...ecosystemEn,
    ...collectivesEn,
    ...pathwaysEn,
    ...evaluationEn,
    ...quizEn,
    ...questionnaireEn,
    ...evaluationPagesEn,
    ...callsEn,
  },
};
