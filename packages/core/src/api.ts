import type { AccountsApi } from './accounts/index';
import type { CallsApi } from './calls/index';
import type { PathwaysApi } from './change/index';
import type { CollectivesApi } from './collectives/index';
import type { EcosystemApi } from './ecosystem/index';
import type { EvaluationApi } from './evaluation/index';
import type { EventsApi } from './events/index';
import type { CodevApi, LiveApi } from './live/index';
import type { SystemApi } from './system/index';
import type { TerritoriesApi } from './territories/index';
import type { VenueApi } from './venue/index';

/**
 * Every endpoint of the API by its key (`METHOD /path`): the web client's types. A capability's
 * endpoints (`<capability>/api.ts`) join here; the server builds its routes from the same
 * declarations and `apps/server/src/http/contract.test.ts` checks that every route has one.
 */
export type ApiEndpoints = SystemApi &
  AccountsApi &
  CollectivesApi &
  TerritoriesApi &
  EventsApi &
  VenueApi &
  LiveApi &
  EcosystemApi &
  PathwaysApi &
  CodevApi &
  EvaluationApi &
  CallsApi;
