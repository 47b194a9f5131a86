import type { ProblemEntry } from '../http/problem-table';

/** Error codes of the events capability, with their status and French message. */
export const eventsProblems = {
  event_not_found: {
    status: 404,
    message: 'Cet événement est introuvable : vérifiez le lien, ou il n’est pas encore publié.',
    en: 'This event cannot be found: check the link, or it is not published yet.',
  },
  unknown_template: {
    status: 400,
    message: 'Ce modèle de programme n’existe pas : choisissez-en un dans la liste.',
    en: 'This programme template does not exist: choose one from the list.',
  },
  invalid_transition: {
    status: 409,
    message:
      'Ce changement de statut n’est pas possible : un brouillon se publie, un événement publié se clôt, un événement clos s’archive.',
    en: 'This status change is not possible: a draft gets published, a published event gets closed, a closed event gets archived.',
  },
  unknown_session: {
    status: 400,
    message: 'Une séquence du programme n’existe plus : rechargez la page puis recommencez.',
    en: 'A session of the programme no longer exists: reload the page and start again.',
  },
  unknown_room: {
    status: 400,
    message: 'Une séquence est placée dans une salle qui n’existe pas : choisissez une salle de la liste.',
    en: 'A session is placed in a room that does not exist: choose a room from the list.',
  },
  session_has_registrations: {
    status: 409,
    message: 'Une séquence que vous retirez a déjà des inscrits : gardez-la, ou annulez d’abord ces inscriptions.',
    en: 'A session you are removing already has registrations: keep it, or cancel those registrations first.',
  },
  event_over: {
    status: 409,
    message: 'Cette journée est passée : les inscriptions sont closes. Les prochaines journées sont annoncées sur la page du territoire.',
    en: 'This day is over: registration is closed. The next days are announced on the territory’s page.',
  },
  registration_deadline_passed: {
    status: 409,
    message: 'La date limite d’inscription est passée : les inscriptions sont closes. Contactez les organisateurs.',
    en: 'The registration deadline has passed: registration is closed. Contact the organisers.',
  },
  registration_closed: {
    status: 409,
    message: 'Les inscriptions à cet événement sont closes : contactez les organisateurs.',
    en: 'Registration for this event is closed: contact the organisers.',
  },
  invalid_choice: {
    status: 400,
    message: 'Un atelier choisi n’appartient pas à cet événement ou est choisi deux fois : revoyez vos choix.',
    en: 'A chosen workshop does not belong to this event or is chosen twice: review your choices.',
  },
  already_registered: {
    status: 409,
    message: 'Cette adresse e-mail est déjà inscrite : utilisez le lien personnel reçu par e-mail pour modifier votre inscription.',
    en: 'This email address is already registered: use the personal link you received by email to change your registration.',
  },
  move_not_at_event: {
    status: 409,
    message: 'Cette personne n’a pas encore de place à la journée : elle ne peut pas changer d’atelier avant d’en avoir une.',
    en: 'This person has no place at the day yet: she cannot change workshop before she has one.',
  },
  move_not_waitlisted: {
    status: 409,
    message: 'Cette personne n’est pas sur la liste d’attente de cet atelier : rechargez la liste des inscriptions.',
    en: 'This person is not on this workshop’s waiting list: reload the registrations.',
  },
  move_same_workshop: {
    status: 409,
    message: 'Cette personne a déjà ce choix : choisissez un autre atelier.',
    en: 'This person already has this choice: choose another workshop.',
  },
  move_unknown_workshop: {
    status: 400,
    message: 'Cet atelier n’est pas un atelier au choix de cette journée : choisissez-en un dans la liste.',
    en: 'This workshop is not a workshop of this day to choose: choose one from the list.',
  },
  move_workshop_full: {
    status: 409,
    message: 'Cet atelier est complet : choisissez un atelier qui a encore de la place.',
    en: 'This workshop is full: choose a workshop that still has room.',
  },
  move_overlap: {
    status: 409,
    message: 'Cet atelier a lieu en même temps qu’un atelier où cette personne a déjà une place.',
    en: 'This workshop takes place at the same time as one where this person already has a place.',
  },
  registration_not_found: {
    status: 404,
    message: 'Cette inscription est introuvable : vérifiez le lien ou le badge.',
    en: 'This registration cannot be found: check the link or the badge.',
  },
  registration_cancelled: {
    status: 409,
    message: 'Cette inscription a été annulée : inscrivez-vous de nouveau si des places restent.',
    en: 'This registration has been cancelled: register again if places remain.',
  },
  registration_rate_limited: {
    status: 429,
    message: 'Trop d’inscriptions depuis cette connexion : patientez quelques minutes avant de réessayer.',
    en: 'Too many registrations from this connection: wait a few minutes before trying again.',
  },
  search_rate_limited: {
    status: 429,
    message: 'Trop de recherches depuis cette connexion : patientez une minute, ou tapez le nom de votre organisation.',
    en: 'Too many searches from this connection: wait a minute, or type the name of your organisation.',
  },
} satisfies Record<string, ProblemEntry>;
