/** A role held on a territory. Administrators are not a role on a territory: see `Actor.isAdmin`. */
export type Role = 'coordinator' | 'facilitator' | 'member' | 'reviewer';
export const roles: readonly Role[] = ['coordinator', 'facilitator', 'member', 'reviewer'];

export interface RoleGrant {
  readonly role: Role;
  readonly territoryId: string;
  /** The territory and every territory below it (an EPCI's communes and quartiers). */
  readonly scope: ReadonlySet<string>;
  /** For coordinators: chargée de coopération, chef de projet contrat de ville, délégué du préfet… */
  readonly title?: string | null;
}

export type Actor =
  | { readonly kind: 'anonymous' }
  | {
      readonly kind: 'user';
      readonly userId: string;
      readonly isAdmin: boolean;
      readonly grants: readonly RoleGrant[];
    };

export const anonymous: Actor = { kind: 'anonymous' };

export function isUser(actor: Actor): actor is Extract<Actor, { kind: 'user' }> {
  return actor.kind === 'user';
}

export function isAdmin(actor: Actor): boolean {
  return actor.kind === 'user' && actor.isAdmin;
}

/** Whether the actor holds one of `wanted` on a territory whose scope covers `territoryId`. */
export function hasRoleOn(actor: Actor, wanted: readonly Role[], territoryId: string | undefined): boolean {
  if (actor.kind !== 'user' || territoryId === undefined) return false;
  return actor.grants.some((g) => wanted.includes(g.role) && g.scope.has(territoryId));
}

/** Whether the actor holds one of `wanted` anywhere. */
export function hasRole(actor: Actor, wanted: readonly Role[]): boolean {
  return actor.kind === 'user' && actor.grants.some((g) => wanted.includes(g.role));
}
