import { shiftDay, type Programme, type EventSession, type SessionKind, type SessionSpeaker } from './model';

interface TemplateRoom {
  readonly key: string;
  readonly name: string;
  readonly capacity: number | null;
}

interface TemplateSession {
  readonly kind: SessionKind;
  readonly title: string;
  readonly description?: string;
  readonly startsAt: string;
  readonly endsAt: string;
  readonly room?: string;
  readonly capacity?: number;
  readonly colour?: string;
  readonly speakers?: readonly SessionSpeaker[];
  readonly choosable?: boolean;
}

export interface ProgrammeTemplate {
  readonly key: string;
  readonly title: string;
  readonly description: string;
  readonly opensAt: string;
  readonly closesAt: string;
  readonly rooms: readonly TemplateRoom[];
  readonly sessions: readonly TemplateSession[];
}

/**
 * Programmes shaped like the seeds: a local cooperation day (seeds 000/001: mise en route, world
 * café, petits collectifs d'acteurs) and a regional day (seed 002: interventions, parallel
 * presentations of experiences, method workshops with colours, retour sur les ateliers).
 */
export const programmeTemplates: readonly ProgrammeTemplate[] = [
  {
    key: 'journee-cooperation',
    title: 'Journée de coopération (territoire)',
    description: 'Mise en route, world café, puis petits collectifs d’acteurs l’après-midi.',
    opensAt: '08:30',
    closesAt: '17:00',
    rooms: [
      { key: 'pleniere', name: 'Salle plénière', capacity: 120 },
      { key: 'a', name: 'Salle A', capacity: 30 },
      { key: 'b', name: 'Salle B', capacity: 30 },
    ],
    sessions: [
      { kind: 'accueil', title: 'Accueil café', startsAt: '09:00', endsAt: '09:30', room: 'pleniere' },
      {
        kind: 'mise_en_route',
        title: 'Mise en route de la journée',
        description:
          'Debout, en groupes de 5 personnes qui ne se connaissent pas : 7 minutes sur les plus beaux exemples de coopération du territoire. Une personne par groupe note 1 mot-clé.',
        startsAt: '09:30',
        endsAt: '09:50',
        room: 'pleniere',
      },
      { kind: 'intervention', title: 'Mise en contexte', startsAt: '09:50', endsAt: '10:20', room: 'pleniere' },
      {
        kind: 'world_cafe',
        title: 'World café',
        description: '20 minutes par thématique, 4 thématiques possibles dans la matinée.',
        startsAt: '10:30',
        endsAt: '12:00',
        room: 'pleniere',
      },
      { kind: 'repas', title: 'Déjeuner', startsAt: '12:00', endsAt: '13:30' },
      {
        kind: 'atelier_methode',
        title: 'Petits collectifs d’acteurs (groupe A)',
        description: 'En petits collectifs de 3 à 5 : partager une nécessité à agir et les prochains petits pas.',
        startsAt: '13:30',
        endsAt: '15:00',
        room: 'a',
        capacity: 25,
        colour: '#1f6feb',
        choosable: true,
      },
      {
        kind: 'atelier_methode',
        title: 'Petits collectifs d’acteurs (groupe B)',
        description: 'En petits collectifs de 3 à 5 : partager une nécessité à agir et les prochains petits pas.',
        startsAt: '13:30',
        endsAt: '15:00',
        room: 'b',
        capacity: 25,
        colour: '#b35900',
        choosable: true,
      },
      { kind: 'retour_ateliers', title: 'Retour sur les ateliers', startsAt: '15:15', endsAt: '16:00', room: 'pleniere' },
      { kind: 'cloture', title: 'Clôture et remerciements', startsAt: '16:00', endsAt: '16:30', room: 'pleniere' },
    ],
  },
  {
    key: 'journee-regionale',
    title: 'Journée régionale (présentations d’expériences et ateliers de méthode)',
    description: 'Interventions, ateliers parallèles de présentation d’expériences, repas, ateliers de méthode, retour.',
    opensAt: '08:30',
    closesAt: '17:30',
    rooms: [
      { key: 'pleniere', name: 'Amphithéâtre', capacity: 200 },
      { key: 's1', name: 'Salle 1', capacity: 40 },
      { key: 's2', name: 'Salle 2', capacity: 40 },
      { key: 's3', name: 'Salle 3', capacity: 40 },
      { key: 's4', name: 'Salle 4', capacity: 40 },
    ],
    sessions: [
      { kind: 'accueil', title: 'Accueil', startsAt: '09:00', endsAt: '09:30', room: 'pleniere' },
      { kind: 'intervention', title: 'Intervention d’ouverture', startsAt: '09:30', endsAt: '09:50', room: 'pleniere' },
      { kind: 'intervention', title: 'Les coopérations', startsAt: '09:50', endsAt: '10:20', room: 'pleniere' },
      { kind: 'table_ronde', title: 'Coopérer, ça veut dire quoi ?', startsAt: '10:20', endsAt: '10:50', room: 'pleniere' },
      ...(['s1', 's2', 's3', 's4'] as const).map(
        (room, i): TemplateSession => ({
          kind: 'presentation_experiences',
          title: `Présentation d’expériences — atelier ${i + 1}`,
          startsAt: '11:00',
          endsAt: '12:15',
          room,
          capacity: 35,
          choosable: true,
        }),
      ),
      { kind: 'repas', title: 'Repas', startsAt: '12:15', endsAt: '13:45' },
      ...(
        [
          ['s1', 'Co-développement', '#1f6feb'],
          ['s2', 'Coop ou pas coop', '#c62828'],
          ['s3', 'Atelier de méthode', '#b8860b'],
          ['s4', 'Serious game', '#2e7d32'],
        ] as const
      ).map(
        ([room, title, colour]): TemplateSession => ({
          kind: 'atelier_methode',
          title,
          startsAt: '14:00',
          endsAt: '15:30',
          room,
          capacity: 20,
          colour,
          choosable: true,
        }),
      ),
      { kind: 'retour_ateliers', title: 'Retour sur les ateliers', startsAt: '15:45', endsAt: '16:30', room: 'pleniere' },
      { kind: 'cloture', title: 'Clôture', startsAt: '16:30', endsAt: '17:00', room: 'pleniere' },
    ],
  },
];

