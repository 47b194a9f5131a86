import { accountsAuthz } from '../accounts/authz-fixtures';
import { callsAuthz } from '../calls/authz-fixtures';
import { applicationsAuthz } from '../calls/application-authz-fixtures';
import { changeAuthz } from '../change/authz-fixtures';
import { collectivesAuthz } from '../collectives/authz-fixtures';
import { ecosystemAuthz } from '../ecosystem/authz-fixtures';
import { evaluationAuthz } from '../evaluation/authz-fixtures';
import { eventsAuthz } from '../events/authz-fixtures';
import { venueAuthz } from '../events/venue-authz-fixtures';
import { territoriesAuthz } from '../territories/authz-fixtures';
import { activityAuthz } from '../live/activity-authz-fixtures';
import { codevAuthz } from '../live/codev-authz-fixtures';
import { liveAuthz } from '../live/authz-fixtures';
import { rosterAuthz } from '../live/roster-authz-fixtures';
import { paperAuthz } from '../live/paper-authz-fixtures';
import type { AuthzFixtures } from './authz-fixtures';

/**
 * The fixtures of every capability, for the authorization matrix (authorization.test.ts).
 * Each capability adds ONE line: its import above and its spread below.
 */
export const allAuthzFixtures: AuthzFixtures = {
  ...accountsAuthz,
  ...territoriesAuthz,
  ...liveAuthz,
  ...activityAuthz,
  ...rosterAuthz,
  ...paperAuthz,
  ...codevAuthz,
  ...eventsAuthz,
  ...venueAuthz,
  ...ecosystemAuthz,
  ...changeAuthz,
  ...collectivesAuthz,
  ...evaluationAuthz,
  ...callsAuthz,
  ...applicationsAuthz,
};
