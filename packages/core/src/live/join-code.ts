/* Zod-free: the home page's join field reads it without loading the schemas. */

/**
 * Join codes: 6 characters from an alphabet without look-alikes (no I, L, O, 0, 1), read aloud
 * and typed on a phone. 31^6 ≈ 8.9 × 10^8 codes; the server slows down wrong guesses per client
 * address (apps/server/src/live/join-guard.ts): about 14,000 guesses a day from one address, years
 * on average to hit one of 50 open rooms.
 */
export const JOIN_CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const JOIN_CODE_LENGTH = 6;

/** A join code from random bytes (rejection sampling, so every character is equally likely). */
export function joinCodeFrom(randomBytes: (n: number) => Uint8Array): string {
  const limit = 256 - (256 % JOIN_CODE_ALPHABET.length);
  let code = '';
  while (code.length < JOIN_CODE_LENGTH) {
    for (const b of randomBytes(16)) {
      if (b < limit && code.length < JOIN_CODE_LENGTH) code += JOIN_CODE_ALPHABET[b % JOIN_CODE_ALPHABET.length];
    }
  }
  return code;
}

/** What people type is forgiven: case, spaces and dashes. */
export function normaliseJoinCode(raw: string): string {
  return raw.toUpperCase().replace(/[\s-]/g, '');
}
