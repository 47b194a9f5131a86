import type { ProblemEntry } from '../http/problem';

/** Error codes of the live roster (registered participants), prefixed `live_`. */
export const rosterProblems = {
  live_room_not_linked: {
    status: 409,
    message: 'Cette salle n’est liée à aucune journée : rejoignez-la avec votre nom, sans code personnel.',
  },
  live_registration_not_found: {
    status: 404,
    message: 'Nous ne trouvons pas votre inscription : vérifiez le nom et le code personnel imprimés sur votre badge.',
  },
} satisfies Record<string, ProblemEntry>;
