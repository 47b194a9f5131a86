import { z } from 'zod';
import { VENUE_FORMAT_VERSION } from './format';

/** One table's rows, as PostgreSQL's `to_jsonb(row)` wrote them. */
export const venueRows = z.array(z.record(z.string(), z.unknown()));
export type VenueRow = Record<string, unknown>;
export type VenueTables = Record<string, VenueRow[]>;

/**
 * What a venue file holds once decrypted: the manifest (which day, from where, when) and the
 * rows of the day, table by table. A bundle also carries `base`: the rows as the export gave
 * them, so that the territory's instance can tell who changed what during the day (three-way).
 */
export const venuePayload = z.object({
  format: z.literal(VENUE_FORMAT_VERSION),
  kind: z.enum(['export', 'bundle']),
  eventId: z.uuid(),
  eventTitle: z.string(),
  territoryId: z.uuid(),
  createdAt: z.string(),
  /** The last migration of the instance that wrote the file. */
  schema: z.string(),
  tables: z.record(z.string(), venueRows),
  base: z.record(z.string(), venueRows).optional(),
});
export type VenuePayload = z.output<typeof venuePayload>;

/** Row counts per table, for the manifest and the reports. */
export function venueCounts(tables: VenueTables): Record<string, number> {
  return Object.fromEntries(Object.entries(tables).map(([name, rows]) => [name, rows.length]));
}
