import { describe, expect, it } from 'vitest';
import { ConfigError, readConfig } from './config';

describe('readConfig', () => {
  it('applies defaults', () => {
    const c = readConfig({});
    expect(c.PORT).toBe(3000);
    expect(c.DATABASE_URL).toBeUndefined();
  });
  it('names the bad variable', () => {
    expect(() => readConfig({ PORT: 'abc' })).toThrow(ConfigError);
    try {
      readConfig({ PORT: 'abc', DATABASE_URL: 'mysql://x' });
    } catch (e) {
      const message = (e as Error).message;
      expect(message).toContain('PORT');
      expect(message).toContain('DATABASE_URL');
    }
  });
});
