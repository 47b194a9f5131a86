import { fail, ok, type Result } from '../shared/result';
import type { AccountsRepo, PasswordHasher } from './ports';

export interface PasswordDeps {
  readonly repo: AccountsRepo;
  readonly hasher: PasswordHasher;
}

/**
 * Changes one's password after checking the current one, and ends the user's other sessions
 * (a password change is what one does after a suspected leak).
 */
export async function changePassword(
  deps: PasswordDeps,
  input: { userId: string; currentPassword: string; newPassword: string; keepSessionIdHash?: string | undefined },
): Promise<Result<{ otherSessionsEnded: number }, 'wrong_password' | 'user_not_found'>> {
  const user = await deps.repo.findUserById(input.userId);
  if (!user) return fail('user_not_found');
  const valid = await deps.hasher.verify(user.passwordHash, input.currentPassword).catch(() => false);
  if (!valid) return fail('wrong_password');
  const passwordHash = await deps.hasher.hash(input.newPassword);
  const ended = await deps.repo.transaction(async (tx) => {
    await tx.updatePassword(user.id, passwordHash);
    const n = await tx.deleteSessionsOfUser(user.id, input.keepSessionIdHash);
    await tx.audit({
      actorUserId: user.id,
      action: 'account.password_change',
      entityType: 'user',
      entityId: user.id,
      details: { otherSessionsEnded: n },
    });
    return n;
  });
  return ok({ otherSessionsEnded: ended });
}
