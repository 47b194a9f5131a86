/** The list of rooms on `/animation`, in French (the reference). */
export const liveRoomsFr = {
  'live.rooms.title': 'Vos salles',
  'live.rooms.none': 'Aucune salle ouverte pour le moment dans vos territoires.',
  'live.rooms.open': '(ouverte)',
  'live.rooms.closed': '(fermée)',
  'live.rooms.meta': 'Code {code} · {count, plural, one {# participant} other {# participants}} · ouverte le {date}',
  'live.rooms.console': 'Console de « {title} »',
  'live.rooms.projector': 'Projecteur de « {title} »',
  'live.rooms.otherTerritory': 'Autres territoires',
  'live.rooms.noTerritory':
    'Vous n’animez aucun territoire : pour ouvrir une salle, il faut un rôle d’animation ou de coordination sur un territoire. Demandez-le à la personne qui coordonne le vôtre.',
} as const;
