import { describe, expect, it } from 'vitest';
import { ConfigError, fastifyTrustProxy, readConfig } from './config';

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

describe('TRUST_PROXY and LIVE_MAX_SOCKETS_PER_ADDRESS', () => {
  it('reads false, true, a number of hops or a list of proxy addresses and CIDRs', () => {
    expect(readConfig({}).TRUST_PROXY).toBe(false);
    expect(readConfig({ TRUST_PROXY: 'false' }).TRUST_PROXY).toBe(false);
    expect(readConfig({ TRUST_PROXY: 'true' }).TRUST_PROXY).toBe(true);
    expect(readConfig({ TRUST_PROXY: '1' }).TRUST_PROXY).toBe(1);
    expect(readConfig({ TRUST_PROXY: '10.0.0.0/8, 127.0.0.1,fd00::/8' }).TRUST_PROXY).toEqual(['10.0.0.0/8', '127.0.0.1', 'fd00::/8']);
  });

  it('names TRUST_PROXY in French when it is neither', () => {
    for (const bad of ['oui', '10.0.0.0/33', '10.0.0', '11', 'proxy.local']) {
      expect(() => readConfig({ TRUST_PROXY: bad })).toThrow(/TRUST_PROXY : doit être false, true, un nombre de proxys/);
    }
  });

  it('trusts exactly the given number of hops from the socket', () => {
    const trust = fastifyTrustProxy(1) as (address: string, hop: number) => boolean;
    expect(trust('10.0.0.1', 0)).toBe(true);
    expect(trust('203.0.113.5', 1)).toBe(false);
    expect(fastifyTrustProxy(false)).toBe(false);
  });

  it('caps live sockets per address at 2,000 by default', () => {
    expect(readConfig({}).LIVE_MAX_SOCKETS_PER_ADDRESS).toBe(2000);
    expect(readConfig({ LIVE_MAX_SOCKETS_PER_ADDRESS: '5000' }).LIVE_MAX_SOCKETS_PER_ADDRESS).toBe(5000);
    expect(() => readConfig({ LIVE_MAX_SOCKETS_PER_ADDRESS: '0' })).toThrow(/LIVE_MAX_SOCKETS_PER_ADDRESS/);
  });
});

describe('WORKERS', () => {
  it('is one process by default, several only on PostgreSQL', () => {
    expect(readConfig({}).WORKERS).toBe(1);
    expect(readConfig({ WORKERS: '4', DATABASE_URL: 'postgres://u@h/db' }).WORKERS).toBe(4);
    expect(() => readConfig({ WORKERS: '2' })).toThrow(/WORKERS : plusieurs processus demandent PostgreSQL/);
    expect(() => readConfig({ WORKERS: '0', DATABASE_URL: 'postgres://u@h/db' })).toThrow(/WORKERS : doit être au moins 1/);
  });
});

describe('MAIL_RETRY_MIN_MS', () => {
  it('waits 30 s before a first retry unless told otherwise, and names a bad value in French', () => {
    expect(readConfig({}).MAIL_RETRY_MIN_MS).toBe(30_000);
    expect(readConfig({ MAIL_RETRY_MIN_MS: '250' }).MAIL_RETRY_MIN_MS).toBe(250);
    expect(() => readConfig({ MAIL_RETRY_MIN_MS: 'vite' })).toThrow(/MAIL_RETRY_MIN_MS : doit être un nombre \(millisecondes\)/);
    expect(() => readConfig({ MAIL_RETRY_MIN_MS: '10' })).toThrow(/MAIL_RETRY_MIN_MS : doit être au moins 100/);
    expect(() => readConfig({ MAIL_RETRY_MIN_MS: '7200000' })).toThrow(/MAIL_RETRY_MIN_MS : doit être au plus 3600000/);
    expect(() => readConfig({ MAIL_RETRY_MIN_MS: '1.5' })).toThrow(/MAIL_RETRY_MIN_MS : doit être un nombre entier/);
  });
});
