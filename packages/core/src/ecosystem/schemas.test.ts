import { describe, expect, it } from 'vitest';
import { organisationBody } from './schemas';

const base = { name: 'Maison des familles', kind: 'association', territoryIds: ['0b6f5a4e-1c2d-4e3f-8a9b-0c1d2e3f4a5b'] };

describe('an organisation’s website', () => {
  it('is a web address, never a script or data address that a link would run', () => {
    expect(organisationBody.safeParse({ ...base, website: 'https://maison.exemple.fr' }).success).toBe(true);
    expect(organisationBody.safeParse({ ...base, website: 'http://maison.exemple.fr/accueil' }).success).toBe(true);
    expect(organisationBody.safeParse({ ...base, website: '' }).success).toBe(true);
    for (const website of ['javascript:alert(1)', 'data:text/html,<b>x</b>', 'ftp://maison.exemple.fr']) {
      const parsed = organisationBody.safeParse({ ...base, website });
      expect(parsed.success, website).toBe(false);
      expect(parsed.error?.issues.some((i) => i.path[0] === 'website')).toBe(true);
    }
  });
});
