import { sql } from 'kysely';
import { addTraces, foundOf, type PersonalDataDeclaration } from '../privacy/declaration';

/** What replaces, in an audit entry, a value that named an erased person. */
const SCRUBBED = '[effacé]';

/**
 * Accounts: her user account (exported; erasing the person unlinks it, closing the account itself
 * stays an administrator's act on `users`), invitations sent to her e-mail, and the audit log. The
 * audit log keeps who did what and when, but every value of an entry's details that names her (a
 * name, e-mail or phone met by the declarations before) is replaced by « [effacé] ». This
 * declaration runs last, once the others have gathered her traces.
 */
export const accountsPersonalData: PersonalDataDeclaration = {
  capability: 'accounts',
  holds: [
    {
      table: 'users',
      columns: ['id'],
      what: 'her account (people.user_id): exported; unlinked by the ecosystem, closed by an administrator',
    },
    { table: 'invitations', columns: ['email'], what: 'invitations to one of her e-mails not accepted: e-mail erased, revoked' },
    { table: 'audit_log', columns: ['entity_id', 'details'], what: 'entries about her: kept; values naming her scrubbed' },
  ],
  async locate(db, subject) {
    const emails = [...subject.emails];
    if (emails.length === 0) return;
    const rows = await db
      .selectFrom('invitations')
      .select(['id', 'email'])
      .where(sql<string>`lower(email)`, 'in', emails)
      .where('accepted_at', 'is', null)
      .execute();
    subject.found.set(
      'invitations',
      rows.map((r) => r.id),
    );
    for (const r of rows) addTraces(subject, r.email);
  },
  async export(db, subject) {
    const account = subject.userId
      ? await db
          .selectFrom('users')
          .select(['email', 'display_name as displayName', 'locale', 'created_at as createdAt', 'disabled_at as disabledAt'])
          .where('id', '=', subject.userId)
          .executeTakeFirst()
      : undefined;
    const roles = subject.userId
      ? await db
          .selectFrom('role_assignments as r')
          .innerJoin('territories as t', 't.id', 'r.territory_id')
          .select(['r.role', 'r.title', 't.name as territory', 'r.created_at as createdAt'])
          .where('r.user_id', '=', subject.userId)
          .execute()
      : [];
    const invitationIds = foundOf(subject, 'invitations');
    const invitations = invitationIds.length
      ? await db
          .selectFrom('invitations as i')
          .innerJoin('territories as t', 't.id', 'i.territory_id')
          .select([
            'i.email',
            'i.role',
            'i.title',
            't.name as territory',
            'i.created_at as createdAt',
            'i.expires_at as expiresAt',
            'i.revoked_at as revokedAt',
          ])
          .where('i.id', 'in', invitationIds)
          .execute()
      : [];
    const about = [subject.personId, ...foundOf(subject, 'event_registrations')];
    const auditEntries = await db
      .selectFrom('audit_log')
      .select(['at', 'action', 'entity_type as entityType', 'entity_id as entityId'])
      .where('entity_id', 'in', about)
      .orderBy('id')
      .execute();
    return { account: account ? { ...account, roles } : null, invitations, auditEntries };
  },
  async erase(trx, subject) {
    const invitations = foundOf(subject, 'invitations');
    if (invitations.length) {
      await sql`update invitations set email = '', revoked_at = coalesce(revoked_at, now()) where id = any(${invitations}::uuid[])`.execute(
        trx,
      );
    }
    const traces = [...subject.traces];
    let scrubbed = 0;
    if (traces.length) {
      const patterns = traces.map(
        (t) =>
          `%${JSON.stringify(t)
            .slice(1, -1)
            .replace(/[\\%_]/g, (c) => `\\${c}`)}%`,
      );
      const rows = await sql<{ id: number; details: unknown }>`
        select id, details from audit_log where details::text ilike any(${patterns}::text[])`.execute(trx);
      const namesHer = tracesMatcher(traces);
      for (const row of rows.rows) {
        const details = scrub(row.details, namesHer);
        if (JSON.stringify(details) === JSON.stringify(row.details)) continue;
        await trx
          .updateTable('audit_log')
          .set({ details: JSON.stringify(details) })
          .where('id', '=', row.id)
          .execute();
        scrubbed++;
      }
    }
    return { counts: { invitations: invitations.length, auditEntriesScrubbed: scrubbed } };
  },
};

/**
 * Whether a value names her: equal to one of her traces (whatever the case), or containing one of
 * her e-mails or a long trace (a short first name inside another text is left alone).
 */
function tracesMatcher(traces: readonly string[]): (value: string) => boolean {
  const lower = traces.map((t) => t.toLowerCase());
  const contained = lower.filter((t) => t.includes('@') || t.length >= 8);
  return (value) => {
    const v = value.trim().toLowerCase();
    return lower.includes(v) || contained.some((t) => v.includes(t));
  };
}

function scrub(value: unknown, namesHer: (value: string) => boolean): unknown {
  if (typeof value === 'string') return namesHer(value) ? SCRUBBED : value;
  if (Array.isArray(value)) return value.map((v) => scrub(v, namesHer));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scrub(v, namesHer)]));
  return value;
}
