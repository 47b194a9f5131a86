import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { availableTestStores } from '@maillage/db/testing';
import { parse } from 'csv-parse/sync';
import ICAL from 'ical.js';
import { organisationNameKey, searchKey } from '@maillage/core';
import { afterAll, beforeAll, describe, expect, it, onTestFinished, vi } from 'vitest';
import { argon2Hasher } from '../accounts/deps';
import { createTestApp, type TestApp, type TestClient } from '../testing';
import { attendanceHub } from './attendance-hub';

const dir = mkdtempSync(join(tmpdir(), 'maillage-events-'));

/** Text of a PDF as an independent reader (poppler's pdftotext) sees it. */
function pdfText(bytes: Buffer, name: string): string {
  const path = join(dir, `${name}.pdf`);
  writeFileSync(path, bytes);
  return execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' });
}

async function userWithRole(t: TestApp, email: string, role: 'coordinator' | 'facilitator' | 'member', territoryId: string) {
  const user = await t.store.db
    .insertInto('users')
    .values({ email, display_name: email.split('@')[0]!, password_hash: await argon2Hasher.hash('mot de passe solide') })
    .returning('id')
    .executeTakeFirstOrThrow();
  await t.store.db
    .insertInto('role_assignments')
    .values({ user_id: user.id, role, territory_id: territoryId, title: null, created_by: null })
    .execute();
  const client = t.client();
  await client.login(email, 'mot de passe solide');
  return client;
}

const person = (n: number, choices: string[], extra: Record<string, unknown> = {}) => ({
  name: `Personne ${n}`,
  email: `personne${n}@exemple.fr`,
  organisationName: 'Association Les Tilleuls',
  organisationKind: 'association',
  themes: ['Bien-être et parentalité'],
  choices,
  lunch: true,
  accessibility: '',
  consent: true,
  ...extra,
});

