import { sql } from 'kysely';
import { addTraces, ERASED_NAME, foundOf, type PersonalDataDeclaration } from '../privacy/declaration';

/**
 * Events: her registrations to days (linked to her person, or made with her e-mail and linked to
 * nobody else), with their workshop choices, check-in and attendance, and the sessions where she is
 * named as a speaker. Erasure anonymises a registration and keeps its facts (confirmed, present,
 * lunch, workshop places), so that counts and attendance still add up; its personal link and badge
 * stop working.
 */
export const eventsPersonalData: PersonalDataDeclaration = {
  capability: 'events',
  holds: [
    {
      table: 'event_registrations',
      columns: ['person_id'],
      what: 'name, e-mail, accessibility needs, directory consent, personal link and badge: anonymised; status and attendance kept',
    },
    {
      table: 'event_choices',
      columns: ['registration_id'],
      what: 'her workshop choices: exported, kept (anonymous once the registration is)',
    },
    { table: 'event_sessions', columns: ['speakers'], what: 'speakers (JSON, with personId): her name replaced, the link dropped' },
  ],
  async locate(db, subject) {
    const emails = [...subject.emails];
    const rows = await db
      .selectFrom('event_registrations')
      .select(['id', 'name', 'email'])
      .where((eb) =>
        eb.or([
          eb('person_id', '=', subject.personId),
          ...(emails.length ? [eb.and([eb('person_id', 'is', null), eb(sql<string>`lower(email)`, 'in', emails)])] : []),
        ]),
      )
      .execute();
    subject.found.set(
      'event_registrations',
      rows.map((r) => r.id),
    );
    for (const r of rows) {
      addTraces(subject, r.name, r.email);
      if (r.email) subject.emails.add(r.email.toLowerCase());
    }
  },
  async export(db, subject) {
    const ids = foundOf(subject, 'event_registrations');
    const registrations = ids.length
      ? await db
          .selectFrom('event_registrations as r')
          .innerJoin('events as e', 'e.id', 'r.event_id')
          .select([
            'r.id',
            'r.event_id as eventId',
            'e.title as event',
            'e.start_date as startDate',
            'r.name',
            'r.email',
            'r.organisation_name as organisationName',
            'r.organisation_kind as organisationKind',
            'r.themes',
            'r.lunch',
            'r.accessibility',
            'r.status',
            'r.walk_in as walkIn',
            'r.checked_in_at as checkedInAt',
            'r.consent_at as consentAt',
            'r.directory_consent_at as directoryConsentAt',
            'r.created_at as createdAt',
            'r.cancelled_at as cancelledAt',
          ])
          .where('r.id', 'in', ids)
          .orderBy('e.start_date')
          .execute()
      : [];
    const choices = ids.length
      ? await db
          .selectFrom('event_choices as c')
          .innerJoin('event_sessions as s', 's.id', 'c.session_id')
          .select(['c.registration_id', 's.title as session', 's.day', 's.starts_at as startsAt', 'c.preference', 'c.status'])
          .where('c.registration_id', 'in', ids)
          .orderBy('c.preference')
          .execute()
      : [];
    const speaking = await sql<{ eventId: string; event: string; session: string; day: string }>`
      select s.event_id as "eventId", e.title as event, s.title as session, s.day::text as day
      from event_sessions s join events e on e.id = s.event_id
      where s.speakers @> ${JSON.stringify([{ personId: subject.personId }])}::jsonb`.execute(db);
    return {
      registrations: registrations.map((r) => ({
        ...r,
        checkedIn: r.checkedInAt !== null,
        choices: choices.filter((c) => c.registration_id === r.id).map(({ registration_id: _r, ...c }) => c),
      })),
      speaking: speaking.rows,
    };
  },
  async erase(trx, subject) {
    const ids = foundOf(subject, 'event_registrations');
    if (ids.length) {
      await sql`
        update event_registrations set
          name = ${ERASED_NAME}, email = '', accessibility = '', person_id = null, directory_consent_at = null,
          token_hash = 'effacé:' || id::text, badge_code = 'effacé:' || id::text, updated_at = now()
        where id = any(${ids}::uuid[])`.execute(trx);
    }
    const speaking = await sql`
      update event_sessions set speakers = (
        select coalesce(jsonb_agg(case when sp ->> 'personId' = ${subject.personId}
          then (sp - 'personId') || jsonb_build_object('name', ${ERASED_NAME}::text) else sp end order by n), '[]'::jsonb)
        from jsonb_array_elements(speakers) with ordinality as x(sp, n))
      where speakers @> ${JSON.stringify([{ personId: subject.personId }])}::jsonb`.execute(trx);
    return { counts: { registrations: ids.length, speakerMentions: Number(speaking.numAffectedRows ?? 0) } };
  },
};
