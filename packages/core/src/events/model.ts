/**
 * Cooperation days (journées de coopération): the event, its programme (déroulé) of sessions in
 * rooms, and the rules of registration. Times are wall-clock times in Europe/Paris, written
 * `HH:MM`, on a day written `YYYY-MM-DD`: that is how a programme is read and printed.
 */

export type EventStatus = 'draft' | 'published' | 'closed' | 'archived';
export const eventStatuses: readonly EventStatus[] = ['draft', 'published', 'closed', 'archived'];

/** Allowed status changes: publish, unpublish, close registrations (and reopen), archive. */
const transitions: Readonly<Record<EventStatus, readonly EventStatus[]>> = {
  draft: ['published', 'archived'],
  published: ['draft', 'closed'],
  closed: ['published', 'archived'],
  archived: ['closed'],
};

/** Whether an event may go from `from` to `to`. */
export function canTransition(from: EventStatus, to: EventStatus): boolean {
  return transitions[from].includes(to);
}

/** The kinds of session the seeds' programmes show. */
export const sessionKinds = [
  'accueil',
  'mise_en_route',
  'intervention',
  'table_ronde',
  'presentation_experiences',
  'atelier_methode',
  'world_cafe',
  'repas',
  'retour_ateliers',
  'cloture',
  'autre',
] as const;
export type SessionKind = (typeof sessionKinds)[number];

/** A speaker or facilitator: a person of the ecosystem (by id) or a free-text name. */
export interface SessionSpeaker {
  readonly name: string;
  readonly personId?: string | null;
  readonly role?: string | null;
}

export interface EventRoom {
  readonly id: string;
  readonly name: string;
  readonly capacity: number | null;
}

export interface EventSession {
  readonly id: string;
  readonly kind: SessionKind;
  readonly title: string;
  readonly description: string;
  readonly day: string;
  readonly startsAt: string;
  readonly endsAt: string;
  readonly roomId: string | null;
  readonly capacity: number | null;
  readonly colour: string | null;
  readonly speakers: readonly SessionSpeaker[];
  /** A parallel workshop that participants choose when they register. */
  readonly choosable: boolean;
}

export interface EventRecord {
  readonly id: string;
  readonly slug: string;
  readonly territoryId: string;
  readonly title: string;
  readonly description: string;
  readonly audience: string;
  readonly startDate: string;
  readonly endDate: string;
  /** When each day opens and closes (HH:MM): sessions must fit inside. */
  readonly opensAt: string;
  readonly closesAt: string;
  readonly venueName: string;
  readonly venueAddress: string;
  readonly organisers: readonly string[];
  readonly partners: readonly string[];
  readonly themes: readonly string[];
  readonly capacity: number | null;
  /** The last day (YYYY-MM-DD, Paris) one may register, when the organiser sets one. */
  readonly registrationClosesOn: string | null;
  readonly status: EventStatus;
  readonly takeaways: readonly string[];
  readonly createdAt: Date;
}

export interface Programme {
  readonly rooms: readonly EventRoom[];
  readonly sessions: readonly EventSession[];
}

export type RegistrationStatus = 'confirmed' | 'waitlisted' | 'cancelled';
/** A workshop choice: `pending` while the registration itself waits for a place at the event. */
export type ChoiceStatus = 'confirmed' | 'waitlisted' | 'pending' | 'dropped';

export const participantKinds = [
  'habitant',
  'association',
  'centre_social',
  'collectivite',
  'etat',
  'caf',
  'bailleur_social',
  'entreprise',
  'collectif_habitants',
  'centre_ressources',
  'autre',
] as const;
export type ParticipantKind = (typeof participantKinds)[number];

export interface WorkshopChoice {
  readonly sessionId: string;
  readonly preference: number;
  readonly status: ChoiceStatus;
}

export interface RegistrationRecord {
  readonly id: string;
  readonly eventId: string;
  readonly name: string;
  readonly email: string;
  readonly organisationName: string;
  readonly organisationKind: ParticipantKind | null;
  readonly organisationId: string | null;
  /** The person of the ecosystem this registration is linked to, when matched or created. */
  readonly personId: string | null;
  /** Consented to appear in the territory's directory with their e-mail (RGPD), distinct from registering. */
  readonly directoryConsent: boolean;
  readonly territoryId: string | null;
  readonly themes: readonly string[];
  readonly lunch: boolean;
  readonly accessibility: string;
  readonly status: RegistrationStatus;
  readonly walkIn: boolean;
  readonly badgeCode: string;
  readonly checkedInAt: Date | null;
  readonly createdAt: Date;
  readonly choices: readonly WorkshopChoice[];
}

const hhmm = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** Minutes since midnight of an `HH:MM` time; NaN when malformed. */
export function timeToMinutes(time: string): number {
  const m = hhmm.exec(time);
  return m ? Number(m[1]) * 60 + Number(m[2]) : Number.NaN;
}

/** `HH:MM` from minutes since midnight. */
export function formatClock(totalMinutes: number): string {
  const h = Math.floor(totalMinutes / 60);
  const m = totalMinutes % 60;
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
}

