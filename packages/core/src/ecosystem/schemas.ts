import { z } from 'zod';
import { checkCompanyId, normaliseRna } from './identifiers';
import { actorKindList } from './model';

const uuid = z.uuid('identifiant invalide');
const isoDate = z.iso.date('date attendue au format AAAA-MM-JJ');
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `au plus ${max} caractères`)
    .nullish()
    .transform((v) => (v ? v : null));

export const organisationKindSchema = z.enum(actorKindList as [string, ...string[]], 'type d’acteur inconnu');

/** A SIREN or SIRET, spaces allowed, checked with its Luhn key. */
export const companyIdSchema = z
  .string()
  .trim()
  .transform((value, ctx) => {
    const check = checkCompanyId(value);
    if (!check.ok) {
      ctx.addIssue({
        code: 'custom',
        message:
          check.error === 'siren_format' ? 'un SIREN a 9 chiffres, un SIRET 14' : 'numéro invalide : la clé de contrôle ne correspond pas',
      });
      return z.NEVER;
    }
    return check;
  });

export const rnaSchema = z
  .string()
  .trim()
  .transform((value, ctx) => {
    const rna = normaliseRna(value);
    if (!rna) {
      ctx.addIssue({ code: 'custom', message: 'un numéro RNA s’écrit W suivi de 9 caractères (W751234567)' });
      return z.NEVER;
    }
    return rna;
  });

export const organisationBody = z.object({
  name: z.string().trim().min(2, 'au moins 2 caractères').max(200, 'au plus 200 caractères'),
  kind: organisationKindSchema,
  companyId: z.union([z.literal(''), companyIdSchema]).optional(),
  rna: z.union([z.literal(''), rnaSchema]).optional(),
  communeId: uuid.optional(),
  territoryIds: z.array(uuid).min(1, 'au moins un territoire d’action').max(50),
  themeIds: z.array(uuid).max(30).default([]),
  description: optionalText(4000),
  address: optionalText(300),
  website: z
    .union([z.literal(''), z.url({ protocol: /^https?$/, error: 'adresse web invalide : elle commence par https:// ou http://' }).max(300)])
    .optional(),
  publicEmail: z.union([z.literal(''), z.email('adresse e-mail invalide').max(254)]).optional(),
  publicPhone: optionalText(40),
  /** Create even though a probable duplicate exists (it can be merged later). */
  allowDuplicate: z.boolean().default(false),
});
export type OrganisationBody = z.infer<typeof organisationBody>;

export const personBody = z
  .object({
    name: z.string().trim().min(2, 'au moins 2 caractères').max(160, 'au plus 160 caractères'),
    function: optionalText(160),
    organisationIds: z.array(uuid).max(20).default([]),
    territoryIds: z.array(uuid).max(50).default([]),
    themeIds: z.array(uuid).max(30).default([]),
    isResource: z.boolean().default(false),
    resourceFor: optionalText(300),
    email: z.union([z.literal(''), z.email('adresse e-mail invalide').max(254)]).optional(),
    phone: optionalText(40),
    contactConsent: z.boolean().default(false),
    contactConsentOn: isoDate.optional(),
    userId: uuid.optional(),
  })
  .refine((p) => p.contactConsent || (!p.email && !p.phone), {
    message: 'des coordonnées ne peuvent être enregistrées qu’avec le consentement de la personne',
    path: ['contactConsent'],
  })
  .refine((p) => p.organisationIds.length + p.territoryIds.length > 0, {
    message: 'indiquez au moins une organisation ou un territoire',
    path: ['territoryIds'],
  });
export type PersonBody = z.infer<typeof personBody>;

export const themeBody = z.object({
  territoryId: uuid,
  label: z.string().trim().min(2, 'au moins 2 caractères').max(80, 'au plus 80 caractères'),
});

export const assessmentBody = z.object({
  /** The organisation on behalf of which the assessment is made. */
  organisationId: uuid,
  partnerId: uuid,
  level: z.number().int('un niveau entier').min(1, 'niveau de 1 à 7').max(7, 'niveau de 1 à 7'),
  assessedOn: isoDate,
  note: optionalText(2000),
});
export type AssessmentBody = z.infer<typeof assessmentBody>;

export const acquaintanceBody = z.object({ personId: uuid, knownPersonId: uuid });

export const mergeBody = z.object({ duplicateId: uuid });

const boolQuery = z
  .enum(['true', 'false', '1', '0', ''])
  .optional()
  .transform((v) => v === 'true' || v === '1');

export const directoryQuery = z.object({
  q: z.string().trim().max(100).default(''),
  territoryId: uuid.optional(),
  kind: organisationKindSchema.optional(),
  themeId: uuid.optional(),
  resource: boolQuery,
  limit: z.coerce.number().int().min(1).max(100).default(30),
});
export type DirectoryQuery = z.infer<typeof directoryQuery>;

export const mapQuery = z.object({
  territoryId: uuid,
  themeId: uuid.optional(),
  kind: organisationKindSchema.optional(),
  minLevel: z.coerce.number().int().min(1).max(7).default(1),
  at: isoDate.optional(),
});
export type MapQuery = z.infer<typeof mapQuery>;

export const territoryQuery = z.object({ territoryId: uuid });
export const mobiliseQuery = z.object({ territoryId: uuid, themeId: uuid });

/** The largest CSV file an import accepts (bytes), and its size once in base64. */
export const importMaxBytes = 5 * 1024 * 1024;
const importBase64Max = Math.ceil(importMaxBytes / 3) * 4;
/** The body limit of the import routes: the base64 file and room to spare, so the schema's message is the one people read. */
export const importBodyLimit = 16 * 1024 * 1024;

export const importBody = z.object({
  kind: z.enum(['organisations', 'people'], 'organisations ou people'),
  territoryId: uuid,
  /** The file's bytes in base64, so that Windows-1252 files arrive intact. */
  contentBase64: z
    .string()
    .min(1, 'fichier vide')
    .max(importBase64Max, `fichier trop volumineux : ${importMaxBytes / 1024 / 1024} Mo au plus ; découpez-le en plusieurs fichiers`),
  importDuplicates: z.boolean().default(false),
});
export type ImportBody = z.infer<typeof importBody>;

export const exportQuery = z.object({ territoryId: uuid, format: z.enum(['csv', 'json']).default('csv') });

export const idParams = z.object({ id: uuid });
export const pairParams = z.object({ a: uuid, b: uuid });
