import { describe, expect, it } from 'vitest';
import type { Actor } from '../accounts/index';
import { can } from '../policy';

const user = (userId: string, grants: { role: 'coordinator' | 'member' | 'facilitator' | 'reviewer'; scope: string[] }[] = []): Actor => ({
  kind: 'user',
  userId,
  isAdmin: false,
  grants: grants.map((g) => ({ role: g.role, territoryId: g.scope[0] as string, scope: new Set(g.scope) })),
});

describe('ecosystem visibility rules', () => {
  const ctx = { territoryIds: ['commune'], memberUserIds: ['u-member'] };
  it('shows a relation’s levels to coordinators of its territory and members of its organisations only', () => {
    expect(can(user('c', [{ role: 'coordinator', scope: ['epci', 'commune'] }]), 'relation.read', ctx)).toBe(true);
    expect(can(user('u-member'), 'relation.read', ctx)).toBe(true);
    expect(can(user('m', [{ role: 'member', scope: ['epci', 'commune'] }]), 'relation.read', ctx)).toBe(false);
    expect(can(user('o', [{ role: 'coordinator', scope: ['other'] }]), 'relation.read', ctx)).toBe(false);
    expect(can({ kind: 'anonymous' }, 'relation.read', ctx)).toBe(false);
  });
  it('shows contact details to coordinators of the territory and to the person', () => {
    const person = { territoryIds: ['commune'], ownerUserId: 'u-self' };
    expect(can(user('u-self'), 'person.contact.read', person)).toBe(true);
    expect(can(user('c', [{ role: 'coordinator', scope: ['commune'] }]), 'person.contact.read', person)).toBe(true);
    expect(can(user('f', [{ role: 'facilitator', scope: ['commune'] }]), 'person.contact.read', person)).toBe(false);
    expect(can(user('x'), 'person.contact.read', { territoryIds: ['commune'] })).toBe(false);
  });
  it('lets a coordinator of her territory erase a person without an account; a person with one, herself or an administrator', () => {
    const coordinator = user('c', [{ role: 'coordinator', scope: ['epci', 'commune'] }]);
    const admin: Actor = { kind: 'user', userId: 'a', isAdmin: true, grants: [] };
    const noAccount = { territoryIds: ['commune'] };
    const withAccount = { territoryIds: ['commune'], ownerUserId: 'u-self' };
    expect(can(coordinator, 'person.erase', noAccount)).toBe(true);
    expect(can(coordinator, 'person.erase', withAccount)).toBe(false);
    expect(can(user('u-self'), 'person.erase', withAccount)).toBe(true);
    expect(can(admin, 'person.erase', withAccount)).toBe(true);
    expect(can(admin, 'person.erase', noAccount)).toBe(true);
    expect(can(user('o', [{ role: 'coordinator', scope: ['other'] }]), 'person.erase', noAccount)).toBe(false);
    expect(can(user('f', [{ role: 'facilitator', scope: ['commune'] }]), 'person.erase', noAccount)).toBe(false);
    expect(can(user('m', [{ role: 'member', scope: ['commune'] }]), 'person.erase', noAccount)).toBe(false);
    expect(can({ kind: 'anonymous' }, 'person.erase', noAccount)).toBe(false);
    // Exporting stays with the person and administrators.
    expect(can(coordinator, 'person.self', noAccount)).toBe(false);
  });
  it('lets a member edit her own organisation and coordinators any; other members of the territory propose', () => {
    const org = { territoryIds: ['commune'], memberUserIds: ['u-own'] };
    const coordinator = user('c', [{ role: 'coordinator', scope: ['epci', 'commune'] }]);
    const member = user('m', [{ role: 'member', scope: ['epci', 'commune'] }]);
    const own = user('u-own', [{ role: 'member', scope: ['commune'] }]);
    const outsider = user('o', [{ role: 'coordinator', scope: ['other'] }]);
    expect(can(own, 'organisation.edit', org)).toBe(true);
    expect(can(user('u-own'), 'organisation.edit', org)).toBe(true);
    expect(can(coordinator, 'organisation.edit', org)).toBe(true);
    expect(can(member, 'organisation.edit', org)).toBe(false);
    expect(can(user('f', [{ role: 'facilitator', scope: ['commune'] }]), 'organisation.edit', org)).toBe(false);
    expect(can(outsider, 'organisation.edit', org)).toBe(false);
    expect(can(member, 'organisation.propose', org)).toBe(true);
    expect(can(outsider, 'organisation.propose', org)).toBe(false);
    expect(can({ kind: 'anonymous' }, 'organisation.propose', org)).toBe(false);
    // Who decides on a proposal: a coordinator of the territory or a member of the organisation.
    expect(can(coordinator, 'organisation.decide', org)).toBe(true);
    expect(can(own, 'organisation.decide', org)).toBe(true);
    expect(can(member, 'organisation.decide', org)).toBe(false);
    expect(can(outsider, 'organisation.decide', org)).toBe(false);
  });
});
