import { randomBytes } from 'node:crypto';
import { joinCodeFrom } from '@maillage/core';
import { liveRepo } from '@maillage/db';
import type { AuthzFixtures, AuthzWorld } from '../http/authz-fixtures';

/** A cooperation day on the world's quartier with one session and a checked-in registration, and a room linked to it. */
export async function linkedRoom(world: AuthzWorld) {
  const db = world.store.db;
  const suffix = randomBytes(4).toString('hex');
  const event = await db
    .insertInto('events')
    .values({
      slug: `journee-salle-${suffix}`,
      territory_id: world.quartierId,
      title: 'Journée de la salle',
      start_date: '2026-03-12',
      end_date: '2026-03-12',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const session = await db
    .insertInto('event_sessions')
    .values({ event_id: event.id, kind: 'mise_en_route', title: 'Mise en route', day: '2026-03-12', starts_at: '09:30', ends_at: '10:00' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const badgeCode = randomBytes(12).toString('base64url');
  await db
    .insertInto('event_registrations')
    .values({
      event_id: event.id,
      token_hash: randomBytes(16).toString('hex'),
      badge_code: badgeCode,
      name: 'Inès Matrice',
      email: `ines-${suffix}@exemple.fr`,
      consent_at: new Date(),
      status: 'confirmed',
      checked_in_at: new Date(),
    })
    .execute();
  const room = await liveRepo(db).createRoom({
    code: joinCodeFrom((n) => new Uint8Array(randomBytes(n))),
    title: 'Salle de la journée',
    territoryId: world.territoryId,
    eventSessionId: session.id,
    createdBy: null,
  });
  if (room === 'code_taken') throw new Error('code collision');
  return { room, sessionId: session.id, badgeCode };
}

/** Authorization-matrix fixtures of the roster routes (roster-routes.ts). */
export const rosterAuthz: AuthzFixtures = {
  'GET /api/live/rooms': async (world) => ({
    query: { territoryId: world.territoryId, eventSessionId: (await linkedRoom(world)).sessionId },
  }),
  'POST /api/live/join/:code/registered': async (world) => {
    const { room, badgeCode } = await linkedRoom(world);
    return { params: { code: room.code }, body: { badge: `maillage:badge:${badgeCode}` } };
  },
  'POST /api/live/rooms/:roomId/roster/checked-in': async (world) => ({ params: { roomId: (await linkedRoom(world)).room.id } }),
};
