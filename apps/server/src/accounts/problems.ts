import type { ProblemEntry } from '../http/problem-table';

export const accountsProblems = {
  invalid_credentials: { status: 401, message: 'Adresse e-mail ou mot de passe incorrect.', en: 'Incorrect email address or password.' },
  already_set_up: {
    status: 409,
    message: 'Un administrateur existe déjà : connectez-vous.',
    en: 'An administrator already exists: log in.',
  },
  email_taken: {
    status: 409,
    message: 'Un compte existe déjà avec cette adresse e-mail.',
    en: 'An account already exists with this email address.',
  },
  weak_password: {
    status: 400,
    message: 'Le mot de passe doit contenir au moins 10 caractères.',
    en: 'The password must be at least 10 characters long.',
  },
  wrong_password: {
    status: 400,
    message: 'Le mot de passe actuel est incorrect : vérifiez-le puis réessayez.',
    en: 'The current password is incorrect: check it and try again.',
  },
  invitation_invalid: {
    status: 404,
    message: 'Cette invitation n’existe pas, a expiré, a été révoquée ou a déjà été utilisée : demandez une nouvelle invitation.',
    en: 'This invitation does not exist, has expired, has been revoked or has already been used: ask for a new invitation.',
  },
  invitation_not_found: { status: 404, message: 'Cette invitation est introuvable.', en: 'This invitation cannot be found.' },
  invitation_not_pending: {
    status: 409,
    message: 'Cette invitation a déjà été acceptée ou révoquée : il n’y a rien à révoquer.',
    en: 'This invitation has already been accepted or revoked: there is nothing to revoke.',
  },
  invitation_login_required: {
    status: 409,
    message: 'Un compte existe déjà avec l’adresse invitée : connectez-vous avec ce compte, puis rouvrez le lien pour accepter.',
    en: 'An account already exists with the invited address: log in with that account, then open the link again to accept.',
  },
  invitation_other_account: {
    status: 409,
    message: 'Cette invitation est adressée à une autre adresse e-mail que celle de votre compte : déconnectez-vous, puis rouvrez le lien.',
    en: 'This invitation was sent to a different email address from your account’s: log out, then open the link again.',
  },
  account_disabled: {
    status: 409,
    message: 'Le compte de cette adresse est désactivé : contactez un administrateur.',
    en: 'The account with this address is disabled: contact an administrator.',
  },
  outbox_message_not_found: {
    status: 404,
    message: 'Ce message est introuvable, ou il a été remis entre-temps : rechargez la page.',
    en: 'This message cannot be found, or it was delivered meanwhile: reload the page.',
  },
  user_not_found: { status: 404, message: 'Cet utilisateur est introuvable.', en: 'This user cannot be found.' },
  role_not_found: {
    status: 404,
    message: 'Ce rôle est introuvable pour cet utilisateur (peut-être déjà retiré) : rechargez la page.',
    en: 'This role cannot be found for this user (perhaps already removed): reload the page.',
  },
  cannot_disable_self: {
    status: 409,
    message: 'Vous ne pouvez pas désactiver votre propre compte : demandez-le à un autre administrateur.',
    en: 'You cannot disable your own account: ask another administrator to do it.',
  },
} satisfies Record<string, ProblemEntry>;
