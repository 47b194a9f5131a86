/** What each error code answers: its HTTP status, a French message and an English title. */
export interface ProblemEntry {
  readonly status: number;
  /** French, said to a person: what happened and what to do. */
  readonly message: string;
  /** The same in English, answered when the request prefers English (`Accept-Language`). */
  readonly en: string;
}

/** Codes shared by every capability. Each capability adds its own table in `<capability>/problems.ts`. */
export const commonProblems = {
  validation: {
    status: 400,
    message: 'Certaines informations sont invalides : voir le détail par champ.',
    en: 'Some information is invalid: see the details for each field.',
  },
  bad_json: { status: 400, message: 'Le corps de la requête n’est pas un JSON valide.', en: 'The request body is not valid JSON.' },
  unauthenticated: { status: 401, message: 'Vous devez être connecté·e pour faire cela.', en: 'You must be logged in to do this.' },
  forbidden: { status: 403, message: 'Votre rôle ne vous permet pas de faire cela.', en: 'Your role does not allow you to do this.' },
  csrf: {
    status: 403,
    message: 'Jeton anti-falsification (CSRF) absent ou invalide : rechargez la page puis réessayez.',
    en: 'Anti-forgery (CSRF) token missing or invalid: reload the page and try again.',
  },
  not_found: {
    status: 404,
    message: 'Cette ressource n’existe pas ou vous n’y avez pas accès.',
    en: 'This resource does not exist or you do not have access to it.',
  },
  unknown_reference: {
    status: 400,
    message: 'Référence inconnue : un identifiant envoyé ne correspond à rien d’existant. Vérifiez-le puis réessayez.',
    en: 'Unknown reference: an identifier sent matches nothing that exists. Check it and try again.',
  },
  malformed_value: {
    status: 400,
    message: 'Une valeur envoyée n’a pas la forme attendue (identifiant, date ou nombre) : vérifiez-la puis réessayez.',
    en: 'A value sent does not have the expected form (identifier, date or number): check it and try again.',
  },
  still_referenced: {
    status: 409,
    message: 'Impossible : d’autres données y font encore référence. Retirez d’abord ces liens, puis réessayez.',
    en: 'Impossible: other data still refers to it. Remove those links first, then try again.',
  },
  conflict: {
    status: 409,
    message: 'Cette opération entre en conflit avec l’état actuel.',
    en: 'This operation conflicts with the current state.',
  },
  payload_too_large: { status: 413, message: 'La requête est trop volumineuse.', en: 'The request is too large.' },
  unsupported_media_type: {
    status: 415,
    message: 'Type de contenu non pris en charge : envoyez du JSON.',
    en: 'Unsupported content type: send JSON.',
  },
  store_unavailable: {
    status: 503,
    message: 'La base de données ne répond pas : le service n’est pas prêt. Réessayez dans un instant.',
    en: 'The database does not answer: the service is not ready. Try again in a moment.',
  },
  rate_limited: {
    status: 429,
    message: 'Trop de tentatives : patientez un peu avant de réessayer.',
    en: 'Too many attempts: wait a little before trying again.',
  },
  response_mismatch: {
    status: 500,
    message: 'La réponse ne correspond pas à son schéma (contrôle des tests).',
    en: 'The response does not match its schema (test check).',
  },
  internal: {
    status: 500,
    message: 'Une erreur inattendue est survenue. Elle a été enregistrée ; réessayez plus tard.',
    en: 'An unexpected error occurred. It has been logged; try again later.',
  },
  unavailable: {
    status: 503,
    message: 'Le service s’arrête ou n’est pas prêt : réessayez dans un instant.',
    en: 'The service is stopping or not ready yet: try again in a moment.',
  },
} satisfies Record<string, ProblemEntry>;
