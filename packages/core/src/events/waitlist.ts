import { assignChoices, type ChoiceDecision, type EventSession } from './model';

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
