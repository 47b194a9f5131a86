import type { SessionView } from '@maillage/core';
import { accountsRepo } from '@maillage/db';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppDeps } from '../deps';
import { csrfTokenFor } from '../http/session';

/** The session as the web app sees it (also answered after login, setup and accepting an invitation). */
export async function sessionViewOf(deps: AppDeps, request: FastifyRequest, reply: FastifyReply): Promise<SessionView> {
  const session = request.session;
  // Only an instance without any account is set up (a venue laptop holds facilitators, no administrator).
  const setupRequired = session ? false : (await accountsRepo(deps.store.db).countUsers()) === 0;
  return {
    authenticated: Boolean(session),
    setupRequired,
    csrfToken: csrfTokenFor(request, reply),
    user: session
      ? {
          id: session.user.id,
          email: session.user.email,
          displayName: session.user.displayName,
          isAdmin: session.user.isAdmin,
          locale: session.user.locale,
          roles: session.grants.map((g) => ({ role: g.role, territoryId: g.territoryId, title: g.title })),
        }
      : null,
  };
}
