import { sql } from 'kysely';
import { foundOf, type PersonalDataDeclaration } from '../privacy/declaration';

/**
 * Failure counts of the login limiter (PostgreSQL only, `rate_limits`): a key names an address and
 * an e-mail (`… email:her@address`) for at most the limiter's window. Exported as counts; erased.
 */
export const rateLimitsPersonalData: PersonalDataDeclaration = {
  capability: 'rate-limits',
  holds: [{ table: 'rate_limits', columns: ['key'], what: 'failed logins with her e-mail, for minutes: deleted' }],
  async locate(db, subject) {
    const suffixes = [...subject.emails].map((e) => `% email:${e.replace(/[\\%_]/g, '\\$&')}`);
    if (suffixes.length === 0) return;
    const rows = await db.selectFrom('rate_limits').select('key').where(sql<boolean>`lower(key) like any(${suffixes}::text[])`).execute();
    subject.found.set(
      'rate_limits',
      rows.map((r) => r.key),
    );
  },
  async export(_db, subject) {
    return { failedLoginCounts: foundOf(subject, 'rate_limits').length };
  },
  async erase(trx, subject) {
    const keys = foundOf(subject, 'rate_limits');
    if (keys.length > 0) await trx.deleteFrom('rate_limits').where('key', 'in', keys).execute();
    return { counts: { failedLoginCounts: keys.length } };
  },
};
