import { fail, ok, type Result } from '../shared/result';
import type { AccountsRepo, PasswordHasher, Tokens, UserRecord } from './ports';

export interface LoginDeps {
  readonly repo: AccountsRepo;
  readonly hasher: PasswordHasher;
  readonly tokens: Tokens;
  readonly now: () => Date;
  readonly sessionDays: number;
}

export interface NewSession {
  readonly token: string;
  readonly csrfToken: string;
  readonly expiresAt: Date;
  readonly user: UserRecord;
}

/** Opens a session for a user already authenticated (login, first-run, accepted invitation). */
export async function openSession(deps: LoginDeps, user: UserRecord): Promise<NewSession> {
  const token = deps.tokens.random();
  const csrfToken = deps.tokens.random();
  const expiresAt = new Date(deps.now().getTime() + deps.sessionDays * 86_400_000);
  await deps.repo.createSession({ idHash: deps.tokens.digest(token), userId: user.id, csrfToken, expiresAt });
  return { token, csrfToken, expiresAt, user };
}

/** Checks an e-mail and password and opens a session. */
export async function login(
  deps: LoginDeps,
  input: { email: string; password: string },
): Promise<Result<NewSession, 'invalid_credentials'>> {
  const user = await deps.repo.findUserByEmail(input.email);
  if (!user) {
    // Spend the same time as a real check, so that timing does not reveal which accounts exist.
    await deps.hasher.hash(input.password);
    return fail('invalid_credentials');
  }
  const valid = await deps.hasher.verify(user.passwordHash, input.password).catch(() => false);
  if (!valid || user.disabledAt) return fail('invalid_credentials');
  const session = await deps.repo.transaction(async (repo) => {
    const opened = await openSession({ ...deps, repo }, user);
    await repo.audit({ actorUserId: user.id, action: 'session.login', entityType: 'user', entityId: user.id });
    return opened;
  });
  return ok(session);
}

/**
 * Creates the first administrator of an empty instance, then logs them in. An instance that
 * already holds accounts is not empty, even without an administrator: a day opened on a laptop
 * (`maillage venue serve`) holds its facilitators only, and no phone of the hotspot may make
 * itself administrator there.
 */
export async function setupFirstAdmin(
  deps: LoginDeps,
  input: { email: string; password: string; displayName: string },
): Promise<Result<NewSession, 'already_set_up'>> {
  if ((await deps.repo.countAdmins()) > 0 || (await deps.repo.countUsers()) > 0) return fail('already_set_up');
  const passwordHash = await deps.hasher.hash(input.password);
  const user = await deps.repo.transaction(async (repo) => {
    const created = await repo.createUser({ email: input.email, displayName: input.displayName, passwordHash, isAdmin: true });
    await repo.audit({ actorUserId: created.id, action: 'setup.first_admin', entityType: 'user', entityId: created.id });
    return created;
  });
  return ok(await openSession(deps, user));
}
