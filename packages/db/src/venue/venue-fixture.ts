import { randomBytes, randomUUID } from 'node:crypto';
import { joinCodeFrom } from '@maillage/core';
import type { Kysely } from 'kysely';
import { liveRepo } from '../live/store';
import type { DB } from '../schema';

/** A small cooperation day on a territory's store, with things around it that must stay home. */
export interface VenueFixture {
  territoryId: string;
  communeId: string;
  eventId: string;
  sessionId: string;
  /** A choosable workshop of the afternoon; the first three registrations chose it. */
  workshopId: string;
  roomId: string;
  roomCode: string;
  activityId: string;
  facilitatorId: string;
  outsiderUserId: string;
  organisationId: string;
  outsiderOrganisationId: string;
  people: string[];
  outsiderPersonId: string;
  registrations: string[];
}

const hex = (n: number) => randomBytes(n).toString('hex');

/**
 * Builds the day: a quartier under an official commune, a facilitator of the quartier (a password
 * hash), an organisation and `count` registered people (the first three linked to people of the
 * directory, the first two knowing each other; `linked` of them in all, default 3, are people of
 * the quartier's directory), a session with a live room running a keyword cloud;
 * and, outside the day, another account, organisation and person (with an e-mail) who must not
 * leave the territory.
 */
