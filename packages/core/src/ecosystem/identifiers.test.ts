import { describe, expect, it } from 'vitest';
import { checkCompanyId, luhnValid, normaliseRna } from './identifiers';

describe('SIREN / SIRET', () => {
  it('accepts SIREN and SIRET numbers whose Luhn key is right, with spaces', () => {
    expect(checkCompanyId('732 829 320')).toEqual({ ok: true, siren: '732829320', siret: null });
    expect(checkCompanyId('443 061 841 00047')).toEqual({ ok: true, siren: '443061841', siret: '44306184100047' });
  });
  it('refuses a wrong key, a wrong length, letters', () => {
    expect(checkCompanyId('123456789')).toEqual({ ok: false, error: 'siren_key' });
    expect(checkCompanyId('73282932000075')).toEqual({ ok: false, error: 'siret_key' });
    expect(checkCompanyId('7328293')).toEqual({ ok: false, error: 'siren_format' });
    expect(checkCompanyId('73282932A')).toEqual({ ok: false, error: 'siren_format' });
  });
  it('knows La Poste’s exception (sum of digits multiple of 5)', () => {
    expect(checkCompanyId('35600000049837').ok).toBe(true);
    expect(luhnValid('35600000049837')).toBe(false);
  });
});

describe('RNA', () => {
  it('normalises W + 9 characters and refuses the rest', () => {
    expect(normaliseRna(' w751234567 ')).toBe('W751234567');
    expect(normaliseRna('W2A1000123')).toBe('W2A1000123');
    expect(normaliseRna('751234567')).toBeNull();
    expect(normaliseRna('W75123')).toBeNull();
  });
});
