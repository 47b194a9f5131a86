import { assignChoices, type ChoiceDecision, type EventSession, sessionsOverlap } from './model';

type SessionPlace = Pick<EventSession, 'day' | 'startsAt' | 'endsAt' | 'capacity'>;

/** A participant with a place at the event, waiting for a place in one workshop. */
export interface WorkshopWaiter {
  readonly registrationId: string;
  readonly sessionId: string;
  /** When they joined this workshop's waiting list: the smaller, the sooner served. */
  readonly arrival: number;
}

/** Someone on the event's waiting list, with the workshops they chose in preference order. */
export interface EventWaiter {
  readonly registrationId: string;
  /** When they registered: the smaller, the sooner served. */
  readonly arrival: number;
  readonly preferences: readonly string[];
}

/** What the promotion is decided from, read once the places have been freed. */
export interface WaitlistSituation {
  /** The event's capacity; null: no limit, and no waiting list at the event to promote from. */
  readonly capacity: number | null;
  /** People holding a place at the event now. */
  readonly confirmed: number;
  /** The event's sessions, with their capacity (null: unlimited). */
  readonly sessions: ReadonlyMap<string, SessionPlace>;
  /** Confirmed places per session now. */
  readonly taken: ReadonlyMap<string, number>;
  /** The workshops where a place was just freed (repeats and unknown ones are ignored). */
  readonly freedSessions: readonly string[];
  /** Participants waiting for one of the freed workshops, in any order. */
  readonly workshopWaiting: readonly WorkshopWaiter[];
  /** The event's waiting list, in any order. */
  readonly eventWaiting: readonly EventWaiter[];
}

/** Someone promoted, to be told: to the event (with the workshops they got), or to workshops only. */
export interface WaitlistPromotionDecision {
  readonly registrationId: string;
  readonly toEvent: boolean;
  readonly sessionIds: readonly string[];
}

export interface WaitlistDecision {
  /** Waiting workshop choices that become confirmed. */
  readonly workshopPlaces: readonly { readonly registrationId: string; readonly sessionId: string }[];
  /** People admitted to the event, with their workshops placed (replacing their pending choices). */
  readonly admitted: readonly { readonly registrationId: string; readonly choices: readonly ChoiceDecision[] }[];
  /** Everyone promoted, workshop promotions first, each once. */
  readonly promotions: readonly WaitlistPromotionDecision[];
}

const byArrival = <T extends { arrival: number }>(list: readonly T[]): T[] => [...list].sort((a, b) => a.arrival - b.arrival);

/**
 * Who takes the places just freed, and where. First each freed workshop goes to the
 * participants waiting for it, by arrival, as many as it has free places. Then the event's free
 * places go to its waiting list, by arrival; each person admitted is placed in the workshops they
 * chose as at registration (`assignChoices`, with the places taken so far, so a workshop still
 * full puts them on its waiting list). Pure: the store reads the situation and writes the
 * decision inside the transaction that holds the event's lock.
 */
