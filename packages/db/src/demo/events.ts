import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { type ParticipantKind, parisDay, participantKinds, programmeFromTemplate, programmeTemplates, shiftDay } from '@maillage/core';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { eventsRepo } from '../events/store';
import type { DB } from '../schema';
import type { DemoContext, DemoExtender } from './seed';

const isoDate = z.iso.date();
const text = z.string().min(1);

/**
 * The demo's cooperation days as data (`events-data.json`): two earlier meetings remembered by
 * their "à retenir", and the upcoming day's fields, room names, titles of the experiences
 * presented, speakers by session title, and how many registrations to make with which themes.
 */
export const eventsDemoDataSchema = z.strictObject({
  pastDays: z.array(z.strictObject({ slug: text, title: text, date: isoDate, venue: text, takeaways: z.array(text) })),
  pastDay: z.strictObject({ template: text, description: text, audience: text, organisers: z.array(text) }),
  upcoming: z.strictObject({
    slug: text,
    template: text,
    /** How many days after the day `npm run demo` runs: the upcoming day is always to come. */
    inDays: z.int().positive(),
    title: text,
    description: text,
    audience: text,
    venueName: text,
    venueAddress: text,
    organisers: z.array(text),
    partners: z.array(text),
    themes: z.array(text),
    capacity: z.int().positive(),
    roomNames: z.array(text),
    experienceTitles: z.array(text),
    speakers: z.record(z.string(), z.array(z.strictObject({ name: text, role: text.optional() }))),
    registrations: z.strictObject({
      max: z.int().nonnegative(),
      /** Themes of the n-th registration: the (n mod length)-th list. */
      themes: z.array(z.array(text)).min(1),
      /** Every so many registrations, one without lunch. */
      withoutLunchEvery: z.int().positive(),
    }),
  }),
});

/** Reads and checks `events-data.json`. */
function loadEventsDemoData() {
  return eventsDemoDataSchema.parse(JSON.parse(readFileSync(new URL('./events-data.json', import.meta.url), 'utf8')));
}

/** A programme template of core, by key (the data names it). */
function templateOf(key: string) {
  const template = programmeTemplates.find((t) => t.key === key);
  if (!template) throw new Error(`events-data.json: unknown programme template ${key}`);
  return template;
}

/** Moves a one-day event and its sessions to another day. */
async function moveDay(db: Kysely<DB>, eventId: string, from: string, to: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('events').set({ start_date: to, end_date: to }).where('id', '=', eventId).execute();
    await trx.updateTable('event_sessions').set({ day: to }).where('event_id', '=', eventId).where('day', '=', from).execute();
  });
}

const token = () => randomBytes(32).toString('base64url');
const digest = (t: string) => createHash('sha256').update(t).digest('hex');

/**
 * The demo's cooperation days: two earlier meetings with their "à retenir", and an upcoming
 * regional-style day (interventions, four parallel presentations of experiences, four method
 * workshops with colours), published, with registrations of people of the demo ecosystem linked
 * to them and their organisations. Idempotent: nothing is created twice.
 */
export const seedEventsDemo: DemoExtender = (db, ctx) => seedEventsDemoOn(db, ctx, new Date());

