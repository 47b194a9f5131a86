import type { ProblemCode } from './problems';

/**
 * The one error type of the HTTP edge. Use cases return failure codes; handlers turn them into
 * a Problem, and the error handler answers `application/problem+json` with a French message.
 */
export class Problem extends Error {
  constructor(
    readonly code: ProblemCode,
    readonly details?: Readonly<Record<string, unknown>>,
  ) {
    super(code);
    this.name = 'Problem';
  }
}

export interface ProblemEntry {
  readonly status: number;
  /** French, said to a person: what happened and what to do. */
  readonly message: string;
}

/** Codes shared by every capability. Each capability adds its own table in `<capability>/problems.ts`. */
export const commonProblems = {
  validation: { status: 400, message: 'Certaines informations sont invalides : voir le détail par champ.' },
  bad_json: { status: 400, message: 'Le corps de la requête n’est pas un JSON valide.' },
  unauthenticated: { status: 401, message: 'Vous devez être connecté·e pour faire cela.' },
  forbidden: { status: 403, message: 'Votre rôle ne vous permet pas de faire cela.' },
  csrf: { status: 403, message: 'Jeton anti-falsification (CSRF) absent ou invalide : rechargez la page puis réessayez.' },
  not_found: { status: 404, message: 'Cette ressource n’existe pas ou vous n’y avez pas accès.' },
  unknown_reference: {
    status: 400,
    message: 'Référence inconnue : un identifiant envoyé ne correspond à rien d’existant. Vérifiez-le puis réessayez.',
  },
  malformed_value: {
    status: 400,
    message: 'Une valeur envoyée n’a pas la forme attendue (identifiant, date ou nombre) : vérifiez-la puis réessayez.',
  },
  conflict: { status: 409, message: 'Cette opération entre en conflit avec l’état actuel.' },
  still_referenced: {
    status: 409,
    message: 'Impossible : d’autres données y font encore référence. Retirez d’abord ces liens, puis réessayez.',
  },
  payload_too_large: { status: 413, message: 'La requête est trop volumineuse.' },
  unsupported_media_type: { status: 415, message: 'Type de contenu non pris en charge : envoyez du JSON.' },
  rate_limited: { status: 429, message: 'Trop de tentatives : patientez un peu avant de réessayer.' },
  internal: { status: 500, message: 'Une erreur inattendue est survenue. Elle a été enregistrée ; réessayez plus tard.' },
  unavailable: { status: 503, message: 'Le service s’arrête ou n’est pas prêt : réessayez dans un instant.' },
} satisfies Record<string, ProblemEntry>;
