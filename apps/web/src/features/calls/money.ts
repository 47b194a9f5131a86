/**
 * Amounts as people type them in euros (`1 234,56`), turned into integer cents and back. Pure:
 * no floating point on the way (the digits are read as text), so `0,29` is 29 cents, not 28.
 */

export type ParsedEuros =
  | { readonly ok: true; readonly cents: number }
  | { readonly ok: false; readonly reason: 'format' | 'decimals' | 'negative' | 'too_large' };

/** The largest amount of a line: a billion euros (MAX_LINE_CENTS in core). */
const MAX_CENTS = 100_000_000_000;

/**
 * `'1 234,56'` → 123456. Spaces (plain, no-break, narrow) group thousands; the comma (or a dot,
 * when there is no comma) separates at most two decimals; a trailing `€` is allowed. An empty
 * field is 0. Three decimals, a sign, letters or two separators are refused with a reason.
 */
export function parseEuros(input: string): ParsedEuros {
  const text = input
    .replace(/[\s\u00a0\u202f]/g, '')
    .replace(/€$/, '')
    .trim();
  if (text === '') return { ok: true, cents: 0 };
  if (text.startsWith('-')) return { ok: false, reason: 'negative' };
  const normalised = text.includes(',') ? text : text.replace('.', ',');
  const m = normalised.match(/^(\d+)(?:,(\d*))?$/);
  if (!m) return { ok: false, reason: 'format' };
  const whole = m[1] as string;
  const decimals = m[2] ?? '';
  if (decimals.length > 2) return { ok: false, reason: 'decimals' };
  if (whole.replace(/^0+/, '').length > 10) return { ok: false, reason: 'too_large' };
  const cents = Number(whole) * 100 + Number(decimals.padEnd(2, '0'));
  if (cents > MAX_CENTS) return { ok: false, reason: 'too_large' };
  return { ok: true, cents };
}

/** 123456 → `'1 234,56'`: what an amount field shows (plain spaces, easy to edit back). */
export function formatEurosInput(cents: number): string {
  const negative = cents < 0;
  const abs = Math.abs(cents);
  const euros = String(Math.floor(abs / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
  return `${negative ? '-' : ''}${euros},${String(abs % 100).padStart(2, '0')}`;
}
