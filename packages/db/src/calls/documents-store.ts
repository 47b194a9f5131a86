import { createHash } from 'node:crypto';
import { DOCUMENT_MAX_BYTES, type DocumentKind, type DocumentType, isEditable } from '@maillage/core';
import type { Kysely } from 'kysely';
import { withAudit } from '../accounts/store';
import type { DB } from '../schema';

/**
 * An application's supporting documents (RIB, statuts, bilan N-1…), kept in the database so that
 * every instance of a deployment serves them. The type is checked on the bytes' signature, not
 * only on the name: a PDF begins with %PDF, a PNG and a JPEG with their magic numbers, an ODT or
 * DOCX is a ZIP.
 */

type Db = Kysely<DB>;

const startsWith = (bytes: Uint8Array, magic: readonly number[]) => magic.every((b, i) => bytes[i] === b);
const MAGIC: Record<DocumentType, readonly number[]> = {
  'application/pdf': [0x25, 0x50, 0x44, 0x46], // %PDF
  'image/png': [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
  'image/jpeg': [0xff, 0xd8, 0xff],
  'application/vnd.oasis.opendocument.text': [0x50, 0x4b, 0x03, 0x04], // PK (ZIP)
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': [0x50, 0x4b, 0x03, 0x04],
};

/** Whether the bytes are what the declared type says. */
export function bytesMatchType(bytes: Uint8Array, mime: DocumentType): boolean {
  return startsWith(bytes, MAGIC[mime]);
}

export type DocumentFailure = 'document_empty' | 'document_too_large' | 'document_type_mismatch' | 'application_not_editable' | 'application_not_found';

export interface NewDocument {
  readonly applicationId: string;
  readonly kind: DocumentKind;
  readonly organisationId: string | null;
  readonly filename: string;
  readonly mime: DocumentType;
  readonly bytes: Uint8Array;
  readonly userId: string | null;
}

/** Adds a document to an application still editable: its id, or why not. */
export async function addDocument(db: Db, doc: NewDocument): Promise<{ ok: true; id: string } | { ok: false; error: DocumentFailure }> {
  if (doc.bytes.length === 0) return { ok: false, error: 'document_empty' };
  if (doc.bytes.length > DOCUMENT_MAX_BYTES) return { ok: false, error: 'document_too_large' };
  if (!bytesMatchType(doc.bytes, doc.mime)) return { ok: false, error: 'document_type_mismatch' };
  const app = await db
    .selectFrom('applications as a')
    .innerJoin('calls as c', 'c.id', 'a.call_id')
    .select(['a.call_id', 'a.status', 'c.territory_id'])
    .where('a.id', '=', doc.applicationId)
    .executeTakeFirst();
  if (!app) return { ok: false, error: 'application_not_found' };
  if (!isEditable(app.status)) return { ok: false, error: 'application_not_editable' };
  const sha256 = createHash('sha256').update(doc.bytes).digest('hex');
  const id = await withAudit(
    db,
    (fileId: string) => ({
      actorUserId: doc.userId,
      action: 'application.document.add',
      entityType: 'application',
      entityId: doc.applicationId,
      territoryId: app.territory_id,
      details: { fileId, kind: doc.kind, size: doc.bytes.length, sha256 },
    }),
    async (trx) => {
      const row = await trx
        .insertInto('call_files')
        .values({
          call_id: app.call_id,
          application_id: doc.applicationId,
          organisation_id: doc.organisationId,
          kind: doc.kind,
          filename: doc.filename,
          mime: doc.mime,
          size: doc.bytes.length,
          sha256,
          content: doc.bytes,
          uploaded_by: doc.userId,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await trx.updateTable('applications').set({ updated_at: new Date() }).where('id', '=', doc.applicationId).execute();
      return row.id;
    },
  );
  return { ok: true, id };
}

/** A document of an application (undefined when it is not one of this application's). */
export async function readDocument(db: Db, applicationId: string, documentId: string) {
  const row = await db
    .selectFrom('call_files')
    .select(['id', 'filename', 'mime', 'size', 'sha256', 'content'])
    .where('id', '=', documentId)
    .where('application_id', '=', applicationId)
    .executeTakeFirst();
  return row ? { ...row, content: Buffer.from(row.content) } : undefined;
}

/** Deletes a document while the application is still editable. */
export async function deleteDocument(
  db: Db,
  input: { applicationId: string; documentId: string; userId: string | null },
): Promise<{ ok: true } | { ok: false; error: 'document_not_found' | 'application_not_editable' }> {
  const app = await db
    .selectFrom('applications as a')
    .innerJoin('calls as c', 'c.id', 'a.call_id')
    .select(['a.status', 'c.territory_id'])
    .where('a.id', '=', input.applicationId)
    .executeTakeFirst();
  const doc = await db
    .selectFrom('call_files')
    .select('id')
    .where('id', '=', input.documentId)
    .where('application_id', '=', input.applicationId)
    .executeTakeFirst();
  if (!app || !doc) return { ok: false, error: 'document_not_found' };
  if (!isEditable(app.status)) return { ok: false, error: 'application_not_editable' };
  await withAudit(
    db,
    {
      actorUserId: input.userId,
      action: 'application.document.delete',
      entityType: 'application',
      entityId: input.applicationId,
      territoryId: app.territory_id,
      details: { fileId: input.documentId },
    },
    async (trx) => {
      await trx.deleteFrom('call_files').where('id', '=', input.documentId).execute();
    },
  );
  return { ok: true };
}
