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
  /** Accounts of any kind, disabled ones included (a venue laptop holds facilitators but no administrator). */
  countUsers(): Promise<number>;
  findUserByEmail(email: string): Promise<UserRecord | undefined>;
  findUserById(id: string): Promise<UserRecord | undefined>;
  createUser(user: { email: string; displayName: string; passwordHash: string; isAdmin: boolean }): Promise<UserRecord>;
  createSession(session: { idHash: string; userId: string; csrfToken: string; expiresAt: Date }): Promise<void>;
  findSession(idHash: string, now: Date): Promise<SessionRecord | undefined>;
  deleteSession(idHash: string): Promise<void>;
  audit(entry: AuditEntryInput): Promise<void>;

  /** Runs `fn` in one transaction: everything it writes through `tx` is kept, or nothing. */
  transaction<T>(fn: (tx: AccountsRepo) => Promise<T>): Promise<T>;

  // Passwords, sessions, users administration.
  updatePassword(userId: string, passwordHash: string): Promise<void>;
  /** Ends every session of a user, except the one whose digest is `keepIdHash`. */
  deleteSessionsOfUser(userId: string, keepIdHash?: string): Promise<number>;
  setDisabled(userId: string, disabledAt: Date | null): Promise<void>;
  listUsers(filter: { q?: string | undefined; limit: number }): Promise<UserSummary[]>;

  // Roles on territories.
  findTerritory(id: string): Promise<TerritoryRef | undefined>;
  /** Territories whose id is in `within` (null: all), matching `q` (accent-insensitive). */
  searchTerritories(filter: { q?: string | undefined; within: readonly string[] | null; limit: number }): Promise<TerritoryRef[]>;
  /** The territory and every territory below it. */
  territoryScope(territoryId: string): Promise<string[]>;
  grantRole(grant: {
    userId: string;
    role: Role;
    territoryId: string;
    title: string | null;
    createdBy: string | null;
  }): Promise<RoleAssignment>;
  /** A user's roles, with the territories' names. */
  rolesOfUser(userId: string): Promise<RoleAssignment[]>;
  findRoleAssignment(id: string): Promise<RoleAssignment | undefined>;
  deleteRoleAssignment(id: string): Promise<void>;

  // Invitations.
  createInvitation(invitation: {
    tokenHash: string;
    email: string;
    role: Role;
    territoryId: string;
    title: string | null;
    invitedBy: string | null;
    expiresAt: Date;
  }): Promise<InvitationRecord>;
  findInvitationById(id: string): Promise<InvitationRecord | undefined>;
  findInvitationByTokenHash(tokenHash: string): Promise<InvitationRecord | undefined>;
  /** Invitations on the territories in `within` (null: all), newest first. */
  listInvitations(filter: { within: readonly string[] | null; limit: number }): Promise<InvitationRecord[]>;
  /**
   * Marks a pending invitation used, atomically: false if it was used, revoked or expired
   * meanwhile. In a transaction, it holds the invitation's row until commit, so a concurrent
   * acceptance waits, then finds it used.
   */
  claimInvitation(id: string, now: Date): Promise<boolean>;
  /** Records which account a claimed invitation created or upgraded. */
  setInvitationUser(id: string, userId: string): Promise<void>;
  /** Revokes a pending invitation: false if it was no longer pending. */
  revokeInvitation(id: string, byUserId: string, now: Date): Promise<boolean>;

  // Audit log.
  /** Entries about the territories in `within` (null: every entry), newest first, before the id `before`. */
  listAudit(filter: { within: readonly string[] | null; before?: number | undefined; limit: number }): Promise<AuditEntry[]>;
}

export interface AuditEntryInput {
  actorUserId: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  /** The territory the change is about, so that its coordinators can read the entry. */
  territoryId?: string | null;
  details?: Record<string, unknown>;
}

/**
 * The audit entry of a change, written in the change's own transaction (a change is never kept
 * without its entry): the entry, or how to make it from what the change returned. `null` only
 * where nobody acts (demo data, fixtures).
 */
export type AuditOf<T> = AuditEntryInput | ((result: T) => AuditEntryInput) | null;

export interface AuditEntry {
  readonly id: number;
  readonly at: Date;
  readonly actorUserId: string | null;
  readonly actorName: string | null;
  readonly action: string;
  readonly entityType: string;
  readonly entityId: string | null;
  readonly territoryId: string | null;
  readonly territoryName: string | null;
  readonly details: Record<string, unknown>;
}

export interface TerritoryRef {
  readonly id: string;
  readonly name: string;
  readonly kind: string;
}

export interface RoleAssignment {
  readonly id: string;
  readonly userId: string;
  readonly role: Role;
  readonly territoryId: string;
  readonly territoryName: string;
  readonly title: string | null;
}

export interface UserSummary {
  readonly id: string;
  readonly email: string;
  readonly displayName: string;
  readonly isAdmin: boolean;
  readonly disabledAt: Date | null;
  readonly createdAt: Date;
  readonly roles: readonly RoleAssignment[];
}

export interface InvitationRecord {
  readonly id: string;
  readonly email: string;
  readonly role: Role;
  readonly territoryId: string;
  readonly territoryName: string;
  readonly title: string | null;
  readonly invitedBy: string | null;
  readonly invitedByName: string | null;
  readonly createdAt: Date;
  readonly expiresAt: Date;
  readonly acceptedAt: Date | null;
  readonly revokedAt: Date | null;
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
