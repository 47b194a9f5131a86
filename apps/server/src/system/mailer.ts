import { OUTBOX_FIRST_RETRY_MS, outboxRepo, type Store } from '@maillage/db';

export interface Mail {
  readonly to: string;
  readonly subject: string;
  readonly text: string;
}

/** Sends e-mail. Without SMTP_URL, mail is kept in `sent` (shown in logs) and nothing leaves. */
// With SMTP_URL the server queues it in the outbox first (`createOutboxMailer`).
export interface Mailer {
  readonly configured: boolean;
  readonly sent: Mail[];
  send(mail: Mail): Promise<void>;
}

/** Mail sent at once, without the outbox (tests, tools); the server uses `createOutboxMailer` with SMTP. */
export function createMailer(smtpUrl: string | undefined, from: string): Mailer {
  const sent: Mail[] = [];
  if (!smtpUrl) {
    return {
      configured: false,
      sent,
      async send(mail) {
        sent.push(mail);
        if (sent.length > 100) sent.shift();
      },
    };
  }
  // nodemailer is loaded only when SMTP is configured, and only on the first e-mail.
  let transport: Promise<{ sendMail(message: Record<string, unknown>): Promise<unknown> }> | undefined;
  return {
    configured: true,
    sent,
    async send(mail) {
      transport ??= import('nodemailer').then((m) => m.default.createTransport(smtpUrl));
      await (await transport).sendMail({ from, ...mail });
      sent.push(mail);
      if (sent.length > 100) sent.shift();
    },
  };
}

/** What actually sends: nodemailer's transport in production, a fake in tests. */
export interface MailTransport {
  sendMail(message: { from: string; to: string; subject: string; text: string }): Promise<unknown>;
}

export interface OutboxMailerOptions {
  readonly store: Store;
  readonly from: string;
  readonly transport: () => Promise<MailTransport>;
  readonly now: () => Date;
  /** Runs `fn` after `ms`; returns what cancels it (tests fire it by hand). */
  readonly schedule?: (fn: () => void, ms: number) => () => void;
  /** The wait after a first refusal (30 s by default, `MAIL_RETRY_MIN_MS`), doubling with each attempt up to an hour. */
  readonly firstRetryMs?: number;
  /** How often due messages (retries, messages left by a stopped process) are looked for: by default the first retry's wait, at most 30 s. */
  readonly sweepMs?: number;
  readonly log?: { error(obj: unknown, msg?: string): void; warn(obj: unknown, msg?: string): void };
  /** The first sweep waits for this (the server builds its application before its store is migrated). */
  readonly startAfter?: Promise<unknown>;
}

export interface OutboxMailer extends Mailer {
  /** Delivers every message due now; resolves when none is left (tests await it). */
  deliverDue(): Promise<void>;
  close(): void;
}

/** Delivered messages are kept this long (to answer « did it leave? »), then deleted. */
export const DELIVERED_KEPT_MS = 30 * 86_400_000;

const realSchedule = (fn: () => void, ms: number) => {
  const timer = setTimeout(fn, ms);
  timer.unref?.();
  return () => clearTimeout(timer);
};

/**
 * Mail through the outbox (`mail_outbox`): `send` stores the message (so a failing SMTP server, a
 * crash or a restart loses nothing) and delivery follows at once, then every `sweepMs` for retries
 * (30 s, 1 min, 2 min… at most an hour, 10 attempts; `firstRetryMs` instead of 30 s) and for
 * messages another process left.
 * Delivered messages are deleted after `DELIVERED_KEPT_MS`; a person's erasure deletes hers.
 * Several processes share the outbox: each message is claimed by one of them.
 */
export function createOutboxMailer(options: OutboxMailerOptions): OutboxMailer {
  const sent: Mail[] = [];
  const repo = outboxRepo(options.store.db);
  const schedule = options.schedule ?? realSchedule;
  const firstRetryMs = options.firstRetryMs ?? OUTBOX_FIRST_RETRY_MS;
  const sweepMs = options.sweepMs ?? Math.min(30_000, firstRetryMs);
  let running: Promise<void> | undefined;
  let again = false;
  let closed = false;
  let cancelSweep: (() => void) | undefined;

  const deliverOnce = async () => {
    for (;;) {
      const mail = await repo.claimDue(options.now(), firstRetryMs);
      if (!mail) return;
      try {
        const transport = await options.transport();
        await transport.sendMail({ from: options.from, to: mail.to, subject: mail.subject, text: mail.text });
        await repo.delivered(mail.id, options.now());
        sent.push({ to: mail.to, subject: mail.subject, text: mail.text });
        if (sent.length > 100) sent.shift();
      } catch (error) {
        const message = (error as Error).message ?? String(error);
        await repo.failed(mail.id, message);
        options.log?.warn({ err: error, attempts: mail.attempts }, 'e-mail non envoyé : nouvel essai plus tard');
      }
    }
  };
  const deliverDue = (): Promise<void> => {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      try {
        do {
          again = false;
          await deliverOnce();
        } while (again && !closed);
      } catch (error) {
        options.log?.error(error, 'boîte d’envoi');
      } finally {
        running = undefined;
      }
    })();
    return running;
  };
  const sweep = () => {
    if (closed) return;
    const keepSince = new Date(options.now().getTime() - DELIVERED_KEPT_MS);
    void Promise.all([deliverDue(), repo.pruneDelivered(keepSince).catch((error) => options.log?.error(error, 'boîte d’envoi'))]).finally(
      () => {
        if (!closed) cancelSweep = schedule(sweep, sweepMs);
      },
    );
  };
  if (options.startAfter) {
    options.startAfter.then(
      () => {
        if (!closed) cancelSweep = schedule(sweep, 0);
      },
      () => {},
    );
  } else cancelSweep = schedule(sweep, 0);

  return {
    configured: true,
    sent,
    async send(mail) {
      await repo.enqueue(mail, options.now());
      void deliverDue();
    },
    deliverDue,
    close() {
      closed = true;
      cancelSweep?.();
    },
  };
}
