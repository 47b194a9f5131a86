import type { ProblemEntry } from '../http/problem-table';

/** Error codes of the live roster (registered participants), prefixed `live_`. */
export const rosterProblems = {
  live_room_not_linked: {
    status: 409,
    message: 'Cette salle n’est liée à aucune journée : rejoignez-la avec votre nom, sans code personnel.',
    en: 'This room is not linked to any event day: join with your name, without a personal code.',
  },
  live_registration_not_found: {
    status: 404,
    message: 'Nous ne trouvons pas votre inscription : vérifiez le nom et le code personnel imprimés sur votre badge.',
    en: 'We cannot find your registration: check the name and personal code printed on your badge.',
  },
} satisfies Record<string, ProblemEntry>;
