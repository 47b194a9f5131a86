import { describe, expect, it } from 'vitest';
import { canTakeLaptop, checkConflictDecision } from './decisions';

describe('deciding a conflict the day brought back', () => {
  const open = { table: 'organisations', reason: 'edited_both_sides', status: 'open', territory: { description: 'Écrit au bureau' } };

  it('takes the laptop’s version only of a row still here and edited, and only while it is the one shown', () => {
    expect(
      checkConflictDecision(open, 'took_laptop', { description: 'Écrit au bureau', updated_at: 'x' }, ['description']),
    ).toBeUndefined();
    expect(checkConflictDecision(open, 'took_laptop', { description: 'Réécrit au bureau' }, ['description'])).toBe('changed_since');
    expect(checkConflictDecision(open, 'took_laptop', undefined, ['description'])).toBe('changed_since');
    expect(checkConflictDecision({ ...open, reason: 'gone_from_territory', territory: null }, 'took_laptop', undefined, [])).toBe(
      'cannot_take',
    );
    expect(
      checkConflictDecision({ ...open, reason: 'gone_from_territory', territory: null }, 'kept_territory', undefined, []),
    ).toBeUndefined();
  });

  it('decides once', () => {
    expect(checkConflictDecision({ ...open, status: 'took_laptop' }, 'kept_territory', undefined, [])).toBe('already_decided');
  });

  it('knows which conflicts the laptop’s version can settle', () => {
    expect(canTakeLaptop({ table: 'event_registrations', reason: 'registration_cancelled' })).toBe(true);
    expect(canTakeLaptop({ table: 'live_rooms', reason: 'refused_by_territory' })).toBe(false);
    expect(canTakeLaptop({ table: 'people', reason: 'refused_by_territory' })).toBe(false);
  });
});
