import type { Store } from '@maillage/db';

/** The callers the authorization matrix tries on every route. */
export type RoleKey = 'anonymous' | 'admin' | 'coordinator' | 'facilitator' | 'member' | 'reviewer' | 'outsider';

/**
 * A small world the matrix runs in: an EPCI with a commune and a quartier, and a user per role.
 * `coordinator`, `facilitator`, `member` and `reviewer` hold their role on `territoryId` (the EPCI,
 * so its scope covers `communeId` and `quartierId`); `outsider` is a coordinator of
 * `otherTerritoryId` (with `otherCommuneId` and `otherQuartierId` below it) only. Passwords are
 * all `world.password`.
 */
export interface AuthzWorld {
  readonly store: Store;
  readonly territoryId: string;
  readonly communeId: string;
  readonly quartierId: string;
  readonly otherTerritoryId: string;
  readonly otherCommuneId: string;
  readonly otherQuartierId: string;
  readonly users: Readonly<Record<Exclude<RoleKey, 'anonymous'>, { id: string; email: string }>>;
  readonly password: string;
}

/** One request to try: path parameters, query and body, made fresh for each caller. */
export interface AuthzCase {
  readonly params?: Record<string, string>;
  readonly query?: Record<string, string>;
  readonly body?: unknown;
}

export type AuthzFixture = (world: AuthzWorld) => Promise<AuthzCase>;

/** Keyed by `'METHOD /url'` exactly as the route declares it, e.g. `'GET /api/territories/:id'`. */
export type AuthzFixtures = Readonly<Record<string, AuthzFixture>>;
