import { accountsEndpoints as api } from '@maillage/core';
import { changePassword, login, setupFirstAdmin } from '@maillage/core';
import { accountsRepo, personIdOfUser } from '@maillage/db';
import type { FastifyReply } from 'fastify';
import type { AppDeps } from '../deps';
import { Problem } from '../http/problem';
import type { RouteSpec } from '../http/route';
import { retryAfterSeconds } from '../http/rate-limit';
import { defineRoute } from '../http/route';
import { clearSessionCookies, SESSION_COOKIE, setSessionCookies, tokens } from '../http/session';
import { argon2Hasher, failureLimiter, loginDeps } from './deps';
import { adminRoutes } from './admin-routes';
import { invitationRoutes } from './invitation-routes';
import { sessionViewOf } from './session-view';
import { getToday } from './today-route';

/** Refuses with 429 and Retry-After while `address` must wait before trying `account` again. */
async function throttle(deps: AppDeps, reply: FastifyReply, address: string, account: string): Promise<void> {
  const wait = await failureLimiter(deps).retryAfterMs(address, account);
  if (wait > 0) {
    const seconds = retryAfterSeconds(wait);
    reply.header('retry-after', String(seconds));
    throw new Problem('rate_limited', { retryAfter: seconds });
  }
}

const getSession = defineRoute({
  ...api.getSession,
  summary: 'Session en cours (et jeton CSRF)',
  tags: ['comptes'],
  action: 'session.read',
  handler: async (_input, { deps, request, reply }) => sessionViewOf(deps, request, reply),
});

const postSession = defineRoute({
  ...api.postSession,
  summary: 'Se connecter (après 5 échecs pour une adresse IP et un e-mail, délai croissant : 429 avec Retry-After)',
  tags: ['comptes'],
  action: 'session.create',
  async handler({ body }, { deps, request, reply }) {
    const account = `email:${body.email.toLowerCase()}`;
    await throttle(deps, reply, request.ip, account);
    const result = await login(loginDeps(deps), body);
    if (!result.ok) {
      await failureLimiter(deps).fail(request.ip, account);
      throw new Problem(result.error);
    }
    await failureLimiter(deps).succeeded(request.ip, account);
    const s = result.value;
    setSessionCookies(request, reply, s.token, s.csrfToken, s.expiresAt, deps.now());
    request.session = await accountsRepo(deps.store.db).findSession(tokens.digest(s.token), deps.now());
    return sessionViewOf(deps, request, reply);
  },
});

const deleteSession = defineRoute({
  ...api.deleteSession,
  summary: 'Se déconnecter',
  tags: ['comptes'],
  action: 'session.read',
  async handler(_input, { deps, request, reply }) {
    const token = request.cookies[SESSION_COOKIE];
    const session = request.session;
    if (token || session) {
      await accountsRepo(deps.store.db).transaction(async (repo) => {
        if (token) await repo.deleteSession(tokens.digest(token));
        if (session) {
          await repo.audit({ actorUserId: session.user.id, action: 'session.logout', entityType: 'user', entityId: session.user.id });
        }
      });
    }
    clearSessionCookies(request, reply);
    return { ok: true as const };
  },
});

const postSetup = defineRoute({
  ...api.postSetup,
  summary: 'Premier lancement : créer l’administrateur',
  tags: ['comptes'],
  action: 'session.create',
  async handler({ body }, { deps, request, reply }) {
    const result = await setupFirstAdmin(loginDeps(deps), body);
    if (!result.ok) throw new Problem(result.error);
    const s = result.value;
    setSessionCookies(request, reply, s.token, s.csrfToken, s.expiresAt, deps.now());
    request.session = await accountsRepo(deps.store.db).findSession(tokens.digest(s.token), deps.now());
    return sessionViewOf(deps, request, reply);
  },
});

const getAccount = defineRoute({
  ...api.getAccount,
  summary: 'Mon compte : identité et rôles (avec le nom des territoires)',
  tags: ['comptes'],
  action: 'account.self',
  async handler(_input, { deps, request }) {
    const session = request.session!;
    const roles = (await accountsRepo(deps.store.db).rolesOfUser(session.user.id)).map((r) => ({
      id: r.id,
      role: r.role,
      territoryId: r.territoryId,
      territoryName: r.territoryName,
      title: r.title,
    }));
    const personId = await personIdOfUser(deps.store.db, session.user.id);
    return {
      id: session.user.id,
      email: session.user.email,
      displayName: session.user.displayName,
      isAdmin: session.user.isAdmin,
      roles,
      personId,
    };
  },
});

const postPassword = defineRoute({
  ...api.postPassword,
  summary: 'Changer son mot de passe (met fin à ses autres sessions)',
  tags: ['comptes'],
  action: 'account.self',
  async handler({ body }, { deps, request, reply }) {
    const userId = request.session!.user.id;
    const account = `password:${userId}`;
    await throttle(deps, reply, request.ip, account);
    const token = request.cookies[SESSION_COOKIE];
    const result = await changePassword(
      { repo: accountsRepo(deps.store.db), hasher: argon2Hasher },
      {
        userId,
        currentPassword: body.currentPassword,
        newPassword: body.newPassword,
        keepSessionIdHash: token ? tokens.digest(token) : undefined,
      },
    );
    if (!result.ok) {
      if (result.error === 'wrong_password') await failureLimiter(deps).fail(request.ip, account);
      throw new Problem(result.error);
    }
    return result.value;
  },
});

/** Routes of the accounts capability. */
export const accountsRoutes: RouteSpec[] = [
  getSession,
  postSession,
  deleteSession,
  postSetup,
  getAccount,
  getToday,
  postPassword,
  ...invitationRoutes,
  ...adminRoutes,
];
