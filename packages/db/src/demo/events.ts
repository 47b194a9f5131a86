import { createHash, randomBytes } from 'node:crypto';
import { type ParticipantKind, participantKinds, programmeFromTemplate, programmeTemplates } from '@maillage/core';
import type { Kysely } from 'kysely';
import { eventsRepo } from '../events/store';
import type { DB } from '../schema';
import type { DemoExtender } from './seed';

const upcomingSlug = 'journee-cooperation-val-de-lys-2026';

/** Earlier meetings of the fictional territory, each remembered by its "à retenir" (as seed 002 recalls its own). */
const pastDays = [
  {
    slug: 'rencontre-jeunesse-val-de-lys-2025',
    title: 'La jeunesse en quartiers populaires : émancipation, autonomie, engagements',
    date: '2025-03-07',
    venue: 'Centre social des Tilleuls, Lysbourg',
    takeaways: ['Privilégier une approche globale et travailler sur les parcours, en partant des besoins et des aspirations des jeunes.'],
  },
  {
    slug: 'rencontre-familles-val-de-lys-2025',
    title: 'Familles et monoparentalité : (re)penser l’accompagnement',
    date: '2025-04-24',
    venue: 'Mairie de Bellerive-sur-Lys',
    takeaways: ['Articuler les structures de droit commun pour que les parents bénéficient des équipements existants.'],
  },
] as const;

const speakers: Record<string, { name: string; role?: string }[]> = {
  'Intervention d’ouverture': [
    { name: 'Hélène Castagne', role: 'Sous-préfète chargée de la politique de la ville (fictive)' },
    { name: 'Marc Ollivier', role: 'Vice-président de l’agglomération (fictif)' },
  ],
  'Les coopérations': [{ name: 'Centre de ressources politique de la ville de Val-de-Lys' }],
  'Co-développement': [{ name: 'Sandrine Morel' }, { name: 'Yacine Haddad' }],
  'Coop ou pas coop': [{ name: 'Julien Perrin' }],
  'Atelier de méthode': [{ name: 'Nadia Belkacem' }, { name: 'Pierre Lemoine' }],
  'Serious game': [{ name: 'Laure Dumas' }, { name: 'Rémi Caron' }],
};

const experienceTitles = [
  'Répondre aux besoins des habitants à partir de l’abattement TFPB',
  'Trouver des réponses à l’isolement social aux Coteaux',
  'Mettre en place une animation territoriale',
  'Concevoir un village des solidarités',
];

const token = () => randomBytes(32).toString('base64url');
const digest = (t: string) => createHash('sha256').update(t).digest('hex');

/**
 * The demo's cooperation days: two earlier meetings with their "à retenir", and an upcoming
 * regional-style day (interventions, four parallel presentations of experiences, four method
 * workshops with colours), published, with registrations of people of the demo ecosystem linked
 * to them and their organisations. Idempotent: nothing is created twice.
 */
export const seedEventsDemo: DemoExtender = async (db: Kysely<DB>, ctx) => {
  const repo = eventsRepo(db);
  for (const past of pastDays) {
    if (await repo.findEventBySlug(past.slug)) continue;
    const template = programmeTemplates.find((t) => t.key === 'journee-cooperation')!;
    const event = await repo.createEvent(
      {
        territoryId: ctx.territoryId,
        slug: past.slug,
        title: past.title,
        description: 'Rencontre territoriale des acteurs de la politique de la ville de Val-de-Lys.',
        audience: 'Associations, centres sociaux, services de l’État et des collectivités, habitants',
        startDate: past.date,
        endDate: past.date,
        opensAt: template.opensAt,
        closesAt: template.closesAt,
        venueName: past.venue,
        venueAddress: '',
        organisers: ['Agglomération de Val-de-Lys (fictive)'],
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

  if (await repo.findEventBySlug(upcomingSlug)) return;
  const template = programmeTemplates.find((t) => t.key === 'journee-regionale')!;
  const day = '2026-03-12';
  const draft = programmeFromTemplate(template, day);
  let experience = 0;
  const event = await repo.createEvent(
    {
      territoryId: ctx.territoryId,
      slug: upcomingSlug,
      title: 'Journée de coopération de Val-de-Lys',
      description:
        'Échanger autour d’un enjeu majeur du contrat de ville : la coopération entre habitants, techniciens de l’État et des collectivités, élus, associations. Présentations d’expériences le matin, méthodes de coopération à tester l’après-midi.',
      audience: 'Acteurs de la politique de la ville de l’agglomération',
      startDate: day,
      endDate: day,
      opensAt: template.opensAt,
      closesAt: template.closesAt,
      venueName: 'Maison des associations',
      venueAddress: '3 rue des Tilleuls, Lysbourg',
      organisers: ['Agglomération de Val-de-Lys (fictive)', 'Centre de ressources politique de la ville (fictif)'],
      partners: ['CAF (fictive)', 'Délégation du préfet (fictive)'],
      themes: ['Bien-être et parentalité', 'Jeunesse', 'Isolement', 'Accès aux droits'],
      capacity: 120,
      createdBy: ctx.userIds.coordinator,
    },
    {
      rooms: draft.rooms.map((r, i) => ({
        ...r,
        name: ['Amphithéâtre', 'Salle Chardon', 'Salle Myrtilles', 'Espace Lys', 'Salle Gruber'][i] ?? r.name,
      })),
      sessions: draft.sessions.map((s) => ({
        ...s,
        title: s.kind === 'presentation_experiences' ? (experienceTitles[experience++] ?? s.title) : s.title,
        speakers: speakers[s.title] ?? [],
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
    if (seen.has(p.personId) || n >= 24) continue;
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
        themes: n % 2 ? ['Bien-être et parentalité'] : ['Jeunesse', 'Accès aux droits'],
        choices,
        lunch: n % 4 !== 0,
        accessibility: '',
        consent: true,
      },
      { tokenHash: digest(t), badgeCode: token().slice(0, 16) },
    );
    if (result.ok) await db.updateTable('event_registrations').set({ person_id: p.personId }).where('id', '=', result.value.id).execute();
    n++;
  }
};
