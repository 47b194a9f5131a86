import { sql } from 'kysely';
import { foundOf, type PersonalDataDeclaration } from '../privacy/declaration';

/**
 * The e-mail outbox (foundation): messages addressed to one of her e-mails, sent or waiting (an
 * invitation, a registration's confirmation). Exported without their text (it holds links that
 * act on her behalf); erased outright, so a message waiting for a retry never leaves.
 */
export const outboxPersonalData: PersonalDataDeclaration = {
  capability: 'outbox',
  holds: [{ table: 'mail_outbox', columns: ['to_address', 'body'], what: 'e-mails to her addresses, sent or waiting: deleted' }],
  async locate(db, subject) {
    const emails = [...subject.emails];
    if (emails.length === 0) return;
    const rows = await db.selectFrom('mail_outbox').select('id').where(sql<string>`lower(to_address)`, 'in', emails).execute();
    subject.found.set(
      'mail_outbox',
      rows.map((r) => String(r.id)),
    );
  },
  async export(db, subject) {
    const ids = foundOf(subject, 'mail_outbox').map(Number);
    const emails = ids.length
      ? await db
          .selectFrom('mail_outbox')
          .select(['to_address as to', 'subject', 'created_at as createdAt', 'sent_at as sentAt'])
          .where('id', 'in', ids)
          .orderBy('id')
          .execute()
      : [];
    return { emails };
  },
  async erase(trx, subject) {
    const ids = foundOf(subject, 'mail_outbox').map(Number);
    if (ids.length > 0) await trx.deleteFrom('mail_outbox').where('id', 'in', ids).execute();
    return { counts: { emails: ids.length } };
  },
};