/** Whether two sessions happen at the same time on the same day. */
export function sessionsOverlap(
  a: Pick<EventSession, 'day' | 'startsAt' | 'endsAt'>,
  b: Pick<EventSession, 'day' | 'startsAt' | 'endsAt'>,
): boolean {
  return a.day === b.day && timeToMinutes(a.startsAt) < timeToMinutes(b.endsAt) && timeToMinutes(b.startsAt) < timeToMinutes(a.endsAt);
}

/** The days of an event, in order (inclusive range of `YYYY-MM-DD`). */
export function eventDays(startDate: string, endDate: string): string[] {
  const days: string[] = [];
  const end = Date.parse(`${endDate}T00:00:00Z`);
  for (let t = Date.parse(`${startDate}T00:00:00Z`); t <= end && days.length < 31; t += 86_400_000) {
    days.push(new Date(t).toISOString().slice(0, 10));
  }
  return days;
}

/** Adds whole days to a `YYYY-MM-DD` date. */
export function shiftDay(day: string, count: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + count * 86_400_000).toISOString().slice(0, 10);
}

/**
 * Sessions of the programme sorted by day and time, grouped into time slots: sessions that
 * overlap one another form one slot, shown side by side (the parallel ateliers).
 */
export function timeSlots<S extends Pick<EventSession, 'day' | 'startsAt' | 'endsAt'>>(sessions: readonly S[]): S[][] {
  const sorted = [...sessions].sort(
    (a, b) =>
      a.day.localeCompare(b.day) ||
      timeToMinutes(a.startsAt) - timeToMinutes(b.startsAt) ||
      timeToMinutes(a.endsAt) - timeToMinutes(b.endsAt),
  );
  const slots: S[][] = [];
  let current: S[] = [];
  let currentEnd = -1;
  let currentDay = '';
  for (const s of sorted) {
    if (current.length > 0 && s.day === currentDay && timeToMinutes(s.startsAt) < currentEnd) {
      current.push(s);
      currentEnd = Math.max(currentEnd, timeToMinutes(s.endsAt));
    } else {
      if (current.length > 0) slots.push(current);
      current = [s];
      currentEnd = timeToMinutes(s.endsAt);
      currentDay = s.day;
    }
  }
  if (current.length > 0) slots.push(current);
  return slots;
}

/**
 * Whether one may register (or change a registration) today: `open`; `over` once the day's last
 * date has passed, whatever its status; `closed` when the organisers closed it (or it is not
 * published); `deadline_passed` after the closing date the organiser set.
 */
export type RegistrationWindow = 'open' | 'closed' | 'deadline_passed' | 'over';
export const registrationWindows: readonly RegistrationWindow[] = ['open', 'closed', 'deadline_passed', 'over'];

export function registrationWindow(
  event: Pick<EventRecord, 'status' | 'endDate' | 'registrationClosesOn'>,
  today: string,
): RegistrationWindow {
  if (today > event.endDate) return 'over';
  if (event.status !== 'published') return 'closed';
  if (event.registrationClosesOn !== null && today > event.registrationClosesOn) return 'deadline_passed';
  return 'open';
}

/** Whether a new registration gets a place at the event or goes on its waiting list. */
export function admitToEvent(confirmedCount: number, capacity: number | null): 'confirmed' | 'waitlisted' {
  return capacity === null || confirmedCount < capacity ? 'confirmed' : 'waitlisted';
}

export interface ChoiceDecision {
  readonly sessionId: string;
  readonly preference: number;
  readonly status: 'confirmed' | 'waitlisted' | 'dropped';
}

/**
 * Places a participant in the workshops they chose, by preference order. Among workshops that
 * overlap (one time slot), the first preferred one with a free place is confirmed and the others
 * are dropped; when all are full, the participant waits for their first preference only.
 * `taken` counts confirmed places per session; `capacityOf` gives a session's capacity (null:
 * unlimited). Pure: the store calls it inside the transaction that holds the event's lock.
 */
export function assignChoices(
  preferences: readonly string[],
  sessions: ReadonlyMap<string, Pick<EventSession, 'day' | 'startsAt' | 'endsAt' | 'capacity'>>,
  taken: ReadonlyMap<string, number>,
): ChoiceDecision[] {
  const decisions: ChoiceDecision[] = [];
  const handled = new Set<string>();
  for (const sessionId of preferences) {
    if (handled.has(sessionId)) continue;
    const session = sessions.get(sessionId);
    if (!session) continue;
    // The preferred sessions of this time slot, in preference order.
    const group = preferences
      .map((id, i) => ({ id, preference: i + 1 }))
      .filter(({ id }) => !handled.has(id) && sessions.has(id) && (id === sessionId || sessionsOverlap(session, sessions.get(id)!)));
    for (const g of group) handled.add(g.id);
    const winner = group.find(({ id }) => {
      const capacity = sessions.get(id)!.capacity;
      return capacity === null || (taken.get(id) ?? 0) < capacity;
    });
    for (const g of group) {
      const status = winner ? (g.id === winner.id ? 'confirmed' : 'dropped') : g.id === sessionId ? 'waitlisted' : 'dropped';
      decisions.push({ sessionId: g.id, preference: g.preference, status });
    }
  }
  return decisions;
}
