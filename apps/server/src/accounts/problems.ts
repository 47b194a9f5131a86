import type { ProblemEntry } from '../http/problem';

export const accountsProblems = {
  invalid_credentials: { status: 401, message: 'Adresse e-mail ou mot de passe incorrect.' },
  already_set_up: { status: 409, message: 'Un administrateur existe déjà : connectez-vous.' },
  email_taken: { status: 409, message: 'Un compte existe déjà avec cette adresse e-mail.' },
  weak_password: { status: 400, message: 'Le mot de passe doit contenir au moins 10 caractères.' },
  wrong_password: { status: 400, message: 'Le mot de passe actuel est incorrect.' },
  invitation_invalid: { status: 404, message: 'Cette invitation n’existe pas, a expiré ou a déjà été utilisée.' },
} satisfies Record<string, ProblemEntry>;