/** The demo's days as seen at `now`: the upcoming day `inDays` after it (moved there if seeded before). */
export async function seedEventsDemoOn(db: Kysely<DB>, ctx: DemoContext, now: Date): Promise<void> {
  const { pastDays, pastDay, upcoming } = loadEventsDemoData();
  const upcomingDate = shiftDay(parisDay(now), upcoming.inDays);
  const repo = eventsRepo(db);
  for (const past of pastDays) {
    if (await repo.findEventBySlug(past.slug)) continue;
    const template = templateOf(pastDay.template);
    const event = await repo.createEvent(
      {
        territoryId: ctx.territoryId,
        slug: past.slug,
        title: past.title,
        description: pastDay.description,
        audience: pastDay.audience,
        startDate: past.date,
        endDate: past.date,
        opensAt: template.opensAt,
        closesAt: template.closesAt,
        venueName: past.venue,
        venueAddress: '',
        organisers: pastDay.organisers,
        partners: [],
        themes: [],
        capacity: null,
        createdBy: ctx.userIds.coordinator,
      },
      programmeFromTemplate(template, past.date),
      null,
    );
    await repo.setStatus(event.id, 'published', null);
    await repo.setStatus(event.id, 'closed', null);
    await repo.setTakeaways(event.id, past.takeaways, null);
    await repo.setStatus(event.id, 'archived', null);
  }

  const existing = await repo.findEventBySlug(upcoming.slug);
  if (existing) {
    // Seeded by an earlier `npm run demo` whose day has come: move it (and its sessions) ahead again.
    if (existing.startDate <= parisDay(now)) await moveDay(db, existing.id, existing.startDate, upcomingDate);
    return;
  }
  const template = templateOf(upcoming.template);
  const draft = programmeFromTemplate(template, upcomingDate);
  let experience = 0;
  const event = await repo.createEvent(
    {
      territoryId: ctx.territoryId,
      slug: upcoming.slug,
      title: upcoming.title,
      description: upcoming.description,
      audience: upcoming.audience,
      startDate: upcomingDate,
      endDate: upcomingDate,
      opensAt: template.opensAt,
      closesAt: template.closesAt,
      venueName: upcoming.venueName,
      venueAddress: upcoming.venueAddress,
      organisers: upcoming.organisers,
      partners: upcoming.partners,
      themes: upcoming.themes,
      capacity: upcoming.capacity,
      createdBy: ctx.userIds.coordinator,
    },
    {
      rooms: draft.rooms.map((r, i) => ({ ...r, name: upcoming.roomNames[i] ?? r.name })),
      sessions: draft.sessions.map((s) => ({
        ...s,
        title: s.kind === 'presentation_experiences' ? (upcoming.experienceTitles[experience++] ?? s.title) : s.title,
        speakers: upcoming.speakers[s.title] ?? [],
      })),
    },
    null,
  );
  await repo.setStatus(event.id, 'published', null);

  // Registrations: people of the demo ecosystem (when it exists), linked to them and their organisation.
  const people = await db
    .selectFrom('people as p')
    .innerJoin('person_organisations as po', 'po.person_id', 'p.id')
    .innerJoin('organisations as o', 'o.id', 'po.organisation_id')
    .select(['p.id as personId', 'p.name', 'p.email', 'o.id as organisationId', 'o.name as organisationName', 'o.kind'])
    .where('p.erased_at', 'is', null)
    .orderBy('p.name')
    .limit(200)
    .execute();
  const seen = new Set<string>();
  const { sessions } = await repo.programme(event.id);
  const workshops = sessions.filter((s) => s.choosable);
  const morning = workshops.filter((s) => s.kind === 'presentation_experiences');
  const afternoon = workshops.filter((s) => s.kind === 'atelier_methode');
  let n = 0;
  for (const p of people) {
    if (seen.has(p.personId) || n >= upcoming.registrations.max) continue;
    seen.add(p.personId);
    const email =
      p.email ??
      `${p.name
        .toLowerCase()
        .normalize('NFD')
        .replace(/[^a-z]+/g, '.')}@exemple.fr`;
    const choices = [morning[n % morning.length]!.id, morning[(n + 1) % morning.length]!.id, afternoon[n % afternoon.length]!.id];
    const t = token();
    const kind = (participantKinds as readonly string[]).includes(p.kind) ? (p.kind as ParticipantKind) : 'autre';
    const result = await repo.register(
      event.id,
      {
        name: p.name,
        email,
        organisationName: p.organisationName,
        organisationKind: kind,
        organisationId: p.organisationId,
        territoryId: null,
        themes: upcoming.registrations.themes[n % upcoming.registrations.themes.length] ?? [],
        choices,
        lunch: n % upcoming.registrations.withoutLunchEvery !== 0,
        accessibility: '',
        consent: true,
      },
      { tokenHash: digest(t), badgeCode: token().slice(0, 16) },
    );
    if (result.ok) await db.updateTable('event_registrations').set({ person_id: p.personId }).where('id', '=', result.value.id).execute();
    n++;
  }
}
