import { outboxRepo } from '@maillage/db';
import { availableTestStores, openTestStore } from '@maillage/db/testing';
import { describe, expect, it } from 'vitest';
import { createOutboxMailer, DELIVERED_KEPT_MS, type MailTransport } from './mailer';

/** A clock and a scheduler moved by hand: no test waits for real time. */
function manualTime() {
  let t = Date.parse('2026-03-12T08:00:00Z');
  const planned = new Set<{ at: number; fn: () => void }>();
  return {
    now: () => new Date(t),
    schedule(fn: () => void, ms: number) {
      const task = { at: t + ms, fn };
      planned.add(task);
      return () => planned.delete(task);
    },
    advance(ms: number) {
      t += ms;
    },
    /** Runs what is due now. */
    fire() {
      for (const task of [...planned]) {
        if (task.at > t) continue;
        planned.delete(task);
        task.fn();
      }
    },
  };
}

/** An SMTP server that refuses the first `failures` messages. */
function fakeTransport(failures = 0) {
  const delivered: { to: string; subject: string }[] = [];
  let left = failures;
  const transport: MailTransport = {
    async sendMail(message) {
      if (left > 0) {
        left--;
        throw new Error('421 service indisponible');
      }
      delivered.push({ to: message.to, subject: message.subject });
    },
  };
  return { delivered, transport: async () => transport };
}

describe.each(availableTestStores())('the e-mail outbox on %s', (kind) => {
  it('keeps a message the SMTP server refused and delivers it when its retry is due', async () => {
    const store = await openTestStore(kind);
    const time = manualTime();
    const smtp = fakeTransport(1);
    const mailer = createOutboxMailer({
      store,
      from: 'maillage@exemple.fr',
      now: time.now,
      schedule: time.schedule,
      transport: smtp.transport,
    });
    try {
      await mailer.send({ to: 'sacha@exemple.fr', subject: 'Invitation', text: 'Bonjour' });
      await mailer.deliverDue();
      expect(smtp.delivered).toEqual([]);
      const [waiting] = await outboxRepo(store.db).pending();
      expect(waiting).toMatchObject({ to: 'sacha@exemple.fr', attempts: 1, lastError: '421 service indisponible' });
      time.advance(29_000);
      await mailer.deliverDue();
      expect(smtp.delivered).toEqual([]);
      time.advance(1_000);
      await mailer.deliverDue();
      expect(smtp.delivered).toEqual([{ to: 'sacha@exemple.fr', subject: 'Invitation' }]);
      expect(await outboxRepo(store.db).pending()).toEqual([]);
      expect(mailer.sent.map((m) => m.to)).toEqual(['sacha@exemple.fr']);
    } finally {
      mailer.close();
      await store.close();
    }
  });

  it('waits the configured first retry instead of 30 s, doubling, and sweeps that often', async () => {
    const store = await openTestStore(kind);
    const time = manualTime();
    const delays: number[] = [];
    const smtp = fakeTransport(2);
    const mailer = createOutboxMailer({
      store,
      from: 'maillage@exemple.fr',
      now: time.now,
      schedule: (fn, ms) => {
        delays.push(ms);
        return time.schedule(fn, ms);
      },
      transport: smtp.transport,
      firstRetryMs: 2_000,
    });
    try {
      // The first sweep, at start, plans the next one after the first retry's wait.
      time.fire();
      await expect.poll(() => delays).toEqual([0, 2_000]);
      await mailer.send({ to: 'sacha@exemple.fr', subject: 'Invitation', text: 'Bonjour' });
      await mailer.deliverDue();
      time.advance(1_999);
      await mailer.deliverDue();
      expect((await outboxRepo(store.db).pending())[0]?.attempts).toBe(1);
      time.advance(1);
      await mailer.deliverDue();
      expect((await outboxRepo(store.db).pending())[0]?.attempts).toBe(2);
      time.advance(3_999);
      await mailer.deliverDue();
      expect(smtp.delivered).toEqual([]);
      time.advance(1);
      await mailer.deliverDue();
      expect(smtp.delivered).toEqual([{ to: 'sacha@exemple.fr', subject: 'Invitation' }]);
    } finally {
      mailer.close();
      await store.close();
    }
  });

  it('delivers what a stopped process left, and two processes send each message once', async () => {
    const store = await openTestStore(kind);
    const time = manualTime();
    const repo = outboxRepo(store.db);
    for (let i = 0; i < 12; i++) await repo.enqueue({ to: `personne${i}@exemple.fr`, subject: `Message ${i}`, text: '…' }, time.now());
    const smtp = fakeTransport();
    const mailers = [0, 1].map(() =>
      createOutboxMailer({ store, from: 'maillage@exemple.fr', now: time.now, schedule: time.schedule, transport: smtp.transport }),
    );
    try {
      // Their first sweep, at start, finds the messages.
      time.fire();
      await Promise.all(mailers.map((m) => m.deliverDue()));
      expect(smtp.delivered.map((d) => d.subject).sort()).toEqual(Array.from({ length: 12 }, (_, i) => `Message ${i}`).sort());
      expect(await repo.pending()).toEqual([]);
    } finally {
      for (const m of mailers) m.close();
      await store.close();
    }
  });

  it('deletes delivered messages after a month, never those still to send', async () => {
    const store = await openTestStore(kind);
    const time = manualTime();
    const repo = outboxRepo(store.db);
    const smtp = fakeTransport();
    const mailer = createOutboxMailer({
      store,
      from: 'maillage@exemple.fr',
      now: time.now,
      schedule: time.schedule,
      transport: smtp.transport,
      sweepMs: 60_000,
    });
    try {
      await mailer.send({ to: 'ancienne@exemple.fr', subject: 'Envoyé', text: '…' });
      await mailer.deliverDue();
      time.advance(DELIVERED_KEPT_MS + 60_000);
      await repo.enqueue({ to: 'attente@exemple.fr', subject: 'En attente', text: '…' }, new Date(time.now().getTime() + 3_600_000));
      time.fire();
      await expect
        .poll(async () => (await store.db.selectFrom('mail_outbox').select('subject').execute()).map((r) => r.subject))
        .toEqual(['En attente']);
    } finally {
      mailer.close();
      await store.close();
    }
  });
});
