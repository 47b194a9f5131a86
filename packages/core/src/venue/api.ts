import { z } from 'zod';
import { type EndpointMap, endpoint } from '../shared/endpoint';

/** The largest return file the day's page accepts (bytes), its size in base64, and the routes' body limit. */
export const venueMaxBytes = 32 * 1024 * 1024;
const venueBase64Max = Math.ceil(venueMaxBytes / 3) * 4;
export const venueBodyLimit = 48 * 1024 * 1024;

const passphrase = z
  .string('phrase de passe obligatoire')
  .min(8, 'la phrase de passe doit compter au moins 8 caractères')
  .max(200, 'la phrase de passe compte au plus 200 caractères');

/** Downloading the day for the laptop: the passphrase that encrypts the file. */
export const venueExportBody = z.object({ passphrase });
export type VenueExportBody = z.infer<typeof venueExportBody>;

/** Bringing the day back: the return file (in base64), its name (said in the errors) and its passphrase. */
export const venueImportBody = z.object({
  passphrase,
  fileName: z.string().trim().max(200, 'nom de fichier trop long').default('journee-retour.maillage'),
  contentBase64: z
    .string('fichier obligatoire')
    .min(1, 'fichier vide')
    .max(venueBase64Max, `fichier trop volumineux : ${venueMaxBytes / 1024 / 1024} Mo au plus`),
});
export type VenueImportBody = z.infer<typeof venueImportBody>;

export const venueConflictReasons = ['registration_cancelled', 'edited_both_sides', 'gone_from_territory', 'refused_by_territory'] as const;

/** What the import did, and what a person must decide (conflicts) or link (probable duplicates). */
export const venueImportView = z.object({
  eventId: z.string(),
  changed: z.number(),
  inserted: z.record(z.string(), z.number()),
  updated: z.record(z.string(), z.number()),
  conflicts: z.array(
    z.object({
      table: z.string(),
      id: z.string(),
      label: z.string(),
      reason: z.enum(venueConflictReasons),
      columns: z.array(z.string()),
    }),
  ),
  duplicates: z.array(
    z.object({
      walkInName: z.string(),
      registrationId: z.string().nullable(),
      personId: z.string().nullable(),
      directoryPersonId: z.string(),
      directoryName: z.string(),
    }),
  ),
});
export type VenueImportView = z.infer<typeof venueImportView>;

const idParams = z.object({ id: z.uuid('journée invalide') });

/** What a person may decide about a conflict: keep the territory's row, or take the laptop's. */
export const venueConflictStatuses = ['open', 'kept_territory', 'took_laptop'] as const;
export type VenueConflictStatus = (typeof venueConflictStatuses)[number];
/** What a person may decide about a probable duplicate: the same person (linked), or two people. */
export const venueDuplicateStatuses = ['open', 'linked', 'kept_separate'] as const;
export type VenueDuplicateStatus = (typeof venueDuplicateStatuses)[number];

const decided = { decidedBy: z.string().nullable(), decidedAt: z.string().nullable() };
/** A conflict kept after the import, with both versions of the row (the compared columns only). */
export const venueConflictView = z.object({
  id: z.string(),
  table: z.string(),
  rowKey: z.string(),
  label: z.string(),
  reason: z.enum(venueConflictReasons),
  columns: z.array(z.string()),
  territory: z.record(z.string(), z.unknown()).nullable(),
  laptop: z.record(z.string(), z.unknown()),
  /** Whether « take the laptop's version » can be applied (the row is still here and was edited). */
  canTakeLaptop: z.boolean(),
  status: z.enum(venueConflictStatuses),
  ...decided,
});
export type VenueConflictView = z.infer<typeof venueConflictView>;

/** A walk-in who looks like someone of the directory, kept after the import. */
export const venueDuplicateView = z.object({
  id: z.string(),
  walkInName: z.string(),
  registrationId: z.string().nullable(),
  directoryPersonId: z.string(),
  directoryName: z.string(),
  status: z.enum(venueDuplicateStatuses),
  ...decided,
});
export type VenueDuplicateView = z.infer<typeof venueDuplicateView>;

/** What is left to decide after the day, and what was decided (by whom, when). */
export const venueDecisionsView = z.object({ conflicts: z.array(venueConflictView), duplicates: z.array(venueDuplicateView) });
export type VenueDecisionsView = z.infer<typeof venueDecisionsView>;

export const venueConflictDecisionBody = z.object({
  decision: z.enum(['kept_territory', 'took_laptop'], 'choisissez la version à garder'),
});
export type VenueConflictDecisionBody = z.infer<typeof venueConflictDecisionBody>;
export const venueDuplicateDecisionBody = z.object({
  decision: z.enum(['linked', 'kept_separate'], 'dites s’il s’agit de la même personne'),
});
export type VenueDuplicateDecisionBody = z.infer<typeof venueDuplicateDecisionBody>;

/** The day on a laptop, from the day's page: the venue file down, the return file up. */
export const venueEndpoints = {
  venueExport: endpoint({
    method: 'POST',
    url: '/api/events/:id/venue/export',
    params: idParams,
    body: venueExportBody,
    produces: 'application/octet-stream',
  }),
  venueImport: endpoint({
    method: 'POST',
    url: '/api/events/:id/venue/import',
    params: idParams,
    body: venueImportBody,
    status: 200,
    response: venueImportView,
  }),
  venueDecisions: endpoint({
    method: 'GET',
    url: '/api/events/:id/venue/decisions',
    params: idParams,
    response: venueDecisionsView,
  }),
  venueDecideConflict: endpoint({
    method: 'POST',
    url: '/api/events/:id/venue/conflicts/:conflictId/decision',
    params: idParams.extend({ conflictId: z.uuid('conflit invalide') }),
    body: venueConflictDecisionBody,
    status: 200,
    response: venueDecisionsView,
  }),
  venueDecideDuplicate: endpoint({
    method: 'POST',
    url: '/api/events/:id/venue/duplicates/:duplicateId/decision',
    params: idParams.extend({ duplicateId: z.uuid('doublon invalide') }),
    body: venueDuplicateDecisionBody,
    status: 200,
    response: venueDecisionsView,
  }),
};

export type VenueApi = EndpointMap<typeof venueEndpoints>;
