import type { ProblemEntry } from '../http/problem';

/** Error codes of the events capability, with their status and French message. */
export const eventsProblems = {
  event_not_found: { status: 404, message: 'Cet événement est introuvable : vérifiez le lien, ou il n’est pas encore publié.' },
  unknown_template: { status: 400, message: 'Ce modèle de programme n’existe pas : choisissez-en un dans la liste.' },
  invalid_transition: {
    status: 409,
    message:
      'Ce changement de statut n’est pas possible : un brouillon se publie, un événement publié se clôt, un événement clos s’archive.',
  },
  unknown_session: { status: 400, message: 'Une séquence du programme n’existe plus : rechargez la page puis recommencez.' },
  unknown_room: { status: 400, message: 'Une séquence est placée dans une salle qui n’existe pas : choisissez une salle de la liste.' },
  session_has_registrations: {
    status: 409,
    message: 'Une séquence que vous retirez a déjà des inscrits : gardez-la, ou annulez d’abord ces inscriptions.',
  },
  registration_closed: { status: 409, message: 'Les inscriptions à cet événement sont closes : contactez les organisateurs.' },
  invalid_choice: {
    status: 400,
    message: 'Un atelier choisi n’appartient pas à cet événement ou est choisi deux fois : revoyez vos choix.',
  },
  already_registered: {
    status: 409,
    message: 'Cette adresse e-mail est déjà inscrite : utilisez le lien personnel reçu par e-mail pour modifier votre inscription.',
  },
  registration_not_found: { status: 404, message: 'Cette inscription est introuvable : vérifiez le lien ou le badge.' },
  registration_cancelled: { status: 409, message: 'Cette inscription a été annulée : inscrivez-vous de nouveau si des places restent.' },
  registration_rate_limited: {
    status: 429,
    message: 'Trop d’inscriptions depuis cette connexion : patientez quelques minutes avant de réessayer.',
  },
  search_rate_limited: {
    status: 429,
    message: 'Trop de recherches depuis cette connexion : patientez une minute, ou tapez le nom de votre organisation.',
  },
} satisfies Record<string, ProblemEntry>;
