import type { liveRoomsFr } from './rooms-messages-fr';

/** The list of rooms on `/animation`, in English. */
export const liveRoomsEn: Record<keyof typeof liveRoomsFr, string> = {
  'live.rooms.title': 'Your rooms',
  'live.rooms.none': 'No room open at the moment in your territories.',
  'live.rooms.open': '(open)',
  'live.rooms.closed': '(closed)',
  'live.rooms.meta': 'Code {code} · {count, plural, one {# participant} other {# participants}} · opened on {date}',
  'live.rooms.console': 'Console of “{title}”',
  'live.rooms.projector': 'Projector of “{title}”',
  'live.rooms.otherTerritory': 'Other territories',
  'live.rooms.noTerritory':
    'You facilitate no territory: opening a room needs a facilitator or coordinator role on a territory. Ask the person who coordinates yours.',
} as const;
