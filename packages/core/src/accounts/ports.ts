import type { Role } from './actor';

export interface UserRecord {
  readonly id: string;
  readonly email: string;
  readonly displayName: string;
  readonly passwordHash: string;
  readonly isAdmin: boolean;
  readonly locale: 'fr' | 'en';
  readonly disabledAt: Date | null;
}

export interface GrantRecord {
  readonly role: Role;
  readonly territoryId: string;
  readonly title: string | null;
  /** The territory and all its descendants. */
  readonly scope: readonly string[];
}

export interface SessionRecord {
  readonly user: UserRecord;
  readonly grants: readonly GrantRecord[];
  readonly csrfToken: string;
  readonly expiresAt: Date;
}

/** Persistence the accounts use cases need. Implemented in @maillage/db. */
export interface AccountsRepo {
  countAdmins(): Promise<number>;
  findUserByEmail(email: string): Promise<UserRecord | undefined>;
  findUserById(id: string): Promise<UserRecord | undefined>;
  createUser(user: { email: string; displayName: string; passwordHash: string; isAdmin: boolean }): Promise<UserRecord>;
  createSession(session: { idHash: string; userId: string; csrfToken: string; expiresAt: Date }): Promise<void>;
  findSession(idHash: string, now: Date): Promise<SessionRecord | undefined>;
  deleteSession(idHash: string): Promise<void>;
  audit(entry: {
    actorUserId: string | null;
    action: string;
    entityType: string;
    entityId: string | null;
    details?: Record<string, unknown>;
  }): Promise<void>;
}

/** Password hashing (argon2id), kept outside the pure core. */
export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(hash: string, password: string): Promise<boolean>;
}

/** Random tokens and their digests. */
export interface Tokens {
  /** A new random token, URL-safe, with at least 128 bits of entropy. */
  random(): string;
  /** The digest stored in place of a token. */
  digest(token: string): string;
}
