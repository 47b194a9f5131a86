import { searchKey } from '../shared/text';
import { type EventRecord, eventDays, timeToMinutes, sessionsOverlap, type EventRoom, type EventSession } from './model';

export type Conflict =
  | { readonly code: 'room_double_booked'; readonly sessionIds: readonly [string, string]; readonly roomId: string }
  | { readonly code: 'speaker_double_booked'; readonly sessionIds: readonly [string, string]; readonly speaker: string }
  | { readonly code: 'outside_day'; readonly sessionIds: readonly [string] }
  | { readonly code: 'ends_before_start'; readonly sessionIds: readonly [string] }
  | {
      readonly code: 'capacity_above_room';
      readonly sessionIds: readonly [string];
      readonly capacity: number;
      readonly roomCapacity: number;
    };

type ConflictSession = Pick<EventSession, 'id' | 'day' | 'startsAt' | 'endsAt' | 'roomId' | 'capacity' | 'speakers'>;

/** A person's identity across sessions: their ecosystem id, else their name folded. */
function speakerKey(s: { name: string; personId?: string | null }): string {
  return s.personId ? `id:${s.personId}` : `name:${searchKey(s.name)}`;
}

/**
 * Everything wrong with a programme, as you edit it: a room or a speaker/facilitator booked
 * twice at the same time, a session outside the event's days or opening hours, a session that
 * ends before it starts, a session capacity above its room's. Pure; order is stable.
 */
export function detectConflicts(
  event: Pick<EventRecord, 'startDate' | 'endDate' | 'opensAt' | 'closesAt'>,
  rooms: readonly Pick<EventRoom, 'id' | 'capacity'>[],
  sessions: readonly ConflictSession[],
): Conflict[] {
  const conflicts: Conflict[] = [];
  const days = new Set(eventDays(event.startDate, event.endDate));
  const opens = timeToMinutes(event.opensAt);
  const closes = timeToMinutes(event.closesAt);
  const roomById = new Map(rooms.map((r) => [r.id, r]));
  for (const s of sessions) {
    const start = timeToMinutes(s.startsAt);
    const end = timeToMinutes(s.endsAt);
    if (!(end > start)) conflicts.push({ code: 'ends_before_start', sessionIds: [s.id] });
    if (!days.has(s.day) || start < opens || end > closes) conflicts.push({ code: 'outside_day', sessionIds: [s.id] });
    const room = s.roomId ? roomById.get(s.roomId) : undefined;
    if (room?.capacity != null && s.capacity != null && s.capacity > room.capacity) {
      conflicts.push({ code: 'capacity_above_room', sessionIds: [s.id], capacity: s.capacity, roomCapacity: room.capacity });
    }
  }
  for (let i = 0; i < sessions.length; i++) {
    const a = sessions[i]!;
    for (let j = i + 1; j < sessions.length; j++) {
      const b = sessions[j]!;
      if (!sessionsOverlap(a, b)) continue;
      if (a.roomId && a.roomId === b.roomId) conflicts.push({ code: 'room_double_booked', sessionIds: [a.id, b.id], roomId: a.roomId });
      const bKeys = new Map(b.speakers.map((s) => [speakerKey(s), s.name]));
      const seen = new Set<string>();
      for (const s of a.speakers) {
        const key = speakerKey(s);
        if (bKeys.has(key) && !seen.has(key)) {
          seen.add(key);
          conflicts.push({ code: 'speaker_double_booked', sessionIds: [a.id, b.id], speaker: s.name });
        }
      }
    }
  }
  return conflicts;
}
