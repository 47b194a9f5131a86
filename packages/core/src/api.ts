import type { CollectivesApi } from './collectives/index';
import type { CodevApi } from './live/index';

/**
 * Every endpoint of the API by its key (`METHOD /path`): the web client's types. A capability's
 * endpoints (`<capability>/api.ts`) join here; the server builds its routes from the same
 * declarations and `apps/server/src/http/contract.test.ts` checks that every route has one.
 */
export type ApiEndpoints = CollectivesApi & CodevApi;
