import type { SessionView } from '@maillage/core';

/** What a signed-in person may be asked to do, as the web reads it from the session's roles. */
export type Need = 'user' | 'admin' | 'coordinator' | 'facilitator';

type User = NonNullable<SessionView['user']>;

/**
 * Whether the session's person holds what a page needs: administrators hold everything; a
 * coordinator also facilitates. The server decides on every request; this only spares people
 * tabs, forms and pages they cannot use.
 */
export function holds(user: User | null | undefined, need: Need): boolean {
  if (!user) return false;
  if (need === 'user' || user.isAdmin) return true;
  if (need === 'admin') return false;
  const wanted = need === 'coordinator' ? ['coordinator'] : ['coordinator', 'facilitator'];
  return user.roles.some((r) => wanted.includes(r.role));
}

/** The territories where the person holds one of what `need` asks (each once). */
export function territoriesFor(user: User | null | undefined, need: Exclude<Need, 'user' | 'admin'>): string[] {
  if (!user) return [];
  const wanted = need === 'coordinator' ? ['coordinator'] : ['coordinator', 'facilitator'];
  return [...new Set(user.roles.filter((r) => wanted.includes(r.role)).map((r) => r.territoryId))];
}
