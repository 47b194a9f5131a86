import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { buildIcs, parisTimeToDate } from './ics';

describe('iCalendar export', () => {
  const now = new Date('2026-02-01T10:00:00Z');
  const entries = [
    {
      uid: 'r1-day@maillage',
      day: '2026-03-12',
      startsAt: '09:30',
      endsAt: '17:00',
      summary: 'Journée de coopération ; Val-de-Lys, édition 2026',
      location: 'Maison des associations, 3 rue des Tilleuls',
      description: 'Ligne 1\nLigne 2',
      url: 'https://maillage.example/journees/r1',
    },
    {
      uid: 'r1-s1@maillage',
      day: '2026-07-02',
      startsAt: '09:30',
      endsAt: '11:00',
      summary: 'Co-développement',
      location: 'Salle Chardon',
      description: `Atelier : ${'é'.repeat(80)}`,
    },
  ];
  const ics = buildIcs(entries, now);

  it('is parsed by an independent reader with the right UTC instants (winter and summer)', () => {
    const calendar = new ICAL.Component(ICAL.parse(ics));
    const events = calendar.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
    expect(events).toHaveLength(2);
    const [winter, summer] = [events[0]!, events[1]!];
    expect(winter.uid).toBe('r1-day@maillage');
    expect(winter.summary).toBe('Journée de coopération ; Val-de-Lys, édition 2026');
    expect(winter.location).toBe('Maison des associations, 3 rue des Tilleuls');
    expect(winter.description).toBe('Ligne 1\nLigne 2');
    expect(winter.component.getFirstPropertyValue('url')).toBe('https://maillage.example/journees/r1');
    expect(winter.component.getFirstPropertyValue('dtstamp')?.toString()).toBe('2026-02-01T10:00:00Z');
    // 09:30 in Paris in March, before the change to summer time (UTC+1), is 08:30 UTC.
    expect(winter.startDate.toJSDate().toISOString()).toBe('2026-03-12T08:30:00.000Z');
    expect(winter.endDate.toJSDate().toISOString()).toBe('2026-03-12T16:00:00.000Z');
    // 09:30 in Paris in July (summer time, UTC+2) is 07:30 UTC.
    expect(summer.summary).toBe('Co-développement');
    expect(summer.location).toBe('Salle Chardon');
    expect(summer.description).toBe(`Atelier : ${'é'.repeat(80)}`);
    expect(summer.component.getFirstPropertyValue('url')).toBeNull();
    expect(summer.startDate.toJSDate().toISOString()).toBe('2026-07-02T07:30:00.000Z');
    expect(summer.endDate.toJSDate().toISOString()).toBe('2026-07-02T09:00:00.000Z');
    expect(summer.startDate.zone.tzid).toBe('UTC');
  });

  it('ends every line with CRLF and folds long lines at 75 octets', () => {
    expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    expect(ics.split('\r\n').every((line) => new TextEncoder().encode(line).length <= 75)).toBe(true);
  });

  it('depends on its arguments only', () => {
    expect(buildIcs(entries, now)).toBe(ics);
  });

  it('reads Paris wall-clock times around the changes of time', () => {
    // Last Sunday of March 2026: 02:00 → 03:00; last Sunday of October 2026: 03:00 → 02:00.
    expect(parisTimeToDate('2026-03-29', '01:59').toISOString()).toBe('2026-03-29T00:59:00.000Z');
    expect(parisTimeToDate('2026-03-29', '03:00').toISOString()).toBe('2026-03-29T01:00:00.000Z');
    expect(parisTimeToDate('2026-10-25', '01:30').toISOString()).toBe('2026-10-24T23:30:00.000Z');
    expect(parisTimeToDate('2026-10-25', '03:00').toISOString()).toBe('2026-10-25T02:00:00.000Z');
    expect(parisTimeToDate('2026-12-31', '23:30').toISOString()).toBe('2026-12-31T22:30:00.000Z');
  });
});
