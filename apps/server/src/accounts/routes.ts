import { accountsRepo } from '@maillage/db';
import { login, loginBody, type SessionView, sessionView, setupBody, setupFirstAdmin } from '@maillage/core';
import { z } from 'zod';
import type { AppDeps } from '../deps';
import { Problem } from '../http/problem';
import { defineRoute } from '../http/route';
import { clearSessionCookies, csrfTokenFor, setSessionCookies, tokens, SESSION_COOKIE } from '../http/session';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { loginDeps } from './deps';

async function view(deps: AppDeps, request: FastifyRequest, reply: FastifyReply): Promise<SessionView> {
  const session = request.session;
  const setupRequired = session ? false : (await accountsRepo(deps.store.db).countAdmins()) === 0;
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

const getSession = defineRoute({
  method: 'GET',
  url: '/api/session',
  summary: 'Session en cours (et jeton CSRF)',
  tags: ['comptes'],
  action: 'session.read',
  response: sessionView,
  handler: async (_input, { deps, request, reply }) => view(deps, request, reply),
});

const postSession = defineRoute({
  method: 'POST',
  url: '/api/session',
  summary: 'Se connecter',
  tags: ['comptes'],
  action: 'session.create',
  body: loginBody,
  response: sessionView,
  status: 200,
  async handler({ body }, { deps, request, reply }) {
    const result = await login(loginDeps(deps), body);
    if (!result.ok) throw new Problem(result.error);
    const s = result.value;
    setSessionCookies(request, reply, s.token, s.csrfToken, s.expiresAt, deps.now());
    request.session = await accountsRepo(deps.store.db).findSession(tokens.digest(s.token), deps.now());
    return view(deps, request, reply);
  },
});

const deleteSession = defineRoute({
  method: 'DELETE',
  url: '/api/session',
  summary: 'Se déconnecter',
  tags: ['comptes'],
  action: 'session.read',
  response: z.object({ ok: z.literal(true) }),
  async handler(_input, { deps, request, reply }) {
    const token = request.cookies[SESSION_COOKIE];
    if (token) await accountsRepo(deps.store.db).deleteSession(tokens.digest(token));
    if (request.session) {
      await accountsRepo(deps.store.db).audit({
        actorUserId: request.session.user.id,
        action: 'session.logout',
        entityType: 'user',
        entityId: request.session.user.id,
      });
    }
    clearSessionCookies(request, reply);
    return { ok: true as const };
  },
});

const postSetup = defineRoute({
  method: 'POST',
  url: '/api/setup',
  summary: 'Premier lancement : créer l’administrateur',
  tags: ['comptes'],
  action: 'session.create',
  body: setupBody,
  response: sessionView,
  async handler({ body }, { deps, request, reply }) {
    const result = await setupFirstAdmin(loginDeps(deps), body);
    if (!result.ok) throw new Problem(result.error);
    const s = result.value;
    setSessionCookies(request, reply, s.token, s.csrfToken, s.expiresAt, deps.now());
    request.session = await accountsRepo(deps.store.db).findSession(tokens.digest(s.token), deps.now());
    return view(deps, request, reply);
  },
});

export const accountsRoutes = [getSession, postSession, deleteSession, postSetup];
