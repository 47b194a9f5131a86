import type { ListsAll } from '../../shared/lists';
import type {
  ApiEndpoints,
  ConflictView,
  EndpointInput,
  EndpointOutput,
  EcosystemCreationView,
  EventCountsView,
  EventDetailView,
  EventListItemView,
  EventRoomView,
  EventSessionView,
  EventView as CoreEventView,
  PlacesView,
  ParticipantKind,
  ProbableDuplicateView,
  RegistrationView as CoreRegistrationView,
  SessionKind,
} from '@maillage/core';

/**
 * What the events API answers, as JSON (dates are strings): the routes' response schemas of core
 * (events/views.ts, events/api.ts). Types only: nothing of core is bundled.
 */
export type EventView = CoreEventView;
export type EventListItem = EventListItemView;
export type ProgrammeTemplate = EndpointOutput<ApiEndpoints['GET /api/event-templates']>[number];
export type Attendance = EndpointOutput<ApiEndpoints['GET /api/events/:id/attendance']>;
export type RegistrationList = EndpointOutput<ApiEndpoints['GET /api/events/:id/registrations']>;
export type MyRegistration = EndpointOutput<ApiEndpoints['GET /api/registrations/:token']>;
/** The filters of the registrations list; an empty one is left out of the query by the client. */
export type RegistrationsQuery = NonNullable<EndpointInput<ApiEndpoints['GET /api/events/:id/registrations']>['query']>;
export type RegistrationView = CoreRegistrationView;
export type Conflict = ConflictView;
export type EcosystemCreationReport = EcosystemCreationView;
export type EventCounts = EventCountsView;
export type EventRoom = EventRoomView;
export type EventSession = EventSessionView;
export type ProbableDuplicate = ProbableDuplicateView;
export type Places = PlacesView;
export type EventDetail = EventDetailView;

export const sessionKindList = [
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
] as const satisfies readonly SessionKind[];
const _allSessionKindList: ListsAll<SessionKind, (typeof sessionKindList)[number]> = true;

export const participantKindList = [
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
] as const satisfies readonly ParticipantKind[];
const _allParticipantKindList: ListsAll<ParticipantKind, (typeof participantKindList)[number]> = true;

/** Minutes since midnight of HH:MM. */
const toMinutes = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5));

/** Sessions grouped by overlapping time (parallel sessions side by side), in order. */
export function slotsOf<S extends { day: string; startsAt: string; endsAt: string }>(sessions: readonly S[]): S[][] {
  const sorted = [...sessions].sort(
    (a, b) => a.day.localeCompare(b.day) || a.startsAt.localeCompare(b.startsAt) || a.endsAt.localeCompare(b.endsAt),
  );
  const slots: S[][] = [];
  let end = -1;
  let day = '';
  for (const s of sorted) {
    const last = slots[slots.length - 1];
    if (last && s.day === day && toMinutes(s.startsAt) < end) {
      last.push(s);
      end = Math.max(end, toMinutes(s.endsAt));
    } else {
      slots.push([s]);
      end = toMinutes(s.endsAt);
      day = s.day;
    }
  }
  return slots;
}