export async function seedVenueDay(
  db: Kysely<DB>,
  options: { count?: number; passwordHash?: string; role?: 'facilitator' | 'coordinator'; email?: string; linked?: number } = {},
): Promise<VenueFixture> {
  const count = options.count ?? 4;
  const commune = await db
    .selectFrom('territories')
    .select('id')
    .where('kind', '=', 'commune')
    .where('code', 'is not', null)
    .limit(1)
    .executeTakeFirstOrThrow();
  const territory = await db
    .insertInto('territories')
    .values({ kind: 'quartier', name: 'Quartier des Tilleuls', slug: `tilleuls-${hex(4)}` })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db.insertInto('territory_parents').values({ territory_id: territory.id, parent_id: commune.id }).execute();
  const user = (email: string, name: string) =>
    db
      .insertInto('users')
      .values({ email, display_name: name, password_hash: options.passwordHash ?? '$argon2id$v=19$m=19456,t=2,p=1$fictif$fictif' })
      .returning('id')
      .executeTakeFirstOrThrow();
  const facilitator = await user(options.email ?? `awa-${hex(3)}@exemple.fr`, 'Awa Animatrice');
  const outsider = await user(`hors-${hex(3)}@exemple.fr`, 'Hors Journée');
  await db
    .insertInto('role_assignments')
    .values({ user_id: facilitator.id, role: options.role ?? 'facilitator', territory_id: territory.id })
    .execute();
  const org = (name: string) =>
    db
      .insertInto('organisations')
      .values({ name, search_key: name.toLowerCase(), name_key: name.toLowerCase(), kind: 'association', commune_id: commune.id })
      .returning('id')
      .executeTakeFirstOrThrow();
  const organisation = await org('Association Les Tilleuls');
  const outsiderOrganisation = await org('Compagnie Ailleurs');
  const person = (name: string, email: string | null = null) =>
    db
      .insertInto('people')
      .values({ name, search_key: name.toLowerCase(), email, contact_consent: email !== null })
      .returning('id')
      .executeTakeFirstOrThrow();
  const people: string[] = [];
  for (const name of ['Léa Fontaine', 'Bruno Marchal', 'Chloé Berger']) {
    const p = await person(name);
    people.push(p.id);
    await db.insertInto('person_organisations').values({ person_id: p.id, organisation_id: organisation.id }).execute();
    await db.insertInto('person_territories').values({ person_id: p.id, territory_id: territory.id }).execute();
  }
  for (let i = 3; i < Math.min(options.linked ?? 3, count); i++) {
    const p = await person(`Participant ${String(i + 1).padStart(3, '0')}`);
    people.push(p.id);
    await db.insertInto('person_territories').values({ person_id: p.id, territory_id: territory.id }).execute();
  }
  const outsiderPerson = await person('Odile Lointaine', 'odile.lointaine@exemple.fr');
  const pair = (a: string, b: string) => (a < b ? { person_a: a, person_b: b } : { person_a: b, person_b: a });
  await db
    .insertInto('acquaintances')
    .values({ ...pair(people[0] as string, people[1] as string), source: 'declared' })
    .execute();
  await db
    .insertInto('acquaintances')
    .values({ ...pair(people[0] as string, outsiderPerson.id), source: 'declared' })
    .execute();

  const event = await db
    .insertInto('events')
    .values({
      slug: `journee-${hex(4)}`,
      territory_id: territory.id,
      title: 'Journée de la coopération des Tilleuls',
      start_date: '2026-12-10',
      end_date: '2026-12-10',
      status: 'published',
      created_by: outsider.id,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const room = await db
    .insertInto('event_rooms')
    .values({ event_id: event.id, name: 'Grande salle' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const session = await db
    .insertInto('event_sessions')
    .values({
      event_id: event.id,
      kind: 'mise_en_route',
      title: 'Mise en route',
      day: '2026-12-10',
      starts_at: '09:30',
      ends_at: '10:00',
      room_id: room.id,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const registrations: string[] = [];
  const rows = Array.from({ length: count }, (_, i) => ({
    id: randomUUID(),
    event_id: event.id,
    token_hash: hex(16),
    badge_code: hex(5).toUpperCase(),
    name: i < 3 ? (['Léa Fontaine', 'Bruno Marchal', 'Chloé Berger'][i] as string) : `Participant ${String(i + 1).padStart(3, '0')}`,
    email: `inscrit-${i + 1}-${hex(2)}@exemple.fr`,
    organisation_name: 'Association Les Tilleuls',
    organisation_id: i < 3 ? organisation.id : null,
    person_id: people[i] ?? null,
    territory_id: commune.id,
    consent_at: new Date('2026-11-20T10:00:00Z'),
    status: 'confirmed' as const,
  }));
  for (let i = 0; i < rows.length; i += 500)
    await db
      .insertInto('event_registrations')
      .values(rows.slice(i, i + 500))
      .execute();
  registrations.push(...rows.map((r) => r.id));
  const workshop = await db
    .insertInto('event_sessions')
    .values({
      event_id: event.id,
      kind: 'atelier_methode',
      title: 'Atelier Jeunesse',
      day: '2026-12-10',
      starts_at: '14:00',
      ends_at: '15:30',
      room_id: room.id,
      capacity: 10,
      choosable: true,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('event_choices')
    .values(
      rows
        .slice(0, 3)
        .map((r, i) => ({ registration_id: r.id, session_id: workshop.id, preference: 1, status: i === 1 ? 'waitlisted' : 'confirmed' })),
    )
    .execute();
  const code = joinCodeFrom((n) => new Uint8Array(randomBytes(n)));
  const live = await liveRepo(db).createRoom({
    code,
    title: 'Mise en route',
    territoryId: territory.id,
    eventSessionId: session.id,
    createdBy: facilitator.id,
  });
  if (live === 'code_taken') throw new Error('code collision');
  const activityId = randomUUID();
  await liveRepo(db).append(live.id, [
    { event: { type: 'activity.added', activityId, kind: 'keyword', prompt: 'Un mot pour la coopération', mode: 'person' } },
    { event: { type: 'activity.started', activityId } },
  ]);
  return {
    territoryId: territory.id,
    communeId: commune.id,
    eventId: event.id,
    sessionId: session.id,
    workshopId: workshop.id,
    roomId: live.id,
    roomCode: code,
    activityId,
    facilitatorId: facilitator.id,
    outsiderUserId: outsider.id,
    organisationId: organisation.id,
    outsiderOrganisationId: outsiderOrganisation.id,
    people,
    outsiderPersonId: outsiderPerson.id,
    registrations,
  };
}

/** Rows per table of the day (the audit log left out: an import that changes nothing writes none anyway). */
export async function countRows(db: Kysely<DB>, tables: readonly string[]): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of tables) {
    const row = await db
      .selectFrom(t as never)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    out[t] = Number((row as { n: number }).n);
  }
  return out;
}
