/**
 * The venue file (`journee.maillage`, `journee-retour.maillage`): one day of a territory, carried
 * to a laptop and back. It holds personal data (names, e-mails, password hashes), so its body is
 * always encrypted; this module only knows the header's layout, never the key (core does no
 * crypto): the sealing is in `packages/db/src/venue/seal.ts`.
 *
 * Layout (big-endian):
 *   0  16  magic "MAILLAGE-JOURNEE"
 *  16   2  format version (VENUE_FORMAT_VERSION)
 *  18   1  kind: 1 export (territory → laptop), 2 bundle (laptop → territory)
 *  19   1  scrypt cost, log2 N
 *  20  16  scrypt salt
 *  36  12  AES-256-GCM nonce
 *  48  16  AES-256-GCM tag
 *  64   4  length of the ciphertext
 *  68   …  ciphertext: gzip of the JSON payload (`venuePayload`); the 68 header bytes are the
 *          cipher's additional data, so a changed header fails like a wrong passphrase.
 */
export const VENUE_MAGIC = 'MAILLAGE-JOURNEE';
export const VENUE_FORMAT_VERSION = 1;
export const VENUE_HEADER_BYTES = 68;

export type VenueFileKind = 'export' | 'bundle';

export interface VenueHeader {
  version: number;
  kind: VenueFileKind;
  scryptLogN: number;
  salt: Uint8Array;
  iv: Uint8Array;
  tag: Uint8Array;
  length: number;
}

/** Why a venue file cannot be read: each has its French message (`venueFileErrorMessage`). */
export type VenueFileError = 'not_venue_file' | 'other_version' | 'truncated' | 'wrong_passphrase' | 'wrong_kind' | 'unreadable_payload';

const kindCodes: Record<VenueFileKind, number> = { export: 1, bundle: 2 };

/** Writes the header of a sealed venue file. */
export function encodeVenueHeader(h: VenueHeader): Uint8Array {
  const out = new Uint8Array(VENUE_HEADER_BYTES);
  const view = new DataView(out.buffer);
  for (let i = 0; i < VENUE_MAGIC.length; i++) out[i] = VENUE_MAGIC.charCodeAt(i);
  view.setUint16(16, h.version);
  out[18] = kindCodes[h.kind];
  out[19] = h.scryptLogN;
  out.set(h.salt.subarray(0, 16), 20);
  out.set(h.iv.subarray(0, 12), 36);
  out.set(h.tag.subarray(0, 16), 48);
  view.setUint32(64, h.length);
  return out;
}

export type DecodedHeader = { ok: true; header: VenueHeader } | { ok: false; error: VenueFileError; version?: number };

/**
 * Reads a venue file's header and checks, in order, that it is one (magic), of this format
 * version, and whole (the ciphertext as long as the header says). The passphrase is checked later.
 */
export function decodeVenueHeader(file: Uint8Array, expected?: VenueFileKind): DecodedHeader {
  if (file.length < 18) return { ok: false, error: file.length === 0 || !startsWithMagic(file) ? 'not_venue_file' : 'truncated' };
  if (!startsWithMagic(file)) return { ok: false, error: 'not_venue_file' };
  const view = new DataView(file.buffer, file.byteOffset, file.byteLength);
  const version = view.getUint16(16);
  if (version !== VENUE_FORMAT_VERSION) return { ok: false, error: 'other_version', version };
  if (file.length < VENUE_HEADER_BYTES) return { ok: false, error: 'truncated' };
  const kind = file[18] === 1 ? 'export' : file[18] === 2 ? 'bundle' : undefined;
  if (!kind) return { ok: false, error: 'not_venue_file' };
  if (expected && kind !== expected) return { ok: false, error: 'wrong_kind' };
  const length = view.getUint32(64);
  if (file.length < VENUE_HEADER_BYTES + length) return { ok: false, error: 'truncated' };
  return {
    ok: true,
    header: {
      version,
      kind,
      scryptLogN: file[19] as number,
      salt: file.slice(20, 36),
      iv: file.slice(36, 48),
      tag: file.slice(48, 64),
      length,
    },
  };
}

function startsWithMagic(file: Uint8Array): boolean {
  for (let i = 0; i < Math.min(VENUE_MAGIC.length, file.length); i++) if (file[i] !== VENUE_MAGIC.charCodeAt(i)) return false;
  return true;
}

/** The French message a person reads for each error, naming the file. */
export function venueFileErrorMessage(error: VenueFileError, file: string, detail?: { version?: number; kind?: VenueFileKind }): string {
  switch (error) {
    case 'not_venue_file':
      return `« ${file} » n’est pas un fichier de journée maillage (.maillage). Rien n’a été importé.`;
    case 'other_version':
      return `« ${file} » a été écrit par une autre version de maillage (format ${detail?.version ?? '?'}, celle-ci lit le format ${VENUE_FORMAT_VERSION}). Mettez les deux instances à la même version de maillage, puis refaites le fichier. Rien n’a été importé.`;
    case 'truncated':
      return `« ${file} » est incomplet (tronqué pendant la copie ?). Copiez-le à nouveau depuis l’original. Rien n’a été importé.`;
    case 'wrong_passphrase':
      return `Phrase de passe incorrecte pour « ${file} » (ou fichier altéré). Vérifiez la phrase de passe choisie à l’export. Rien n’a été importé.`;
    case 'wrong_kind':
      return detail?.kind === 'export'
        ? `« ${file} » est un fichier retour de journée (venue bundle) : importez-le sur l’instance du territoire avec « maillage venue import ». Rien n’a été importé.`
        : `« ${file} » est un fichier de préparation de journée (venue export) : ouvrez-le sur le portable avec « maillage venue serve ». Rien n’a été importé.`;
    case 'unreadable_payload':
      return `« ${file} » est déchiffré mais son contenu est illisible. Rien n’a été importé.`;
  }
}
