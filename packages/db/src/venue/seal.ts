import { createCipheriv, createDecipheriv, randomBytes, scryptSync } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import {
  decodeVenueHeader,
  encodeVenueHeader,
  VENUE_FORMAT_VERSION,
  VENUE_HEADER_BYTES,
  type VenueFileError,
  type VenueFileKind,
  type VenuePayload,
  venueFileErrorMessage,
  venuePayload,
} from '@maillage/core';

/** A venue file that cannot be read: its code and the French message to show. */
export class VenueFileProblem extends Error {
  constructor(
    readonly code: VenueFileError,
    message: string,
  ) {
    super(message);
    this.name = 'VenueFileProblem';
  }
}

const SCRYPT_LOG_N = 15;

function keyOf(passphrase: string, salt: Uint8Array, logN: number): Buffer {
  // N = 2^15, r = 8: 32 MiB and a fraction of a second, once per file.
  return scryptSync(passphrase.normalize('NFC'), salt, 32, { N: 2 ** logN, r: 8, p: 1, maxmem: 256 * 2 ** 20 });
}

/** Encrypts a day (scrypt → AES-256-GCM, the header authenticated with it) into a venue file. */
export function sealVenue(payload: VenuePayload, passphrase: string): Buffer {
  if (!passphrase) throw new Error('la phrase de passe est vide');
  const plain = gzipSync(Buffer.from(JSON.stringify(payload)));
  const salt = randomBytes(16);
  const iv = randomBytes(12);
  const key = keyOf(passphrase, salt, SCRYPT_LOG_N);
  // The header is written twice: first with a blank tag as the cipher's additional data (the tag
  // is not known yet), then with the tag; `openVenue` blanks it the same way before checking.
  const draft = { version: VENUE_FORMAT_VERSION, kind: payload.kind as VenueFileKind, scryptLogN: SCRYPT_LOG_N, salt, iv, length: 0 };
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const ciphertextLength = plain.length; // GCM is a stream mode: same length
  cipher.setAAD(encodeVenueHeader({ ...draft, tag: new Uint8Array(16), length: ciphertextLength }));
  const body = Buffer.concat([cipher.update(plain), cipher.final()]);
  const header = encodeVenueHeader({ ...draft, tag: cipher.getAuthTag(), length: body.length });
  return Buffer.concat([header, body]);
}

/**
 * Decrypts and checks a venue file; throws a `VenueFileProblem` with a French message naming the
 * file (not a venue file, another format version, truncated, wrong passphrase, wrong kind).
 */
export function openVenue(file: Uint8Array, passphrase: string, name: string, expected: VenueFileKind): VenuePayload {
  const decoded = decodeVenueHeader(file);
  if (!decoded.ok) throw new VenueFileProblem(decoded.error, venueFileErrorMessage(decoded.error, name, { version: decoded.version }));
  const { header } = decoded;
  if (header.kind !== expected) throw new VenueFileProblem('wrong_kind', venueFileErrorMessage('wrong_kind', name, { kind: expected }));
  const key = keyOf(passphrase, header.salt, header.scryptLogN);
  const decipher = createDecipheriv('aes-256-gcm', key, header.iv);
  decipher.setAAD(encodeVenueHeader({ ...header, tag: new Uint8Array(16) }));
  decipher.setAuthTag(header.tag);
  let plain: Buffer;
  try {
    const body = file.subarray(VENUE_HEADER_BYTES, VENUE_HEADER_BYTES + header.length);
    plain = Buffer.concat([decipher.update(body), decipher.final()]);
  } catch {
    throw new VenueFileProblem('wrong_passphrase', venueFileErrorMessage('wrong_passphrase', name));
  }
  try {
    const parsed = venuePayload.safeParse(JSON.parse(gunzipSync(plain).toString('utf8')));
    if (parsed.success && parsed.data.kind === expected) return parsed.data;
  } catch {
    // falls through to the same message
  }
  throw new VenueFileProblem('unreadable_payload', venueFileErrorMessage('unreadable_payload', name));
}
