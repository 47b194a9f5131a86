import { accountsFr } from '../features/accounts/messages-fr';
import { shellFr } from '../features/shell/messages-fr';
import { homeFr } from '../features/home/messages-fr';
import { territoriesFr } from '../features/territories/messages-fr';
import { eventsFr } from '../features/events/messages-fr';
import { collectivesFr } from '../features/collectives/messages-fr';
import { liveFr } from '../features/live/messages-fr';
import { liveRoomsFr } from '../features/live/rooms-messages-fr';
import { codevFr } from '../features/live/codev-messages-fr';
import { livePaperFr } from '../features/live/paper-messages-fr';
import { ecosystemFr } from '../features/ecosystem/messages-fr';
import { pathwaysFr } from '../features/pathways/messages-fr';
import { evaluationFr } from '../features/evaluation/messages-fr';
import { quizFr } from '../features/evaluation/quiz-messages-fr';
import { questionnaireFr } from '../features/evaluation/questionnaire-messages-fr';
import { evaluationPagesFr } from '../features/evaluation/messages-pages-fr';
import { callsFr } from '../features/calls/messages-fr';

/** The French catalogue, the reference: every page's words, in the entry chunk. */
export const frenchCatalogue: Readonly<Record<string, string>> = {
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
};
