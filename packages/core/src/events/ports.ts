import type { AuditEntryInput, AuditOf } from '../accounts/index';
import type { Result } from '../shared/result';
import type { DuplicatePolicy, ProbableDuplicate } from './ecosystem-creation';
import type { EventRecord, EventStatus, Programme, RegistrationRecord } from './model';
import type {
  CreateEventInput,
  ProgrammeInput,
  RegistrationInput,
  RegistrationPatch,
  RegistrationsFilter,
  UpdateEventInput,
} from './schemas';
import type { ProgrammeDraft } from './templates';
import type { WaitlistMoveRefusal } from './waitlist';

export interface SessionCount {
  readonly confirmed: number;
  readonly waitlisted: number;
  readonly present: number;
}

export interface EventCounts {
  readonly confirmed: number;
  readonly waitlisted: number;
  readonly cancelled: number;
  readonly present: number;
  readonly walkIns: number;
  readonly lunch: number;
  readonly sessions: Readonly<Record<string, SessionCount>>;
}

/** Someone the store moved from a waiting list to a place, to be told. */
export interface WaitlistPromotion {
  readonly registration: RegistrationRecord;
  /** Promoted from the event's waiting list (not only a workshop's). */
  readonly toEvent: boolean;
  readonly sessionIds: readonly string[];
}

/** An organisation offered by the public form's search: nothing more than this (no contacts). */
export interface OrganisationChoice {
  readonly id: string;
  readonly name: string;
  readonly communeName: string | null;
}

/** What "create in the ecosystem" did, or the probable duplicates that stopped it. */
export interface EcosystemCreationReport {
  /** False when probable duplicates were found and the policy was 'report': nothing written. */
  readonly applied: boolean;
  readonly registrations: number;
  readonly people: { readonly created: number; readonly linked: number };
  readonly organisations: { readonly created: number; readonly linked: number };
  readonly duplicates: readonly ProbableDuplicate[];
}

export interface RegistrationChange {
  readonly registration: RegistrationRecord;
  readonly promoted: readonly WaitlistPromotion[];
}

/** Persistence of the events capability. Implemented in @maillage/db. */
export interface EventsRepo {
  createEvent(
    input: Omit<CreateEventInput, 'template' | 'fromEventId' | 'registrationClosesOn'> & {
      slug: string;
      createdBy: string | null;
      registrationClosesOn?: string | null;
    },
    programme: ProgrammeDraft | null,
    audit: AuditOf<EventRecord>,
  ): Promise<EventRecord>;
  findEvent(id: string): Promise<EventRecord | undefined>;
  findEventBySlug(slug: string): Promise<EventRecord | undefined>;
  /** A territory and every territory below it (an EPCI's communes and quartiers). */
  territoryAndBelow(territoryId: string): Promise<string[]>;
  /** The names of these territories, by id (those that exist). */
  territoryNames(ids: readonly string[]): Promise<Map<string, string>>;
  listEvents(filter: { territoryIds?: readonly string[]; statuses?: readonly EventStatus[] }): Promise<EventRecord[]>;
  updateEvent(id: string, patch: UpdateEventInput, audit: AuditOf<EventRecord>): Promise<EventRecord>;
  setStatus(id: string, status: EventStatus, audit: AuditOf<EventRecord>): Promise<EventRecord>;
  setTakeaways(id: string, takeaways: readonly string[], audit: AuditOf<EventRecord>): Promise<EventRecord>;
  programme(eventId: string): Promise<Programme>;
  /** Replaces rooms and sessions; fails when a removed session still holds registrations. */
  saveProgramme(
    eventId: string,
    input: ProgrammeInput,
    audit: AuditOf<Programme>,
  ): Promise<Result<Programme, 'session_has_registrations' | 'unknown_session'>>;
  counts(eventId: string): Promise<EventCounts>;
  /**
   * Registers someone, under the event's row lock, so that capacities hold however many
   * register at once: event place or waiting list, then workshops by preference.
   */
  register(
    eventId: string,
    input: Omit<RegistrationInput, 'directoryConsent'> & { directoryConsent?: boolean; walkIn?: boolean; checkedInAt?: Date | null },
    secrets: { tokenHash: string; badgeCode: string },
    /** Only for a registration made by someone else (a walk-in): written when it is registered. */
    audit?: AuditOf<RegistrationRecord>,
  ): Promise<Result<RegistrationRecord, 'already_registered' | 'invalid_choice'>>;
  findRegistration(id: string): Promise<RegistrationRecord | undefined>;
  findRegistrationByToken(tokenHash: string): Promise<RegistrationRecord | undefined>;
  updateRegistration(id: string, patch: RegistrationPatch): Promise<RegistrationChange>;
  cancelRegistration(id: string, audit: AuditOf<RegistrationChange>): Promise<RegistrationChange>;
  /**
   * Moves a confirmed participant from a workshop's waiting list to another workshop with a free
   * place (`decideMove`), under the event's lock; the audit entry is written with the move.
   */
  moveWaitlisted(
    eventId: string,
    registrationId: string,
    move: { fromSessionId: string; toSessionId: string },
    audit: (moved: RegistrationRecord) => AuditEntryInput,
  ): Promise<Result<RegistrationRecord, WaitlistMoveRefusal | 'registration_not_found'>>;
  listRegistrations(eventId: string, filter: RegistrationsFilter): Promise<RegistrationRecord[]>;
  /** Marks someone present (or not) by id or badge code; undefined when no such registration. */
  checkIn(eventId: string, who: { registrationId?: string; badgeCode?: string }, at: Date | null): Promise<RegistrationRecord | undefined>;
  /**
   * Links registrations not yet linked to the ecosystem: the organisation whose name key equals
   * that of the organisation typed, the person with the same e-mail. Returns how many were linked.
   */
  linkToEcosystem(
    eventId: string,
    nameKey: (name: string) => string,
    audit: AuditOf<{ organisations: number; people: number }>,
  ): Promise<{ organisations: number; people: number }>;
  /** Organisations of a territory and what it contains whose name contains `q` (at most `limit`). */
  searchOrganisations(territoryId: string, q: string, limit: number): Promise<OrganisationChoice[]>;
  /**
   * Creates (or links) the people and organisations of unlinked registrations, all or nothing in
   * one transaction. `registrationIds` absent: every unlinked registration of the event.
   */
  createInEcosystem(
    eventId: string,
    options: { registrationIds?: readonly string[]; duplicates: DuplicatePolicy; actorUserId: string | null },
  ): Promise<Result<EcosystemCreationReport, 'registration_not_found'>>;
}
