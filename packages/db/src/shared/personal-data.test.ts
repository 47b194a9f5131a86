import { describe, expect, it } from 'vitest';
import type { PersonalDataSubject } from '../privacy/declaration';
import { openTestStore } from '../testing';
import { outboxRepo } from './outbox';
import { outboxPersonalData } from './outbox-personal-data';
import { rateLimitsRepo } from './rate-limits';
import { rateLimitsPersonalData } from './rate-limits-personal-data';

const subjectFor = (email: string): PersonalDataSubject => ({
  personId: '00000000-0000-0000-0000-000000000000',
  userId: null,
  emails: new Set([email]),
  traces: new Set(),
  texts: new Set(),
  found: new Map(),
});

describe('foundation tables holding a person’s e-mail', () => {
  it('find, export and erase her outbox messages and failed-login counts, and nobody else’s', async () => {
    const store = await openTestStore('pglite');
    try {
      const now = new Date('2026-03-12T08:00:00Z');
      const outbox = outboxRepo(store.db);
      await outbox.enqueue({ to: 'Camille@Exemple.fr', subject: 'Invitation', text: 'lien personnel' }, now);
      await outbox.enqueue({ to: 'autre@exemple.fr', subject: 'Invitation', text: 'lien' }, now);
      const limits = rateLimitsRepo(store.db, 'login-account');
      await limits.fail('203.0.113.7 email:camille@exemple.fr', now.getTime(), 1 / 180_000);
      await limits.fail('203.0.113.7 email:xcamille@exemple.fr', now.getTime(), 1 / 180_000);
      await limits.fail('203.0.113.7', now.getTime(), 1 / 180_000);

      const subject = subjectFor('camille@exemple.fr');
      for (const d of [outboxPersonalData, rateLimitsPersonalData]) await d.locate(store.db, subject);
      expect(await outboxPersonalData.export(store.db, subject)).toEqual({
        emails: [expect.objectContaining({ to: 'Camille@Exemple.fr', subject: 'Invitation', sentAt: null })],
      });
      expect(await rateLimitsPersonalData.export(store.db, subject)).toEqual({ failedLoginCounts: 1 });
      expect(await outboxPersonalData.erase(store.db, subject)).toEqual({ counts: { emails: 1 } });
      expect(await rateLimitsPersonalData.erase(store.db, subject)).toEqual({ counts: { failedLoginCounts: 1 } });
      expect((await outbox.pending()).map((m) => m.to)).toEqual(['autre@exemple.fr']);
      const keys = (await store.db.selectFrom('rate_limits').select('key').execute()).map((r) => r.key.split('\u0001')[1]);
      expect(keys.sort()).toEqual(['203.0.113.7', '203.0.113.7 email:xcamille@exemple.fr']);
    } finally {
      await store.close();
    }
  });
});
