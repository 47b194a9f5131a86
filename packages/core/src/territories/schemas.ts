import { z } from 'zod';
import { customKinds, territoryKinds } from './model';

export const territoryKindSchema = z.enum(territoryKinds);
export const customTerritoryKindSchema = z.enum(customKinds, { error: 'choisissez quartier, QPV ou ruralité' });

/** `kind=commune,epci` or `kind=commune&kind=epci`. */
const kindsParam = z
  .union([z.string(), z.array(z.string())])
  .transform((v) => (Array.isArray(v) ? v : v.split(',')).map((s) => s.trim()).filter(Boolean))
  .pipe(z.array(territoryKindSchema).max(territoryKinds.length))
  .optional();

export const territorySearchQuery = z.object({
  q: z.string().max(100, '100 caractères au plus').default(''),
  kind: kindsParam,
  limit: z.coerce.number().int().min(1).max(50).default(20),
});

export const territoryIdParams = z.object({ id: z.uuid('identifiant de territoire invalide') });
export const territorySlugParams = z.object({
  slug: z
    .string()
    .min(1)
    .max(120)
    .regex(/^[a-z0-9-]+$/, 'adresse de territoire invalide'),
});

export const territoryChildrenQuery = z.object({
  kind: kindsParam,
  descendants: z
    .enum(['true', 'false', '1', '0'])
    .transform((v) => v === 'true' || v === '1')
    .default(false),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
});

const nameSchema = z.string().trim().min(2, 'au moins 2 caractères').max(120, '120 caractères au plus');
const codeSchema = z
  .string()
  .trim()
  .toUpperCase()
  .max(20, '20 caractères au plus')
  .regex(/^[A-Z0-9-]*$/, 'lettres, chiffres et tirets seulement (par exemple QN07801M)')
  .transform((v) => (v === '' ? null : v))
  .nullable()
  .optional();
const populationSchema = z.number().int('nombre entier').min(0).max(20_000_000).nullable().optional();
const communeIdsSchema = z
  .array(z.uuid('identifiant de commune invalide'), { error: 'choisissez au moins une commune' })
  .min(1, 'choisissez au moins une commune')
  .max(500, '500 communes au plus');

export const createTerritoryBody = z.object({
  name: nameSchema,
  kind: customTerritoryKindSchema,
  code: codeSchema,
  population: populationSchema,
  communeIds: communeIdsSchema,
});
export type CreateTerritoryBody = z.infer<typeof createTerritoryBody>;

export const updateTerritoryBody = z
  .object({ name: nameSchema.optional(), code: codeSchema, population: populationSchema, communeIds: communeIdsSchema.optional() })
  .refine((b) => Object.values(b).some((v) => v !== undefined), { message: 'rien à modifier' });
export type UpdateTerritoryBody = z.infer<typeof updateTerritoryBody>;

export const territorySummaryView = z.object({
  id: z.string(),
  kind: territoryKindSchema,
  code: z.string().nullable(),
  name: z.string(),
  /** The name with its département code when homonyms exist: "Vernouillet (78)". */
  label: z.string(),
  slug: z.string(),
  population: z.number().nullable(),
  deptCode: z.string().nullable(),
  epciType: z.string().nullable(),
});
export type TerritorySummaryView = z.infer<typeof territorySummaryView>;

export const territoryDetailView = territorySummaryView.extend({
  parents: z.array(territorySummaryView),
  childCounts: z.record(z.string(), z.number()),
  custom: z.boolean(),
  kindLabel: z.string(),
});
export type TerritoryDetailView = z.infer<typeof territoryDetailView>;

export const territoryListView = z.object({ items: z.array(territorySummaryView), total: z.number() });
