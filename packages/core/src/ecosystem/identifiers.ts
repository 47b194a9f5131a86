/** Checks a digit string with the Luhn key (SIREN, SIRET). */
export function luhnValid(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** La Poste's establishments are the one known exception to the SIRET Luhn key. */
const LA_POSTE_SIREN = '356000000';

export type CompanyIdCheck =
  | { readonly ok: true; readonly siren: string; readonly siret: string | null }
  | { readonly ok: false; readonly error: 'siren_format' | 'siren_key' | 'siret_key' };

/**
 * Validates a SIREN (9 digits) or SIRET (14 digits), spaces and dots allowed.
 * A SIRET's first nine digits are its SIREN; both carry a Luhn key.
 */
export function checkCompanyId(raw: string): CompanyIdCheck {
  const digits = raw.replace(/[\s.\u00a0-]/g, '');
  if (!/^\d{9}$|^\d{14}$/.test(digits)) return { ok: false, error: 'siren_format' };
  const siren = digits.slice(0, 9);
  if (!luhnValid(siren)) return { ok: false, error: 'siren_key' };
  if (digits.length === 14) {
    const valid = luhnValid(digits) || (siren === LA_POSTE_SIREN && [...digits].reduce((s, c) => s + Number(c), 0) % 5 === 0);
    if (!valid) return { ok: false, error: 'siret_key' };
    return { ok: true, siren, siret: digits };
  }
  return { ok: true, siren, siret: null };
}

/** RNA number of an association: "W" then 9 characters (W751234567, W2A1000123, W9M1000001). */
export function normaliseRna(raw: string): string | null {
  const value = raw.replace(/\s/g, '').toUpperCase();
  return /^W[0-9][0-9A-Z]\d{7}$/.test(value) ? value : null;
}
