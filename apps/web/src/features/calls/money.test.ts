import { describe, expect, it } from 'vitest';
import { formatEurosInput, parseEuros } from './money';

describe('parseEuros', () => {
  it('reads French euros into integer cents', () => {
    expect(parseEuros('1 234,56')).toEqual({ ok: true, cents: 123456 });
    expect(parseEuros('1\u202f234,56 €')).toEqual({ ok: true, cents: 123456 });
    expect(parseEuros('1\u00a0000')).toEqual({ ok: true, cents: 100000 });
    expect(parseEuros('0,29')).toEqual({ ok: true, cents: 29 });
    expect(parseEuros('12,5')).toEqual({ ok: true, cents: 1250 });
    expect(parseEuros('12,')).toEqual({ ok: true, cents: 1200 });
    expect(parseEuros('7.10')).toEqual({ ok: true, cents: 710 });
    expect(parseEuros('')).toEqual({ ok: true, cents: 0 });
    expect(parseEuros('1 000 000 000')).toEqual({ ok: true, cents: 100_000_000_000 });
  });
  it('refuses three decimals, signs, words and amounts over a billion', () => {
    expect(parseEuros('1,234')).toEqual({ ok: false, reason: 'decimals' });
    expect(parseEuros('-5')).toEqual({ ok: false, reason: 'negative' });
    expect(parseEuros('douze')).toEqual({ ok: false, reason: 'format' });
    expect(parseEuros('1,2,3')).toEqual({ ok: false, reason: 'format' });
    expect(parseEuros('1.234,56')).toEqual({ ok: false, reason: 'format' });
    expect(parseEuros('1 000 000 000,01')).toEqual({ ok: false, reason: 'too_large' });
    expect(parseEuros('99999999999999999')).toEqual({ ok: false, reason: 'too_large' });
  });
});

describe('formatEurosInput', () => {
  it('writes cents as euros with a comma, and reads back the same', () => {
    expect(formatEurosInput(123456)).toBe('1 234,56');
    expect(formatEurosInput(5)).toBe('0,05');
    expect(formatEurosInput(100_000_000_000)).toBe('1 000 000 000,00');
    for (const cents of [0, 1, 99, 100, 123456, 98765432]) expect(parseEuros(formatEurosInput(cents))).toEqual({ ok: true, cents });
  });
});
