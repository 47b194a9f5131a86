import { accountsEndpoints as api, parisToday } from '@maillage/core';
import { todayOf } from '@maillage/db';
import { defineRoute } from '../http/route';

/**
 * `GET /api/me/today`: what is the signed-in person's today, for the home page. Everything is read
 * within their own roles' territories (and below), so nothing needs a reference check.
 */
export const getToday = defineRoute({
  ...api.getToday,
  summary: 'Mon aujourd’hui : salles ouvertes, journées à venir, mes collectifs, demandes en attente',
  tags: ['comptes'],
  action: 'account.self',
  async handler(_input, { deps, actor }) {
    if (actor.kind !== 'user') return { rooms: [], days: [], collectives: [], pendingRequests: [] };
    const scopeOf = (wanted: readonly string[]) => [
      ...new Set(actor.grants.filter((g) => wanted.includes(g.role)).flatMap((g) => [...g.scope])),
    ];
    return todayOf(deps.store.db, {
      userId: actor.userId,
      territoryIds: scopeOf(['coordinator', 'facilitator', 'member', 'reviewer']),
      facilitatedTerritoryIds: scopeOf(['coordinator', 'facilitator']),
      draftTerritoryIds: scopeOf(['coordinator']),
      today: parisToday(deps.now()),
    });
  },
});
