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
};

export type VenueApi = EndpointMap<typeof venueEndpoints>;
