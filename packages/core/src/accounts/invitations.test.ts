import { describe, expect, it } from 'vitest';
import { can } from '../policy';
import type { Actor } from './actor';
import { coordinatedScope, invitationStatus } from './invitations';
import type { InvitationRecord } from './ports';

const base: InvitationRecord = {
  id: 'i',
  email: 'a@exemple.fr',
  role: 'member',
  territoryId: 'q',
  territoryName: 'Les Tilleuls',
  title: null,
  invitedBy: null,
  invitedByName: null,
  createdAt: new Date('2026-11-01T10:00:00Z'),
  expiresAt: new Date('2026-11-15T10:00:00Z'),
  acceptedAt: null,
  revokedAt: null,
};

const coordinator: Actor = {
  kind: 'user',
  userId: 'u1',
  isAdmin: false,
  grants: [
    { role: 'coordinator', territoryId: 'epci', scope: new Set(['epci', 'commune', 'q']) },
    { role: 'member', territoryId: 'other', scope: new Set(['other']) },
  ],
};

describe('invitations', () => {
  it('are pending until used, revoked or past their expiry', () => {
    const before = new Date('2026-11-15T09:59:59Z');
    expect(invitationStatus(base, before)).toBe('pending');
    expect(invitationStatus(base, new Date('2026-11-15T10:00:00Z'))).toBe('expired');
    expect(invitationStatus({ ...base, revokedAt: before }, before)).toBe('revoked');
    expect(invitationStatus({ ...base, acceptedAt: before, revokedAt: null }, new Date('2027-01-01'))).toBe('accepted');
  });

  it('scope a coordinator to the territories they coordinate (not those where they are only a member)', () => {
    expect(coordinatedScope(coordinator)?.sort()).toEqual(['commune', 'epci', 'q']);
    expect(coordinatedScope({ kind: 'user', userId: 'a', isAdmin: true, grants: [] })).toBeNull();
    expect(coordinatedScope({ kind: 'anonymous' })).toEqual([]);
  });

  it('let a coordinator invite and read the log below their territory only', () => {
    expect(can(coordinator, 'invitation.create', { territoryId: 'q' })).toBe(true);
    expect(can(coordinator, 'invitation.create', { territoryId: 'other' })).toBe(false);
    expect(can(coordinator, 'invitation.create', {})).toBe(false);
    expect(can(coordinator, 'audit.read', { territoryId: 'commune' })).toBe(true);
    expect(can(coordinator, 'audit.read', { territoryId: 'other' })).toBe(false);
    expect(can(coordinator, 'users.manage')).toBe(false);
    expect(can({ kind: 'anonymous' }, 'invitation.accept')).toBe(true);
    expect(can({ kind: 'anonymous' }, 'account.self')).toBe(false);
  });
});
