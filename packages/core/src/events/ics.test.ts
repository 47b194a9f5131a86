import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { buildIcs, foldIcsLine } from './ics';

describe('iCalendar export', () => {
  const ics = buildIcs(
    [
      {
        uid: 'r1-day@maillage',
        day: '2026-03-12',
        startsAt: '09:00',
        endsAt: '17:00',
        summary: 'Journée de coopération ; Val-de-Lys, édition 2026',
        location: 'Maison des associations, 3 rue des Tilleuls',
        description: 'Ligne 1\nLigne 2',
      },
      {
        uid: 'r1-s1@maillage',
        day: '2026-07-02',
        startsAt: '14:00',
        endsAt: '15:30',
        summary: 'Co-développement',
        location: 'Salle Chardon',
        description: '',
      },
    ],
    new Date('2026-02-01T10:00:00Z'),
  );

  it('is parsed by an independent reader with the right times in Europe/Paris (winter and summer)', () => {
    const calendar = new ICAL.Component(ICAL.parse(ics));
    for (const tz of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(tz);
    const events = calendar.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
    expect(events).toHaveLength(2);
    expect(events[0]!.summary).toBe('Journée de coopération ; Val-de-Lys, édition 2026');
    expect(events[0]!.description).toBe('Ligne 1\nLigne 2');
    // 09:00 in Paris in March (winter time, UTC+1) is 08:00 UTC.
    expect(events[0]!.startDate.toJSDate().toISOString()).toBe('2026-03-12T08:00:00.000Z');
    expect(events[0]!.endDate.toJSDate().toISOString()).toBe('2026-03-12T16:00:00.000Z');
    // 14:00 in Paris in July (summer time, UTC+2) is 12:00 UTC.
    expect(events[1]!.startDate.toJSDate().toISOString()).toBe('2026-07-02T12:00:00.000Z');
  });

  it('uses CRLF and folds long lines at 75 octets without splitting a character', () => {
    expect(ics.split('\r\n').every((line) => new TextEncoder().encode(line).length <= 75)).toBe(true);
    const folded = foldIcsLine(`DESCRIPTION:${'é'.repeat(100)}`);
    expect(folded.replace(/\r\n /g, '')).toBe(`DESCRIPTION:${'é'.repeat(100)}`);
  });
});
