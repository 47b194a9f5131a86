import { sql } from 'kysely';
import { foundOf, type PersonalDataDeclaration } from '../privacy/declaration';

/**
 * The day on a laptop: what an import left to decide about her (both versions of her person or
 * registration row when they conflicted; a walk-in who looked like her, or was her). Exported as
 * they are; erasure deletes them (the decision itself is in the audit log, without her data).
 */
export const venuePersonalData: PersonalDataDeclaration = {
  capability: 'venue',
  holds: [
    {
      table: 'venue_duplicates',
      columns: ['registration_id', 'walk_in_person_id', 'walk_in_person', 'left_out', 'directory_person_id'],
      what: 'a walk-in who looked like her (name, person made on the laptop, who she met and her memberships there): exported, deleted',
    },
    {
      table: 'venue_conflicts',
      columns: ['row_key'],
      what: 'both versions of her person or registration row after a day on a laptop: exported, deleted',
    },
  ],
  async locate(db, subject) {
    const registrations = foundOf(subject, 'event_registrations');
    const duplicates = await sql<{ id: string }>`
      select id::text from venue_duplicates
      where directory_person_id = ${subject.personId}::uuid or walk_in_person_id = ${subject.personId}::uuid
        or registration_id::text = any(${registrations}::text[])
        or lower(walk_in_person ->> 'email') = any(${[...subject.emails]}::text[])`.execute(db);
    subject.found.set(
      'venue_duplicates',
      duplicates.rows.map((r) => r.id),
    );
    const conflicts = await sql<{ id: string }>`
      select id::text from venue_conflicts
      where (table_name = 'people' and row_key = ${subject.personId})
        or (table_name = 'event_registrations' and row_key = any(${registrations}::text[]))`.execute(db);
    subject.found.set(
      'venue_conflicts',
      conflicts.rows.map((r) => r.id),
    );
  },
  async export(db, subject) {
    const duplicates = foundOf(subject, 'venue_duplicates');
    const conflicts = foundOf(subject, 'venue_conflicts');
    return {
      venueDuplicates: duplicates.length
        ? await db
            .selectFrom('venue_duplicates')
            .select([
              'event_id as eventId',
              'walk_in_name as walkInName',
              'walk_in_person as walkInPerson',
              'left_out as leftOut',
              'status',
              'created_at as createdAt',
            ])
            .where('id', 'in', duplicates)
            .execute()
        : [],
      venueConflicts: conflicts.length
        ? await db
            .selectFrom('venue_conflicts')
            .select([
              'event_id as eventId',
              'table_name as table',
              'territory_value as territory',
              'laptop_value as laptop',
              'status',
              'created_at as createdAt',
            ])
            .where('id', 'in', conflicts)
            .execute()
        : [],
    };
  },
  async erase(trx, subject) {
    const duplicates = foundOf(subject, 'venue_duplicates');
    const conflicts = foundOf(subject, 'venue_conflicts');
    if (duplicates.length) await trx.deleteFrom('venue_duplicates').where('id', 'in', duplicates).execute();
    // What an import left out because it named a held-back walk-in may name her too (they met at
    // the venue): those entries go, so that no decision writes them back after her erasure.
    const me = subject.personId;
    const mentioning = await sql`
      update venue_duplicates set left_out = coalesce((
        select jsonb_agg(e) from jsonb_array_elements(left_out) e
        where not (e -> 'row' @> jsonb_build_object('person_a', ${me}::text)
          or e -> 'row' @> jsonb_build_object('person_b', ${me}::text)
          or e -> 'row' @> jsonb_build_object('person_id', ${me}::text))), '[]'::jsonb)
      where status = 'open' and left_out::text like ${`%${me}%`}`.execute(trx);
    if (conflicts.length) await trx.deleteFrom('venue_conflicts').where('id', 'in', conflicts).execute();
    return {
      counts: {
        venueDuplicates: duplicates.length,
        venueConflicts: conflicts.length,
        venueLeftOutNamingHer: Number(mentioning.numAffectedRows ?? 0),
      },
    };
  },
};
