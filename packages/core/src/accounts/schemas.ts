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
