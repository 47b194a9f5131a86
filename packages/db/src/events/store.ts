import type { EventsRepo } from '@maillage/core';
import type { Kysely } from 'kysely';
import type { DB } from '../schema';
import { ecosystemLinksRepo } from './ecosystem';
import { eventRecordsRepo } from './event-records';
import { programmeRepo } from './programme';
import { registrationsRepo } from './registrations';

/** The events repository on PostgreSQL or PGlite, one part per concern. */
export function eventsRepo(db: Kysely<DB>): EventsRepo {
  return { ...eventRecordsRepo(db), ...programmeRepo(db), ...registrationsRepo(db), ...ecosystemLinksRepo(db) };
}