describe.each(availableTestStores())('events API on %s', (kind) => {
  let t: TestApp;
  let territoryId: string;
  let coordinator: TestClient;
  let member: TestClient;
  beforeAll(async () => {
    t = await createTestApp(kind, { TRUST_PROXY: 'true' });
    const territory = await t.store.db
      .insertInto('territories')
      .values({
        kind: 'epci',
        name: 'Agglomération de Val-de-Lys (fictive)',
        slug: `val-de-lys-${kind}`,
        code: null,
        epci_type: null,
        population: null,
        created_by: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    territoryId = territory.id;
    coordinator = await userWithRole(t, 'coordination@exemple.fr', 'coordinator', territoryId);
    member = await userWithRole(t, 'membre@exemple.fr', 'member', territoryId);
  });
  afterAll(async () => {
    await t?.close();
  });

  const anonymous = async () => {
    const c = t.client();
    await c.get('/api/session');
    return c;
  };

  /** A published day in the future (registration closes by itself once a day is over). */
  async function publishedEvent(capacity: number | null = null) {
    const created = await coordinator.post('/api/events', {
      territoryId,
      title: 'Journée de coopération de Val-de-Lys',
      startDate: '2037-03-12',
      endDate: '2037-03-12',
      venueName: 'Maison des associations',
      venueAddress: '3 rue des Tilleuls, Val-de-Lys',
      organisers: ['Agglomération de Val-de-Lys'],
      capacity,
      template: 'journee-cooperation',
    });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    const detail = await coordinator.get(`/api/events/${id}`);
    const workshops = (detail.body.sessions as { id: string; choosable: boolean; title: string }[]).filter((s) => s.choosable);
    expect((await coordinator.post(`/api/events/${id}/status`, { status: 'published' })).status).toBe(200);
    return { id, slug: created.body.slug as string, workshops, detail: detail.body };
  }

  it('hides a draft from the public, flags programme conflicts as you edit, and publishes', async () => {
    const created = await coordinator.post('/api/events', {
      territoryId,
      title: 'Journée régionale',
      startDate: '2037-03-12',
      endDate: '2037-03-12',
      template: 'journee-regionale',
    });
    expect(created.status).toBe(201);
    const id = created.body.id;
    expect((await (await anonymous()).get(`/api/events/${created.body.slug}`)).status).toBe(404);
    const detail = await coordinator.get(`/api/events/${id}`);
    expect(detail.body.conflicts).toEqual([]);
    expect(detail.body.rooms).toHaveLength(5);

    const rooms = detail.body.rooms.map((r: { id: string; name: string; capacity: number | null }) => ({
      key: r.id,
      name: r.name,
      capacity: r.capacity,
    }));
    const sessions = detail.body.sessions.map(({ roomId, ...s }: { roomId: string | null }) => ({ ...s, roomKey: roomId }));
    const codev = sessions.find((s: { title: string }) => s.title === 'Co-développement');
    const serious = sessions.find((s: { title: string }) => s.title === 'Serious game');
    serious.roomKey = codev.roomKey;
    codev.speakers = [{ name: 'Émilie Martin' }];
    serious.speakers = [{ name: 'emilie martin' }];
    codev.capacity = 45;
    const check = await coordinator.post(`/api/events/${id}/programme/check`, { rooms, sessions });
    expect(check.status).toBe(200);
    expect(check.body.conflicts.map((c: { code: string }) => c.code).sort()).toEqual([
      'capacity_above_room',
      'room_double_booked',
      'speaker_double_booked',
    ]);

    const saved = await coordinator.put(`/api/events/${id}/programme`, { rooms, sessions });
    expect(saved.status).toBe(200);
    expect(saved.body.conflicts).toHaveLength(3);
    const invalid = await coordinator.put(`/api/events/${id}/programme`, { rooms, sessions: [{ ...sessions[0], startsAt: '9h' }] });
    expect(invalid.status).toBe(400);
    expect(invalid.body.errors[0]).toMatchObject({ field: 'body.sessions.0.startsAt', message: 'heure attendue au format HH:MM' });

    expect((await member.post(`/api/events/${id}/status`, { status: 'published' })).status).toBe(403);
    expect((await coordinator.post(`/api/events/${id}/status`, { status: 'archived' })).status).toBe(200);
    const refused = await coordinator.post(`/api/events/${id}/status`, { status: 'published' });
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('invalid_transition');
  });

  it('says a past day is over and refuses its registrations in French, and closes at the organiser’s closing date', async () => {
    const past = await coordinator.post('/api/events', {
      territoryId,
      title: 'Journée passée',
      startDate: '2020-03-12',
      endDate: '2020-03-12',
      template: 'journee-cooperation',
    });
    expect(past.status).toBe(201);
    expect((await coordinator.post(`/api/events/${past.body.id}/status`, { status: 'published' })).status).toBe(200);
    const pub = await anonymous();
    const page = await pub.get(`/api/events/${past.body.slug}`);
    expect(page.body.event.registration).toBe('over');
    const refused = await pub.post(`/api/events/${past.body.id}/registrations`, {
      name: 'Trop tard',
      email: 'tard@exemple.fr',
      consent: true,
    });
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('event_over');
    expect(refused.body.title).toBe(
      'Cette journée est passée : les inscriptions sont closes. Les prochaines journées sont annoncées sur la page du territoire.',
    );

    const { id, slug } = await publishedEvent();
    expect((await pub.get(`/api/events/${slug}`)).body.event).toMatchObject({ registration: 'open', registrationClosesOn: null });
    // A closing date after the day is refused on its field; one already passed closes registration.
    const after = await coordinator.patch(`/api/events/${id}`, { registrationClosesOn: '2037-03-13' });
    expect(after.status).toBe(400);
    expect(after.body.errors).toEqual([
      { field: 'body.registrationClosesOn', message: 'la clôture des inscriptions doit tomber avant la fin de la journée' },
    ]);
    const closing = await coordinator.patch(`/api/events/${id}`, { registrationClosesOn: '2021-01-01' });
    expect(closing.status).toBe(200);
    expect(closing.body).toMatchObject({ registrationClosesOn: '2021-01-01', registration: 'deadline_passed' });
    const late = await pub.post(`/api/events/${id}/registrations`, { name: 'En retard', email: 'retard@exemple.fr', consent: true });
    expect(late.status).toBe(409);
    expect(late.body.code).toBe('registration_deadline_passed');
    expect((await coordinator.patch(`/api/events/${id}`, { registrationClosesOn: null })).body.registration).toBe('open');
    const onTime = await pub.post(`/api/events/${id}/registrations`, { name: 'À l’heure', email: 'heure@exemple.fr', consent: true });
    expect(onTime.status).toBe(201);
  });

  it('registers the public with waiting lists, gives a personal link with an .ics, and promotes on cancellation', async () => {
    const { id, slug, workshops } = await publishedEvent();
    const [groupA] = workshops;
    // Workshop A holds 2 people.
    const detail = await coordinator.get(`/api/events/${id}`);
    const rooms = detail.body.rooms.map((r: { id: string; name: string; capacity: number | null }) => ({
      key: r.id,
      name: r.name,
      capacity: r.capacity,
    }));
    const sessions = detail.body.sessions.map(({ roomId, ...s }: { roomId: string | null; id: string }) => ({
      ...s,
      roomKey: roomId,
      ...(s.id === groupA!.id ? { capacity: 2 } : {}),
    }));
    expect((await coordinator.put(`/api/events/${id}/programme`, { rooms, sessions })).status).toBe(200);

    const pub = await anonymous();
    const page = await pub.get(`/api/events/${slug}`);
    expect(page.status).toBe(200);
    expect(page.body.places.sessions[groupA!.id]).toBe(2);
    expect(page.body.counts).toBeUndefined();

    const noConsent = await pub.post(`/api/events/${id}/registrations`, { ...person(1, [groupA!.id]), consent: false });
    expect(noConsent.status).toBe(400);
    expect(noConsent.body.errors).toEqual([{ field: 'body.consent', message: 'le consentement RGPD est nécessaire pour s’inscrire' }]);

    const plenary = detail.body.sessions.find((s: { choosable: boolean }) => !s.choosable).id;
    const notAWorkshop = await pub.post(`/api/events/${id}/registrations`, person(9, [plenary]));
    expect(notAWorkshop.body.code).toBe('invalid_choice');
    const twice = await pub.post(`/api/events/${id}/registrations`, person(9, [groupA!.id, groupA!.id]));
    expect(twice.body.code).toBe('invalid_choice');
    const results = [];
    for (const n of [1, 2, 3]) results.push(await pub.post(`/api/events/${id}/registrations`, person(n, [groupA!.id])));
    expect(results.map((r) => r.status)).toEqual([201, 201, 201]);
    expect(results.map((r) => r.body.registration.choices[0].status)).toEqual(['confirmed', 'confirmed', 'waitlisted']);
    const again = await pub.post(`/api/events/${id}/registrations`, person(1, []));
    expect(again.body.code).toBe('already_registered');

    const mail = t.deps.mailer.sent.find((m) => m.to === 'personne1@exemple.fr');
    expect(mail?.text).toContain(results[0]!.body.personalUrl);
    const token = results[0]!.body.token as string;

    const mine = await pub.get(`/api/registrations/${token}`);
    expect(mine.body.registration.name).toBe('Personne 1');
    expect(mine.body.registration.badgeCode).toBeUndefined();
    // No SMTP here: the page must not promise an e-mail.
    expect(mine.body.mailConfigured).toBe(false);

    const ics = await pub.get(`/api/registrations/${token}/calendar.ics`);
    expect(ics.res.headers['content-type']).toContain('text/calendar');
    const calendar = new ICAL.Component(ICAL.parse(ics.res.body));
    const events = calendar.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
    expect(events.map((e) => e.summary)).toEqual([
      'Journée de coopération de Val-de-Lys',
      `${groupA!.title} — Journée de coopération de Val-de-Lys`,
    ]);
    // The day opens at 09:00 in Paris (UTC+1 in March); the workshop runs 13:30–15:00.
    expect(events[0]!.startDate.toJSDate().toISOString()).toBe('2037-03-12T08:00:00.000Z');
    expect(events[1]!.startDate.toJSDate().toISOString()).toBe('2037-03-12T12:30:00.000Z');
    expect(events[1]!.endDate.toJSDate().toISOString()).toBe('2037-03-12T14:00:00.000Z');

    const cancelled = await pub.delete(`/api/registrations/${token}`);
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.promoted).toBe(1);
    const third = await pub.get(`/api/registrations/${results[2]!.body.token}`);
    expect(third.body.registration.choices[0].status).toBe('confirmed');
    const told = t.deps.mailer.sent.find((m) => m.to === 'personne3@exemple.fr' && m.subject.startsWith('Une place s’est libérée'));
    expect(told?.text).toContain(groupA!.title);
    expect((await pub.delete(`/api/registrations/${token}`)).body.code).toBe('registration_cancelled');
    expect((await pub.get('/api/registrations/un-lien-qui-n-existe-pas-du-tout')).status).toBe(404);
  });

  it('moves a person waiting for a full workshop to another with room, checked by the server and audited', async () => {
    const { id, workshops, detail } = await publishedEvent();
    const [full, other] = workshops as unknown as [{ id: string }, { id: string }];
    const rooms = detail.rooms.map((r: { id: string; name: string; capacity: number | null }) => ({
      key: r.id,
      name: r.name,
      capacity: r.capacity,
    }));
    const withCapacity = (capacities: Record<string, number>) =>
      detail.sessions.map(({ roomId, ...s }: { roomId: string | null; id: string }) => ({
        ...s,
        roomKey: roomId,
        ...(capacities[s.id] !== undefined ? { capacity: capacities[s.id] } : {}),
      }));
    expect(
      (await coordinator.put(`/api/events/${id}/programme`, { rooms, sessions: withCapacity({ [full.id]: 1, [other.id]: 1 }) })).status,
    ).toBe(200);
    const pub = await anonymous();
    const regs = [];
    for (const n of [41, 42, 43]) regs.push((await pub.post(`/api/events/${id}/registrations`, person(n, [full.id]))).body.registration);
    expect(regs.map((r) => r.choices[0].status)).toEqual(['confirmed', 'waitlisted', 'waitlisted']);
    const move = (client: TestClient, registrationId: string, to: string, from = full.id) =>
      client.post(`/api/events/${id}/registrations/${registrationId}/move`, { fromSessionId: from, toSessionId: to });

    expect((await move(member, regs[1].id, other.id)).status).toBe(403);
    const moved = await move(coordinator, regs[1].id, other.id);
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    expect(moved.body.choices).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ sessionId: full.id, status: 'dropped' }),
        expect.objectContaining({ sessionId: other.id, status: 'confirmed' }),
      ]),
    );
    // The other workshop is now full too; the first one is not freed by the move (the person was only waiting there).
    const refused = await move(coordinator, regs[2].id, other.id);
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('move_workshop_full');
    expect(refused.body.detail ?? refused.body.message ?? JSON.stringify(refused.body)).toMatch(/complet/);
    expect((await move(coordinator, regs[1].id, other.id)).body.code).toBe('move_not_waitlisted');
    expect((await move(coordinator, regs[2].id, full.id)).body.code).toBe('move_same_workshop');
    const plenary = detail.sessions.find((s: { choosable: boolean }) => !s.choosable).id;
    expect((await move(coordinator, regs[2].id, plenary)).body.code).toBe('move_unknown_workshop');
    // A registration of another day is not found through this day.
    const elsewhere = await publishedEvent();
    const stranger = (await pub.post(`/api/events/${elsewhere.id}/registrations`, person(44, [elsewhere.workshops[0]!.id]))).body
      .registration;
    expect((await move(coordinator, stranger.id, other.id)).status).toBe(404);
    // The list says it, and the audit keeps who moved whom.
    const list = await coordinator.get(`/api/events/${id}/registrations`);
    expect(list.body.counts.sessions[other.id]).toMatchObject({ confirmed: 1, waitlisted: 0 });
    expect(list.body.counts.sessions[full.id]).toMatchObject({ confirmed: 1, waitlisted: 1 });
    const audit = await t.store.db
      .selectFrom('audit_log')
      .select(['action', 'entity_id'])
      .where('action', '=', 'registration.move')
      .execute();
    expect(audit).toEqual([{ action: 'registration.move', entity_id: regs[1].id }]);
  });

  // One event, three registrations; each test reads it, the later ones add to it (check-ins, walk-ins, links).
  describe('for its organisers, an event with three registrations', () => {
    let id: string;
    let workshops: { id: string; title: string }[];
    let pub: TestClient;
    beforeAll(async () => {
      ({ id, workshops } = await publishedEvent(2));
      pub = await anonymous();
      await pub.post(
        `/api/events/${id}/registrations`,
        person(10, [workshops[0]!.id], { name: 'Élodie Garnier', organisationName: 'Centre social « Les Érables »; Nord' }),
      );
      await pub.post(
        `/api/events/${id}/registrations`,
        person(11, [workshops[1]!.id], {
          name: 'Karim Benali',
          lunch: false,
          organisationName: '=SOMME(A1)',
          accessibility: 'Boucle magnétique',
        }),
      );
      await pub.post(`/api/events/${id}/registrations`, person(12, [workshops[1]!.id], { name: 'Zoé Lambert' }));
    });

    it('lists the registrations, filtered, to coordinators only', async () => {
      expect((await member.get(`/api/events/${id}/registrations`)).status).toBe(403);
      expect((await pub.get(`/api/events/${id}/registrations`)).status).toBe(401);
      const list = await coordinator.get(`/api/events/${id}/registrations`);
      expect(list.body.registrations.map((r: { name: string; status: string }) => `${r.name}:${r.status}`)).toEqual([
        'Élodie Garnier:confirmed',
        'Karim Benali:confirmed',
        'Zoé Lambert:waitlisted',
      ]);
      expect(list.body.counts).toMatchObject({ confirmed: 2, waitlisted: 1, lunch: 1 });
      expect(list.body.counts.sessions[workshops[1]!.id]).toEqual({ confirmed: 1, waitlisted: 0, present: 0 });
      const filtered = await coordinator.get(`/api/events/${id}/registrations?q=elodie&status=confirmed`);
      expect(filtered.body.registrations.map((r: { name: string }) => r.name)).toEqual(['Élodie Garnier']);
      const names = async (query: string) =>
        (await coordinator.get(`/api/events/${id}/registrations?${query}`)).body.registrations.map((r: { name: string }) => r.name);
      // Accessibility needs: those who wrote one, and the others.
      expect(await names('accessibility=true')).toEqual(['Karim Benali']);
      expect(await names('accessibility=false')).toEqual(['Élodie Garnier', 'Zoé Lambert']);
      // The day's waiting list is not a workshop's.
      expect(await names('waitlist=event')).toEqual(['Zoé Lambert']);
      expect(await names('waitlist=workshop')).toEqual([]);
    });

    it('exports a CSV a French spreadsheet reads', async () => {
      const csv = await coordinator.get(`/api/events/${id}/registrations.csv`);
      expect(csv.res.headers['content-type']).toContain('text/csv');
      expect(csv.res.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
      const rows = parse(csv.res.body, { bom: true, delimiter: ';', columns: true }) as Record<string, string>[];
      expect(rows.map((r) => r.Nom)).toEqual(['Élodie Garnier', 'Karim Benali', 'Zoé Lambert']);
      expect(rows[0]!.Structure).toBe('Centre social « Les Érables »; Nord');
      expect(rows[1]!.Structure).toBe("'=SOMME(A1)");
      expect(rows[0]!.Ateliers).toBe(workshops[0]!.title);
      expect(rows[2]!['Ateliers (liste d’attente)']).toBe(workshops[1]!.title);
      expect(rows.map((r) => r.Statut)).toEqual(['Confirmée', 'Confirmée', 'Liste d’attente']);
    });

    it('prints the programme, the badges, the room signs and a signing sheet, with names and times', async () => {
      const programme = await pub.get(`/api/events/${id}/programme.pdf`);
      expect(programme.res.headers['content-type']).toBe('application/pdf');
      const programmeText = pdfText(programme.res.rawPayload, `programme-${kind}`);
      expect(programmeText).toContain('Journée de coopération de Val-de-Lys');
      expect(programmeText).toContain('13:30 – 15:00');
      expect(programmeText).toContain('Mise en route de la journée');
      expect(programmeText).toContain('jeudi 12 mars 2037');

      expect((await pub.get(`/api/events/${id}/badges.pdf`)).status).toBe(401);
      const badges = await coordinator.get(`/api/events/${id}/badges.pdf`);
      const badgesText = pdfText(badges.res.rawPayload, `badges-${kind}`);
      expect(badgesText).toContain('Élodie Garnier');
      expect(badgesText).toContain('Karim Benali');
      expect(badgesText).not.toContain('Zoé Lambert'); // waiting list: no badge yet

      const signs = pdfText((await coordinator.get(`/api/events/${id}/salles.pdf`)).res.rawPayload, `salles-${kind}`);
      expect(signs).toContain('Salle A');
      expect(signs).toContain('13:30 – 15:00');

      const sheet = await coordinator.get(`/api/events/${id}/emargement.pdf?sessionId=${workshops[0]!.id}`);
      const sheetText = pdfText(sheet.res.rawPayload, `emargement-${kind}`);
      expect(sheetText).toContain('Feuille d’émargement');
      expect(sheetText).toContain('Signature');
      expect(sheetText).toContain('Élodie Garnier');
      expect(sheetText).not.toContain('Karim Benali');
      expect(sheetText).toContain('13:30 – 15:00');
    });

    it('checks people in by badge and adds walk-ins, counted in the attendance', async () => {
      const badge = await t.store.db
        .selectFrom('event_registrations')
        .select('badge_code')
        .where('name', '=', 'Karim Benali')
        .executeTakeFirstOrThrow();
      const facilitator = await userWithRole(t, `animation-${id.slice(0, 8)}@exemple.fr`, 'facilitator', territoryId);
      const checked = await facilitator.post(`/api/events/${id}/check-ins`, { badgeCode: badge.badge_code });
      expect(checked.status).toBe(200);
      expect(checked.body.registration.name).toBe('Karim Benali');
      expect(checked.body.counts.present).toBe(1);
      expect((await facilitator.post(`/api/events/${id}/check-ins`, { badgeCode: 'inconnu' })).body.code).toBe('registration_not_found');
      const walkIn = await facilitator.post(`/api/events/${id}/walk-ins`, { name: 'Inès Moreau', organisationName: 'Ville de Val-de-Lys' });
      expect(walkIn.status).toBe(201);
      expect(walkIn.body.registration.walkIn).toBe(true);
      const attendance = await facilitator.get(`/api/events/${id}/attendance`);
      expect(attendance.body).toMatchObject({ expected: 3, present: 2, walkIns: 1, waitlisted: 1 });
      expect((await member.get(`/api/events/${id}/attendance`)).status).toBe(403);
    });

    it('links the registrations to the ecosystem: same organisation name (folded), same e-mail', async () => {
      // The walk-in of the previous test came from the Ville de Val-de-Lys.
      const organisation = await t.store.db
        .insertInto('organisations')
        .values({
          name: 'Ville de Val-de-Lys',
          search_key: 'ville de val de lys',
          name_key: organisationNameKey('Ville de Val-de-Lys'),
          kind: 'collectivite',
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const karim = await t.store.db
        .insertInto('people')
        .values({ name: 'Karim Benali', search_key: 'karim benali', email: 'Personne11@exemple.fr', contact_consent: true })
        .returning('id')
        .executeTakeFirstOrThrow();
      expect((await member.post(`/api/events/${id}/registrations/link-ecosystem`)).status).toBe(403);
      const linked = await coordinator.post(`/api/events/${id}/registrations/link-ecosystem`);
      expect(linked.body).toEqual({ organisations: 1, people: 1 });
      const links = await t.store.db
        .selectFrom('event_registrations')
        .select(['name', 'organisation_id', 'person_id'])
        .where('event_id', '=', id)
        .execute();
      expect(links.find((l) => l.name === 'Inès Moreau')?.organisation_id).toBe(organisation.id);
      expect(links.find((l) => l.name === 'Karim Benali')?.person_id).toBe(karim.id);
    });

    it('keeps what to remember from the day, shown on the public list', async () => {
      const takeaways = await coordinator.put(`/api/events/${id}/takeaways`, {
        takeaways: ['Articuler le droit commun avec les actions des quartiers.'],
      });
      expect(takeaways.body.takeaways).toEqual(['Articuler le droit commun avec les actions des quartiers.']);
      const listed = await pub.get(`/api/events?territoryId=${territoryId}`);
      expect(listed.body.find((e: { id: string }) => e.id === id).takeaways).toHaveLength(1);
    });
  });

  it('rate-limits registrations from one address on one event', async () => {
    const { id } = await publishedEvent();
    const pub = await anonymous();
    const statuses = [];
    for (let n = 0; n < 11; n++)
      statuses.push(
        (await pub.request('POST', `/api/events/${id}/registrations`, person(100 + n, []), { 'x-forwarded-for': '203.0.113.7' })).status,
      );
    expect(statuses.slice(0, 10).every((s) => s === 201)).toBe(true);
    expect(statuses[10]).toBe(429);
  });

  it('holds a workshop capacity under 500 simultaneous public registrations: 50 confirmed, 450 waiting, no error', async () => {
    const { id, workshops } = await publishedEvent();
    const target = workshops[0]!;
    const detail = await coordinator.get(`/api/events/${id}`);
    const rooms = detail.body.rooms.map((r: { id: string; name: string }) => ({ key: r.id, name: r.name, capacity: null }));
    const sessions = detail.body.sessions.map(({ roomId, ...s }: { roomId: string | null; id: string }) => ({
      ...s,
      roomKey: roomId,
      capacity: s.id === target.id ? 50 : null,
    }));
    expect((await coordinator.put(`/api/events/${id}/programme`, { rooms, sessions })).status).toBe(200);
    const pub = await anonymous();
    const answers = await Promise.all(
      Array.from({ length: 500 }, (_, i) =>
        pub.request('POST', `/api/events/${id}/registrations`, person(2000 + i, [target.id]), {
          'x-forwarded-for': `10.0.${Math.floor(i / 250)}.${i % 250}`,
        }),
      ),
    );
    const errors = answers.filter((a) => a.status !== 201);
    expect(errors.map((e) => `${e.status} ${JSON.stringify(e.body)}`)).toEqual([]);
    const statuses = answers.map((a) => a.body.registration.choices[0].status);
    expect(statuses.filter((s) => s === 'confirmed')).toHaveLength(50);
    expect(statuses.filter((s) => s === 'waitlisted')).toHaveLength(450);
    const list = await coordinator.get(`/api/events/${id}/registrations`);
    expect(list.body.counts.sessions[target.id]).toEqual({ confirmed: 50, waitlisted: 450, present: 0 });
  }, 240_000); // slow on a loaded shared machine

  it('lets the public form search the organisations of the event territory (name and commune only), rate-limited', async () => {
    const { id } = await publishedEvent();
    const org = async (name: string, territory: string | null) => {
      const row = await t.store.db
        .insertInto('organisations')
        .values({
          name,
          search_key: searchKey(name),
          name_key: organisationNameKey(name),
          kind: 'association',
          siren: null,
          siret: null,
          rna: null,
          commune_id: null,
          description: null,
          address: null,
          website: null,
          public_email: 'secret@exemple.fr',
          public_phone: '0600000000',
          created_by: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      if (territory)
        await t.store.db.insertInto('organisation_territories').values({ organisation_id: row.id, territory_id: territory }).execute();
      return row.id;
    };
    const ours = await org('Régie de quartier des Tilleuls', territoryId);
    await org('Régie de quartier d’ailleurs', null);
    const pub = await anonymous();
    const found = await pub.request('GET', `/api/events/${id}/organisations?q=regie%20quartier`, undefined, {
      'x-forwarded-for': '198.51.100.9',
    });
    expect(found.status).toBe(200);
    expect(found.body).toEqual({ items: [{ id: ours, name: 'Régie de quartier des Tilleuls', communeName: null }] });
    expect(found.res.body).not.toContain('secret@exemple.fr');
    const short = await pub.request('GET', `/api/events/${id}/organisations?q=r`, undefined, { 'x-forwarded-for': '198.51.100.9' });
    expect(short.status).toBe(400);
    expect(short.body.errors[0].field).toBe('query.q');
    const statuses: number[] = [];
    for (let n = 0; n < 60; n++)
      statuses.push(
        (await pub.request('GET', `/api/events/${id}/organisations?q=regie`, undefined, { 'x-forwarded-for': '198.51.100.10' })).status,
      );
    expect(statuses.every((s) => s === 200)).toBe(true);
    const refused = await pub.request('GET', `/api/events/${id}/organisations?q=regie`, undefined, { 'x-forwarded-for': '198.51.100.10' });
    expect([refused.status, refused.body.code]).toEqual([429, 'search_rate_limited']);

    // The registration keeps the organisation chosen from the list.
    const reg = await pub.request(
      'POST',
      `/api/events/${id}/registrations`,
      person(300, [], { organisationId: ours, organisationName: 'Régie de quartier des Tilleuls' }),
      {
        'x-forwarded-for': '198.51.100.11',
      },
    );
    expect(reg.status).toBe(201);
    expect(reg.body.registration.organisationId).toBe(ours);
  });

  it('creates the people of unlinked registrations in the ecosystem for coordinators only, and reports probable duplicates', async () => {
    const { id } = await publishedEvent();
    const pub = await anonymous();
    const a = await pub.request(
      'POST',
      `/api/events/${id}/registrations`,
      person(400, [], { name: 'Salomé Vidal', organisationName: 'Collectif Lys en fête', directoryConsent: true }),
      {
        'x-forwarded-for': '198.51.100.20',
      },
    );
    expect(a.status).toBe(201);
    expect(a.body.registration.directoryConsent).toBe(true);
    // The consent to the directory can be withdrawn, and given again, through the personal link.
    const withdrawn = await pub.patch(`/api/registrations/${a.body.token}`, { directoryConsent: false });
    expect([withdrawn.status, withdrawn.body.registration.directoryConsent]).toEqual([200, false]);
    // A PATCH of one field leaves the others as they were.
    expect(withdrawn.body.registration).toMatchObject({
      organisationName: 'Collectif Lys en fête',
      lunch: true,
      themes: ['Bien-être et parentalité'],
    });
    const given = await pub.patch(`/api/registrations/${a.body.token}`, { directoryConsent: true });
    expect(given.body.registration.directoryConsent).toBe(true);
    expect((await member.post(`/api/events/${id}/registrations/ecosystem`, {})).status).toBe(403);
    const bad = await coordinator.post(`/api/events/${id}/registrations/ecosystem`, { duplicates: 'peut-être' });
    expect([bad.status, bad.body.errors[0].field]).toEqual([400, 'body.duplicates']);
    const done = await coordinator.post(`/api/events/${id}/registrations/ecosystem`, { registrationIds: [a.body.registration.id] });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ applied: true, registrations: 1, people: { created: 1 }, organisations: { created: 1 } });
    const list = await coordinator.get(`/api/events/${id}/registrations`);
    const salome = list.body.registrations.find((r: { name: string }) => r.name === 'Salomé Vidal');
    expect(salome.personId).toEqual(expect.any(String));
    // A second registration with the same name: a probable duplicate, nothing written until the organiser decides.
    const b = await pub.request(
      'POST',
      `/api/events/${id}/registrations`,
      person(401, [], { name: 'Salome Vidal', organisationName: '' }),
      {
        'x-forwarded-for': '198.51.100.21',
      },
    );
    const reported = await coordinator.post(`/api/events/${id}/registrations/ecosystem`, {});
    expect(reported.body).toMatchObject({ applied: false, duplicates: [{ registrationId: b.body.registration.id, kind: 'person' }] });
    const linked = await coordinator.post(`/api/events/${id}/registrations/ecosystem`, { duplicates: 'link' });
    expect(linked.body).toMatchObject({ applied: true, people: { created: 0, linked: 1 } });
  });

  it('streams check-in counts to a second phone as they happen (server-sent events)', async () => {
    const { id } = await publishedEvent();
    const pub = await anonymous();
    const reg = await pub.request('POST', `/api/events/${id}/registrations`, person(500, []), { 'x-forwarded-for': '198.51.100.30' });
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const address = t.app.server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    const login = await t.client().login('coordination@exemple.fr', 'mot de passe solide');
    const cookie = (login.res.cookies as { name: string; value: string }[]).map((c) => `${c.name}=${c.value}`).join('; ');
    const controller = new AbortController();
    // The streams' keep-alive (setInterval) runs on a fake clock: only a push can bring news.
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    onTestFinished(() => {
      vi.useRealTimers();
    });
    const res = await fetch(`http://127.0.0.1:${port}/api/events/${id}/attendance/stream`, {
      headers: { cookie },
      signal: controller.signal,
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    const nextAttendance = async (): Promise<{ present: number; expected: number }> => {
      for (;;) {
        const end = buffer.indexOf('\n\n');
        if (end >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const data = block.split('\n').find((l) => l.startsWith('data: '));
          if (block.includes('event: attendance') && data) return JSON.parse(data.slice(6));
          continue;
        }
        const { value, done } = await reader.read();
        if (done) throw new Error('flux fermé');
        buffer += decoder.decode(value, { stream: true });
      }
    };
    expect(await nextAttendance()).toMatchObject({ present: 0, expected: 1 });
    // The other phone checks someone in: the first sees it without asking.
    expect((await coordinator.post(`/api/events/${id}/check-ins`, { registrationId: reg.body.registration.id })).status).toBe(200);
    expect(await nextAttendance()).toMatchObject({ present: 1, expected: 1 });
    expect((await coordinator.post(`/api/events/${id}/walk-ins`, { name: 'Arrivée imprévue' })).status).toBe(201);
    expect(await nextAttendance()).toMatchObject({ present: 2, expected: 2 });
    // A check-in through another server process: its NOTIFY reaches this one, which re-reads
    // (the real channel between two processes: events/attendance-processes.test.ts).
    await t.store.db.updateTable('event_registrations').set({ checked_in_at: null }).where('id', '=', reg.body.registration.id).execute();
    attendanceHub(t.deps).heard(id);
    expect(await nextAttendance()).toMatchObject({ present: 1, expected: 2 });
    expect(attendanceHub(t.deps).listenerCount(id)).toBe(1);
    // A phone that leaves (closed tab, lost network) is forgotten.
    const leaving = new AbortController();
    const other = await fetch(`http://127.0.0.1:${port}/api/events/${id}/attendance/stream`, {
      headers: { cookie },
      signal: leaving.signal,
    });
    await other.body!.getReader().read();
    expect(attendanceHub(t.deps).listenerCount(id)).toBe(2);
    leaving.abort();
    await expect.poll(() => attendanceHub(t.deps).listenerCount(id)).toBe(1);
    // Stopping the server ends the open streams (its close would otherwise wait for them).
    attendanceHub(t.deps).closeAll();
    for (;;) if ((await reader.read()).done) break;
    controller.abort();
    await expect.poll(() => attendanceHub(t.deps).listenerCount(id)).toBe(0);
  });
});
