import type { ProblemEntry } from '../http/problem';

export const accountsProblems = {
  invalid_credentials: { status: 401, message: 'Adresse e-mail ou mot de passe incorrect.' },
  already_set_up: { status: 409, message: 'Un administrateur existe déjà : connectez-vous.' },
  email_taken: { status: 409, message: 'Un compte existe déjà avec cette adresse e-mail.' },
  weak_password: { status: 400, message: 'Le mot de passe doit contenir au moins 10 caractères.' },
  wrong_password: { status: 400, message: 'Le mot de passe actuel est incorrect : vérifiez-le puis réessayez.' },
  invitation_invalid: {
    status: 404,
    message: 'Cette invitation n’existe pas, a expiré, a été révoquée ou a déjà été utilisée : demandez une nouvelle invitation.',
  },
  invitation_not_found: { status: 404, message: 'Cette invitation est introuvable.' },
  invitation_not_pending: { status: 409, message: 'Cette invitation a déjà été acceptée ou révoquée : il n’y a rien à révoquer.' },
  invitation_login_required: {
    status: 409,
    message: 'Un compte existe déjà avec l’adresse invitée : connectez-vous avec ce compte, puis rouvrez le lien pour accepter.',
  },
  invitation_other_account: {
    status: 409,
    message: 'Cette invitation est adressée à une autre adresse e-mail que celle de votre compte : déconnectez-vous, puis rouvrez le lien.',
  },
  account_disabled: { status: 409, message: 'Le compte de cette adresse est désactivé : contactez un administrateur.' },
  user_not_found: { status: 404, message: 'Cet utilisateur est introuvable.' },
  role_not_found: { status: 404, message: 'Ce rôle est introuvable pour cet utilisateur (peut-être déjà retiré) : rechargez la page.' },
  cannot_disable_self: {
    status: 409,
    message: 'Vous ne pouvez pas désactiver votre propre compte : demandez-le à un autre administrateur.',
  },
} satisfies Record<string, ProblemEntry>;
