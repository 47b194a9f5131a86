import { describe, expect, it } from 'vitest';
import { holds, territoriesFor } from './roles';

const user = (isAdmin: boolean, ...roles: ['coordinator' | 'facilitator' | 'member' | 'reviewer', string][]) => ({
  id: 'u',
  email: 'u@exemple.fr',
  displayName: 'U',
  isAdmin,
  locale: 'fr' as const,
  roles: roles.map(([role, territoryId]) => ({ role, territoryId, title: null })),
});

describe('holds', () => {
  it('gives a member neither facilitation nor coordination nor administration', () => {
    const member = user(false, ['member', 't1']);
    expect(holds(member, 'user')).toBe(true);
    expect(holds(member, 'facilitator')).toBe(false);
    expect(holds(member, 'coordinator')).toBe(false);
    expect(holds(member, 'admin')).toBe(false);
  });
  it('lets a coordinator facilitate, and an administrator do everything', () => {
    expect(holds(user(false, ['coordinator', 't1']), 'facilitator')).toBe(true);
    expect(holds(user(false, ['facilitator', 't1']), 'coordinator')).toBe(false);
    expect(holds(user(true), 'coordinator')).toBe(true);
    expect(holds(null, 'user')).toBe(false);
  });
  it('lists the territories one facilitates, each once', () => {
    expect(territoriesFor(user(false, ['facilitator', 't1'], ['coordinator', 't1'], ['member', 't2']), 'facilitator')).toEqual(['t1']);
  });
});
