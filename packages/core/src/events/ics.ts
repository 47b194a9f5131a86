/**
 * iCalendar (RFC 5545) for a participant: the day itself and each workshop they hold a place
 * in. Written by ical-generator; times leave in UTC (`Z`), converted from the Europe/Paris
 * wall-clock times of the model with the platform's time zone data (Intl), so no summer time
 * rule is written here.
 */
import ical, { ICalCalendarMethod } from 'ical-generator';

export interface IcsEntry {
  readonly uid: string;
  readonly day: string;
  readonly startsAt: string;
  readonly endsAt: string;
  readonly summary: string;
  readonly location: string;
  readonly description: string;
  readonly url?: string;
}

// Made on first use: a module-level formatter is a side effect bundlers keep in the web app,
// which imports core's index but never writes a calendar.
let parisParts: Intl.DateTimeFormat | undefined;
const parisFormat = (): Intl.DateTimeFormat =>
  (parisParts ??= new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/Paris',
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }));

/** Paris's offset from UTC at an instant, in milliseconds (+1 h in winter, +2 h in summer). */
function parisOffset(instant: number): number {
  const p = Object.fromEntries(
    parisFormat()
      .formatToParts(instant)
      .map((part) => [part.type, Number(part.value)]),
  );
  return Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!) - instant;
}

/**
 * The instant of a wall-clock time in Europe/Paris (`day` YYYY-MM-DD, `time` HH:MM). A time
 * skipped by the spring change reads with the winter offset; a repeated one, as the first.
 */
export function parisTimeToDate(day: string, time: string): Date {
  const [y, m, d] = day.split('-').map(Number);
  const [h, min] = time.split(':').map(Number);
  const wall = Date.UTC(y!, m! - 1, d!, h!, min!);
  const guess = wall - parisOffset(wall);
  return new Date(wall - parisOffset(guess));
}

/**
 * A VCALENDAR with one VEVENT per entry (CRLF line ends, folded lines); `now` is the DTSTAMP.
 * The output depends on the arguments only: the library's defaults (a random UID, the current
 * time as DTSTAMP) are each overwritten by the entry's uid and `now`.
 */
export function buildIcs(entries: readonly IcsEntry[], now: Date): string {
  const calendar = ical({
    prodId: { company: 'maillage', product: 'journees de cooperation', language: 'FR' },
    method: ICalCalendarMethod.PUBLISH,
  });
  for (const e of entries) {
    calendar.createEvent({
      id: e.uid,
      stamp: now,
      start: parisTimeToDate(e.day, e.startsAt),
      end: parisTimeToDate(e.day, e.endsAt),
      summary: e.summary,
      location: e.location,
      description: e.description,
      url: e.url ?? null,
    });
  }
  // RFC 5545 ends every content line, the last one included, with CRLF.
  return `${calendar.toString()}\r\n`;
}
