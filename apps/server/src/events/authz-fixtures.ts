import { programmeFromTemplate, programmeTemplates } from '@maillage/core';
import { eventsRepo } from '@maillage/db';
import type { AuthzFixtures, AuthzWorld } from '../http/authz-fixtures';
import { organisation } from '../ecosystem/authz-fixtures';
import { tokens } from '../http/session';

/** A published cooperation day on the world's EPCI, with the regional template's programme. */
export async function freshEvent(world: AuthzWorld): Promise<{ id: string; workshopId: string }> {
  const repo = eventsRepo(world.store.db);
  const template = programmeTemplates[0]!;
  const event = await repo.createEvent(
    {
      territoryId: world.territoryId,
      slug: `journee-matrice-${crypto.randomUUID().slice(0, 8)}`,
      title: 'Journée de la matrice',
      description: '',
      audience: '',
      startDate: '2037-03-12',
      endDate: '2037-03-12',
      opensAt: template.opensAt,
      closesAt: template.closesAt,
      venueName: '',
      venueAddress: '',
      organisers: [],
      partners: [],
      themes: [],
      capacity: null,
      createdBy: null,
    },
    programmeFromTemplate(template, '2037-03-12'),
    null,
  );
  await repo.setStatus(event.id, 'published', null);
  const { sessions } = await repo.programme(event.id);
  return { id: event.id, workshopId: sessions.find((s) => s.choosable)!.id };
}

/** A registration to a fresh event, with its personal token. */
export async function freshRegistration(
  world: AuthzWorld,
): Promise<{ eventId: string; registrationId: string; token: string; workshopId: string }> {
  const { id, workshopId } = await freshEvent(world);
  const token = tokens.random();
  const result = await eventsRepo(world.store.db).register(
    id,
    {
      name: 'Personne de la matrice',
      email: 'matrice@exemple.fr',
      organisationName: '',
      organisationKind: null,
      organisationId: null,
      territoryId: null,
      themes: [],
      choices: [],
      lunch: false,
      accessibility: '',
      consent: true,
      directoryConsent: false,
    },
    { tokenHash: tokens.digest(token), badgeCode: tokens.random().slice(0, 16) },
  );
  if (!result.ok) throw new Error(result.error);
  return { eventId: id, registrationId: result.value.id, token, workshopId };
}

const programme = { rooms: [{ key: 'a', name: 'Salle A', capacity: 20 }], sessions: [] };

/** Authorization-matrix fixtures of the events routes. */
export const eventsAuthz: AuthzFixtures = {
  'GET /api/event-templates': async () => ({}),
  'GET /api/events': async (world) => ({ query: { territoryId: world.territoryId } }),
  'POST /api/events': async (world) => ({
    body: {
      territoryId: world.communeId,
      title: 'Journée d’essai',
      startDate: '2037-05-20',
      endDate: '2037-05-20',
      fromEventId: (await freshEvent(world)).id,
    },
  }),
  'GET /api/events/:id': async (world) => ({ params: { id: (await freshEvent(world)).id } }),
  'PATCH /api/events/:id': async (world) => ({ params: { id: (await freshEvent(world)).id }, body: { title: 'Nouveau titre' } }),
  // The day's own workshop, kept by its id.
  'PUT /api/events/:id/programme': async (world) => {
    const { id, workshopId } = await freshEvent(world);
    return {
      params: { id },
      body: {
        ...programme,
        sessions: [
          {
            id: workshopId,
            kind: 'atelier_methode',
            title: 'Atelier gardé',
            day: '2037-03-12',
            startsAt: '10:00',
            endsAt: '11:00',
            roomKey: 'a',
            capacity: null,
            colour: null,
          },
        ],
      },
    };
  },
  'POST /api/events/:id/programme/check': async (world) => ({ params: { id: (await freshEvent(world)).id }, body: programme }),
  'POST /api/events/:id/status': async (world) => ({ params: { id: (await freshEvent(world)).id }, body: { status: 'closed' } }),
  'PUT /api/events/:id/takeaways': async (world) => ({
    params: { id: (await freshEvent(world)).id },
    body: { takeaways: ['Se connaître avant d’agir.'] },
  }),
  'GET /api/events/:id/registrations': async (world) => ({ params: { id: (await freshRegistration(world)).eventId } }),
  'POST /api/events/:id/registrations/link-ecosystem': async (world) => ({ params: { id: (await freshRegistration(world)).eventId } }),
  'POST /api/events/:id/registrations/ecosystem': async (world) => {
    const registration = await freshRegistration(world);
    return {
      params: { id: registration.eventId },
      body: { registrationIds: [registration.registrationId], duplicates: 'create' },
    };
  },
  'GET /api/events/:id/organisations': async (world) => ({ params: { id: (await freshEvent(world)).id }, query: { q: 'centre' } }),
  'GET /api/events/:id/attendance/stream': async (world) => ({ params: { id: (await freshEvent(world)).id }, query: { once: 'true' } }),
  'POST /api/events/:id/registrations/:registrationId/move': async (world) => {
    const r = await freshRegistration(world);
    return {
      params: { id: r.eventId, registrationId: r.registrationId },
      body: { fromSessionId: r.workshopId, toSessionId: r.workshopId },
    };
  },
  'GET /api/events/:id/registrations.csv': async (world) => ({ params: { id: (await freshRegistration(world)).eventId } }),
  'POST /api/events/:id/registrations': async (world) => {
    const { id, workshopId } = await freshEvent(world);
    return {
      params: { id },
      body: {
        name: 'Camille Essai',
        email: 'camille.essai@exemple.fr',
        choices: [workshopId],
        organisationId: await organisation(world),
        territoryId: world.communeId,
        consent: true,
      },
    };
  },
  'GET /api/registrations/:token': async (world) => ({ params: { token: (await freshRegistration(world)).token } }),
  'PATCH /api/registrations/:token': async (world) => {
    const { token, workshopId } = await freshRegistration(world);
    return {
      params: { token },
      body: { lunch: true, choices: [workshopId], organisationId: await organisation(world), territoryId: world.communeId },
    };
  },
  'DELETE /api/registrations/:token': async (world) => ({ params: { token: (await freshRegistration(world)).token } }),
  'GET /api/registrations/:token/calendar.ics': async (world) => ({ params: { token: (await freshRegistration(world)).token } }),
  'POST /api/events/:id/check-ins': async (world) => {
    const { eventId, registrationId } = await freshRegistration(world);
    return { params: { id: eventId }, body: { registrationId } };
  },
  'POST /api/events/:id/walk-ins': async (world) => ({ params: { id: (await freshEvent(world)).id }, body: { name: 'Arrivée sur place' } }),
  'GET /api/events/:id/attendance': async (world) => ({ params: { id: (await freshEvent(world)).id } }),
  'GET /api/events/:id/programme.pdf': async (world) => ({ params: { id: (await freshEvent(world)).id } }),
  'GET /api/events/:id/badges.pdf': async (world) => ({ params: { id: (await freshRegistration(world)).eventId } }),
  'GET /api/events/:id/salles.pdf': async (world) => ({ params: { id: (await freshEvent(world)).id } }),
  'GET /api/events/:id/emargement.pdf': async (world) => ({ params: { id: (await freshRegistration(world)).eventId } }),
};
