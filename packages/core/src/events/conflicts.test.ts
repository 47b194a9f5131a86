import { describe, expect, it } from 'vitest';
import { detectConflicts } from './conflicts';
import type { EventSession } from './model';
import { programmeFromTemplate, programmeTemplates } from './templates';

const event = { startDate: '2026-03-12', endDate: '2026-03-12', opensAt: '08:30', closesAt: '17:30' };
const rooms = [
  { id: 'chardon', capacity: 30 },
  { id: 'myrtilles', capacity: 20 },
];
const session = (over: Partial<EventSession> & { id: string }): EventSession => ({
  kind: 'atelier_methode',
  title: over.id,
  description: '',
  day: '2026-03-12',
  startsAt: '14:00',
  endsAt: '15:30',
  roomId: null,
  capacity: null,
  colour: null,
  speakers: [],
  choosable: true,
  ...over,
});

describe('programme conflicts', () => {
  it('accepts two parallel workshops in two rooms with their own facilitators', () => {
    const sessions = [
      session({ id: 'codev', roomId: 'chardon', capacity: 20, speakers: [{ name: 'Émilie Martin' }] }),
      session({ id: 'serious', roomId: 'myrtilles', capacity: 20, speakers: [{ name: 'Rémi Dupont' }] }),
    ];
    expect(detectConflicts(event, rooms, sessions)).toEqual([]);
  });

  it('flags a room booked twice, a facilitator booked twice (accents and case ignored), outside the day, capacity above the room', () => {
    const sessions = [
      session({ id: 'codev', roomId: 'chardon', speakers: [{ name: 'Émilie Martin' }] }),
      session({ id: 'serious', roomId: 'chardon', startsAt: '15:00', endsAt: '16:00', speakers: [{ name: 'emilie martin' }] }),
      session({ id: 'late', roomId: 'myrtilles', startsAt: '17:00', endsAt: '18:00' }),
      session({ id: 'other-day', day: '2026-03-13', startsAt: '09:00', endsAt: '10:00' }),
      session({ id: 'big', roomId: 'myrtilles', startsAt: '09:00', endsAt: '10:00', capacity: 25 }),
      session({ id: 'reversed', startsAt: '11:00', endsAt: '10:00' }),
    ];
    const found = detectConflicts(event, rooms, sessions).map((c) => `${c.code}:${c.sessionIds.join('+')}`);
    expect(found).toEqual(
      expect.arrayContaining([
        'room_double_booked:codev+serious',
        'speaker_double_booked:codev+serious',
        'outside_day:late',
        'outside_day:other-day',
        'capacity_above_room:big',
        'ends_before_start:reversed',
      ]),
    );
    expect(found).toHaveLength(6);
  });

  it('does not flag sessions that only touch (one ends when the other starts)', () => {
    const sessions = [session({ id: 'a', roomId: 'chardon', endsAt: '15:00' }), session({ id: 'b', roomId: 'chardon', startsAt: '15:00' })];
    expect(detectConflicts(event, rooms, sessions)).toEqual([]);
  });

  it.each(programmeTemplates.map((t) => [t.key, t] as const))(
    'template %s is free of conflicts and has parallel workshops',
    (_key, template) => {
      const draft = programmeFromTemplate(template, '2026-03-12');
      const sessions = draft.sessions.map((s, i) => ({ ...s, id: String(i), roomId: s.roomKey }));
      const conflicts = detectConflicts(
        { startDate: '2026-03-12', endDate: '2026-03-12', opensAt: template.opensAt, closesAt: template.closesAt },
        draft.rooms.map((r) => ({ id: r.key, capacity: r.capacity })),
        sessions,
      );
      expect(conflicts).toEqual([]);
      expect(sessions.filter((s) => s.choosable).length).toBeGreaterThanOrEqual(2);
      expect(sessions.map((s) => s.kind)).toEqual(expect.arrayContaining(['accueil', 'repas', 'retour_ateliers', 'cloture']));
    },
  );
});