export type NewRoom = { readonly key: string; readonly name: string; readonly capacity: number | null };
/** A programme not yet stored: rooms are referred to by a local key. */
export interface ProgrammeDraft {
  readonly rooms: readonly NewRoom[];
  readonly sessions: readonly (Omit<EventSession, 'id' | 'roomId'> & { readonly roomKey: string | null })[];
}

/** A template's programme laid on a given day. */
export function programmeFromTemplate(template: ProgrammeTemplate, day: string): ProgrammeDraft {
  return {
    rooms: template.rooms.map((r) => ({ key: r.key, name: r.name, capacity: r.capacity })),
    sessions: template.sessions.map((s) => ({
      kind: s.kind,
      title: s.title,
      description: s.description ?? '',
      day,
      startsAt: s.startsAt,
      endsAt: s.endsAt,
      roomKey: s.room ?? null,
      capacity: s.capacity ?? null,
      colour: s.colour ?? null,
      speakers: s.speakers ?? [],
      choosable: s.choosable ?? false,
    })),
  };
}

/**
 * A past event's programme moved to a new first day: same rooms, same sessions and times,
 * each day shifted by the same number of days. Speakers are kept (they are often the same).
 */
export function programmeFromPast(past: Programme, pastStartDate: string, newStartDate: string): ProgrammeDraft {
  const shift = Math.round((Date.parse(`${newStartDate}T00:00:00Z`) - Date.parse(`${pastStartDate}T00:00:00Z`)) / 86_400_000);
  return {
    rooms: past.rooms.map((r) => ({ key: r.id, name: r.name, capacity: r.capacity })),
    sessions: past.sessions.map(({ id: _id, roomId, day, ...rest }) => ({ ...rest, day: shiftDay(day, shift), roomKey: roomId })),
  };
}