export function promoteFromWaitlists(situation: WaitlistSituation): WaitlistDecision {
  const taken = new Map(situation.taken);
  const workshopPlaces: { registrationId: string; sessionId: string }[] = [];
  const promotions = new Map<string, { toEvent: boolean; sessionIds: string[] }>();
  const waiting = byArrival(situation.workshopWaiting);
  for (const sessionId of new Set(situation.freedSessions)) {
    const session = situation.sessions.get(sessionId);
    if (!session) continue;
    let free = session.capacity === null ? Number.POSITIVE_INFINITY : session.capacity - (taken.get(sessionId) ?? 0);
    for (const w of waiting) {
      if (free <= 0) break;
      if (w.sessionId !== sessionId) continue;
      workshopPlaces.push({ registrationId: w.registrationId, sessionId });
      taken.set(sessionId, (taken.get(sessionId) ?? 0) + 1);
      free--;
      const entry = promotions.get(w.registrationId) ?? { toEvent: false, sessionIds: [] };
      entry.sessionIds.push(sessionId);
      promotions.set(w.registrationId, entry);
    }
  }

  const admitted: { registrationId: string; choices: ChoiceDecision[] }[] = [];
  if (situation.capacity !== null) {
    let free = situation.capacity - situation.confirmed;
    for (const w of byArrival(situation.eventWaiting)) {
      if (free <= 0) break;
      const choices = assignChoices(w.preferences, situation.sessions, taken);
      for (const c of choices) if (c.status === 'confirmed') taken.set(c.sessionId, (taken.get(c.sessionId) ?? 0) + 1);
      admitted.push({ registrationId: w.registrationId, choices });
      const confirmedIn = choices.filter((c) => c.status === 'confirmed').map((c) => c.sessionId);
      const entry = promotions.get(w.registrationId);
      promotions.set(w.registrationId, { toEvent: true, sessionIds: [...(entry?.sessionIds ?? []), ...confirmedIn] });
      free--;
    }
  }

  return {
    workshopPlaces,
    admitted,
    promotions: [...promotions].map(([registrationId, p]) => ({ registrationId, ...p })),
  };
}

/** A workshop as the move sees it: its time, its capacity, and the places confirmed in it now. */
export interface MoveSession extends SessionPlace {
  readonly eventId: string;
  readonly choosable: boolean;
  readonly taken: number;
}

/** What moving someone off a workshop's waiting list is decided from (read under the event's lock). */
export interface MoveSituation {
  readonly eventId: string;
  /** The registration's own status at the event. */
  readonly registrationStatus: 'confirmed' | 'waitlisted' | 'cancelled';
  /** The registration's choices now. */
  readonly choices: readonly { readonly sessionId: string; readonly status: ChoiceDecision['status'] | 'pending' }[];
  readonly fromSessionId: string;
  readonly toSessionId: string;
  /** The sessions named: the target and the ones the person holds a place in (others may be absent). */
  readonly sessions: ReadonlyMap<string, MoveSession>;
}

export type WaitlistMoveRefusal =
  | 'move_not_at_event'
  | 'move_not_waitlisted'
  | 'move_same_workshop'
  | 'move_unknown_workshop'
  | 'move_workshop_full'
  | 'move_overlap';

/**
 * Moves a participant from a workshop's waiting list to another workshop of the same event, which
 * must have a free place now and must not overlap a workshop where she already holds one (the same
 * rule as her own choices: one workshop per time slot). Her place on the first waiting list is
 * given up. Returns the session she is confirmed in, or why not. Pure: the store reads the
 * situation and writes the move under the event's lock.
 */
export function decideMove(s: MoveSituation): { ok: true; sessionId: string } | { ok: false; error: WaitlistMoveRefusal } {
  const refuse = (error: WaitlistMoveRefusal) => ({ ok: false as const, error });
  if (s.registrationStatus !== 'confirmed') return refuse('move_not_at_event');
  if (!s.choices.some((c) => c.sessionId === s.fromSessionId && c.status === 'waitlisted')) return refuse('move_not_waitlisted');
  if (s.toSessionId === s.fromSessionId) return refuse('move_same_workshop');
  const target = s.sessions.get(s.toSessionId);
  if (!target || target.eventId !== s.eventId || !target.choosable) return refuse('move_unknown_workshop');
  if (s.choices.some((c) => c.sessionId === s.toSessionId && c.status === 'confirmed')) return refuse('move_same_workshop');
  if (target.capacity !== null && target.taken >= target.capacity) return refuse('move_workshop_full');
  const held = s.choices.filter((c) => c.status === 'confirmed').map((c) => s.sessions.get(c.sessionId));
  if (held.some((h) => h && sessionsOverlap(h, target))) return refuse('move_overlap');
  return { ok: true, sessionId: s.toSessionId };
}
