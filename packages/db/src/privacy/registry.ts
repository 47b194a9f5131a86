import { accountsPersonalData } from '../accounts/personal-data';
import { callsPersonalData } from '../calls/personal-data';
import { applicationsPersonalData } from '../calls/applications-personal-data';
import { changePersonalData } from '../change/personal-data';
import { codevPersonalData } from '../collectives/codev-personal-data';
import { collectivesPersonalData } from '../collectives/personal-data';
import { ecosystemPersonalData } from '../ecosystem/personal-data';
import { evaluationPersonalData } from '../evaluation/personal-data';
import { eventsPersonalData } from '../events/personal-data';
import { livePersonalData } from '../live/personal-data';
import { outboxPersonalData } from '../shared/outbox-personal-data';
import { rateLimitsPersonalData } from '../shared/rate-limits-personal-data';
import { venuePersonalData } from '../venue/personal-data';
import type { PersonalDataDeclaration } from './declaration';

/**
 * Every capability's declaration of what it holds about a person, in the order they find her rows:
 * the ecosystem's person first (her e-mail), then what hangs on it (registrations, then the live
 * participants of those registrations, then the collectives of those participants), the accounts
 * and audit log last (they scrub every name and e-mail the others met). A new capability that
 * stores anything about a person adds its declaration here; `registry.test.ts` fails until it does.
 */
export const personalDataRegistry: readonly PersonalDataDeclaration[] = [
  ecosystemPersonalData,
  eventsPersonalData,
  venuePersonalData,
  livePersonalData,
  collectivesPersonalData,
  changePersonalData,
  codevPersonalData,
  outboxPersonalData,
  rateLimitsPersonalData,
  evaluationPersonalData,
  callsPersonalData,
  applicationsPersonalData,
  accountsPersonalData,
];
