import { randomBytes } from 'node:crypto';
import { accountsRepo, outboxRepo } from '@maillage/db';
import type { AuthzFixtures, AuthzWorld } from '../http/authz-fixtures';
import { tokens } from '../http/session';

function unique(prefix: string): string {
  return `${prefix}-${randomBytes(5).toString('hex')}@exemple.fr`;
}

/** A user who exists only to be acted upon (never logs in). */
async function freshUser(world: AuthzWorld) {
  return accountsRepo(world.store.db).createUser({
    email: unique('cible'),
    displayName: 'Dominique Cible',
    passwordHash: 'inutilisable',
    isAdmin: false,
  });
}

/** A pending invitation on the world's quartier, with its secret token. */
async function freshInvitation(world: AuthzWorld) {
  const token = tokens.random();
  const invitation = await accountsRepo(world.store.db).createInvitation({
    tokenHash: tokens.digest(token),
    email: unique('invite'),
    role: 'member',
    territoryId: world.quartierId,
    title: null,
    invitedBy: world.users.admin.id,
    expiresAt: new Date(Date.now() + 86_400_000),
  });
  return { token, invitation };
}

/** Authorization-matrix fixtures of the accounts and system routes. */
export const accountsAuthz: AuthzFixtures = {
  'GET /api/health': async () => ({}),
  'GET /api/health/live': async () => ({}),
  'GET /api/session': async () => ({}),
  'GET /api/me/today': async () => ({}),
  'POST /api/session': async (world) => ({ body: { email: world.users.member.email, password: world.password } }),
  'DELETE /api/session': async () => ({}),
  // Answers 409 (already set up) to everyone: open to all, guarded by the use case.
  'POST /api/setup': async () => ({ body: { email: unique('setup'), password: 'un mot de passe solide', displayName: 'Sacha Setup' } }),
  'GET /api/account': async () => ({}),
  // A wrong current password: allowed callers get 400, and nobody's password changes.
  'POST /api/account/password': async () => ({
    body: { currentPassword: 'pas le bon mot de passe', newPassword: 'un nouveau mot de passe' },
  }),
  'POST /api/invitations': async (world) => ({ body: { email: unique('nouveau'), role: 'member', territoryId: world.quartierId } }),
  'GET /api/invitations': async (world) => ({ query: { territoryId: world.territoryId } }),
  'GET /api/invitations/territories': async () => ({ query: { q: 'test' } }),
  'DELETE /api/invitations/:id': async (world) => ({ params: { id: (await freshInvitation(world)).invitation.id } }),
  'GET /api/invitations/token/:token': async (world) => ({ params: { token: (await freshInvitation(world)).token } }),
  'POST /api/invitations/token/:token/accept': async (world) => ({
    params: { token: (await freshInvitation(world)).token },
    body: { displayName: 'Alex Invité', password: 'un mot de passe solide' },
  }),
  'GET /api/users': async () => ({}),
  'PATCH /api/users/:id': async (world) => ({ params: { id: (await freshUser(world)).id }, body: { disabled: true } }),
  'POST /api/users/:id/roles': async (world) => ({
    params: { id: (await freshUser(world)).id },
    body: { role: 'facilitator', territoryId: world.communeId },
  }),
  'DELETE /api/users/:id/roles/:assignmentId': async (world) => {
    const user = await freshUser(world);
    const assignment = await accountsRepo(world.store.db).grantRole({
      userId: user.id,
      role: 'member',
      territoryId: world.communeId,
      title: null,
      createdBy: null,
    });
    return { params: { id: user.id, assignmentId: assignment.id } };
  },
  'GET /api/audit': async (world) => ({ query: { territoryId: world.territoryId } }),
  'GET /api/admin/outbox': async () => ({}),
  'POST /api/admin/outbox/:id/retry': async (world) => ({
    params: {
      id: String(await outboxRepo(world.store.db).enqueue({ to: 'matrice@exemple.fr', subject: 'Matrice', text: 'Bonjour' }, new Date())),
    },
  }),
};
