import { z } from 'zod';
import { roles } from './actor';

export const emailSchema = z.string().trim().toLowerCase().email('adresse e-mail invalide').max(254);
export const passwordSchema = z.string().min(10, 'au moins 10 caractères').max(200);
export const displayNameSchema = z.string().trim().min(1, 'obligatoire').max(120);

export const loginBody = z.object({ email: emailSchema, password: z.string().min(1, 'obligatoire').max(200) });
export const setupBody = z.object({ email: emailSchema, password: passwordSchema, displayName: displayNameSchema });
export const roleSchema = z.enum(roles as ['coordinator', 'facilitator', 'member', 'reviewer']);

export const sessionView = z.object({
  authenticated: z.boolean(),
  setupRequired: z.boolean(),
  csrfToken: z.string(),
  user: z
    .object({
      id: z.string(),
      email: z.string(),
      displayName: z.string(),
      isAdmin: z.boolean(),
      locale: z.enum(['fr', 'en']),
      roles: z.array(z.object({ role: roleSchema, territoryId: z.string(), title: z.string().nullable() })),
    })
    .nullable(),
});
export type SessionView = z.infer<typeof sessionView>;

const uuid = z.uuid('identifiant invalide');
const coordinatorTitle = z.string().trim().max(120, '120 caractères au plus');

export const invitationCreateBody = z.object({
  email: emailSchema,
  role: roleSchema,
  territoryId: uuid,
  /** For coordinators: chargée de coopération, chef de projet contrat de ville, délégué du préfet… */
  title: coordinatorTitle.optional(),
});

export const invitationStatusSchema = z.enum(['pending', 'accepted', 'expired', 'revoked']);

export const invitationView = z.object({
  id: z.string(),
  email: z.string(),
  role: roleSchema,
  territoryId: z.string(),
  territoryName: z.string(),
  title: z.string().nullable(),
  invitedByName: z.string().nullable(),
  createdAt: z.string(),
  expiresAt: z.string(),
  status: invitationStatusSchema,
});
export type InvitationView = z.infer<typeof invitationView>;

export const invitationCreated = z.object({
  invitation: invitationView,
  /** The link to copy; also e-mailed when SMTP is configured. */
  link: z.string(),
  emailed: z.boolean(),
});

/** What the person holding an invitation link sees before accepting it. */
export const invitationPublicView = z.object({
  email: z.string(),
  role: roleSchema,
  territoryName: z.string(),
  title: z.string().nullable(),
  invitedByName: z.string().nullable(),
  expiresAt: z.string(),
  /** An account exists with this e-mail: log in with it to accept. */
  accountExists: z.boolean(),
});

export const invitationTokenParams = z.object({ token: z.string().min(20, 'lien d’invitation invalide').max(200) });

export const invitationAcceptBody = z.object({
  displayName: displayNameSchema.optional(),
  password: passwordSchema.optional(),
});

export const passwordChangeBody = z.object({
  currentPassword: z.string().min(1, 'obligatoire').max(200),
  newPassword: passwordSchema,
});

export const accountsIdParams = z.object({ id: uuid });

export const territoryRefView = z.object({ id: z.string(), name: z.string(), kind: z.string() });

export const roleAssignmentView = z.object({
  id: z.string(),
  role: roleSchema,
  territoryId: z.string(),
  territoryName: z.string(),
  title: z.string().nullable(),
});

export const userSummaryView = z.object({
  id: z.string(),
  email: z.string(),
  displayName: z.string(),
  isAdmin: z.boolean(),
  disabled: z.boolean(),
  createdAt: z.string(),
  roles: z.array(roleAssignmentView),
});

export const userPatchBody = z.object({ disabled: z.boolean() });

export const roleGrantBody = z.object({ role: roleSchema, territoryId: uuid, title: coordinatorTitle.optional() });

export const roleParams = z.object({ id: uuid, assignmentId: uuid });

export const auditQuery = z.object({
  territoryId: uuid.optional(),
  before: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const auditEntryView = z.object({
  id: z.number(),
  at: z.string(),
  actorName: z.string().nullable(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string().nullable(),
  territoryId: z.string().nullable(),
  territoryName: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
});

export const accountsSearchQuery = z.object({ q: z.string().trim().max(100).optional() });

export type InvitationCreatedView = z.infer<typeof invitationCreated>;
export type InvitationPublicView = z.infer<typeof invitationPublicView>;
export type TerritoryRefView = z.infer<typeof territoryRefView>;
export type RoleAssignmentView = z.infer<typeof roleAssignmentView>;
export type UserSummaryView = z.infer<typeof userSummaryView>;
export type AuditEntryView = z.infer<typeof auditEntryView>;
