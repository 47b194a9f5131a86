import type {
  Conflict,
  EcosystemCreationReport,
  EventCounts,
  EventRecord,
  EventRoom,
  EventSession,
  ProbableDuplicate,
  RegistrationRecord,
} from '@maillage/core';

/** What the events API answers, as JSON (dates are strings). Types only: nothing of core is bundled. */
export type EventView = Omit<EventRecord, 'createdAt'> & { readonly createdAt: string; readonly canManage?: boolean };
export type RegistrationView = Omit<RegistrationRecord, 'createdAt' | 'checkedInAt' | 'badgeCode'> & {
  readonly createdAt: string;
  readonly checkedInAt: string | null;
};
export type { Conflict, EcosystemCreationReport, EventCounts, EventRoom, EventSession, ProbableDuplicate };

export interface Places {
  readonly event: number | null;
  readonly sessions: Readonly<Record<string, number | null>>;
}

export interface EventDetail {
  readonly event: EventView;
  readonly rooms: EventRoom[];
  readonly sessions: EventSession[];
  readonly places: Places;
  readonly canManage: boolean;
  readonly canCheckIn: boolean;
  readonly conflicts?: Conflict[];
  readonly counts?: EventCounts;
}

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
] as const;

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
] as const;

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
