import type { AuditEntryInput, SheetSection } from '@maillage/core';
import type { Kysely } from 'kysely';
import type { DemoExtender } from '../demo/seed';
import type { DB } from '../schema';
import { addDemoCodevRecord } from '../demo/codev';
import { collectivesWorkspaceRepo } from './workspace-store';

export const DEMO_FORMED_COLLECTIVE = 'Mobilité des jeunes de Bellerive';
export const DEMO_ADVANCED_COLLECTIVE = 'Parents en mouvement aux Coteaux';

const DAY = 86_400_000;

/**
 * Two collectives of the demo territory (fictional names only): one just formed (three members, a
 * shared urgency, no sheet yet), and one well advanced: roles given, every section of the sheet
 * written (governance, legal form `convention`), steps done and one overdue, a request for support
 * answered, comments, and a history of edits by its two members who have an account (Awa Diallo and
 * Julien Roche). Idempotent: nothing is created twice.
 */
export const seedCollectivesDemo: DemoExtender = async (db: Kysely<DB>, ctx) => {
  const exists = await db
    .selectFrom('collectives')
    .select('id')
    .where('territory_id', '=', ctx.territoryId)
    .where('name', 'in', [DEMO_FORMED_COLLECTIVE, DEMO_ADVANCED_COLLECTIVE])
    .execute();
  if (exists.length) return;
  const people = new Map(
    (
      await db
        .selectFrom('people')
        .select(['id', 'name'])
        .where('name', 'in', [
          'Awa Diallo',
          'Julien Roche',
          'Élodie Marchand',
          'Fatou Sow',
          'Marc Delorme',
          'Bruno Carré',
          'Karim Haddad',
          'Nadia Benali',
        ])
        .execute()
    ).map((p) => [p.name, p.id]),
  );
  const personId = (name: string) => {
    const id = people.get(name);
    if (!id) throw new Error(`demo: ${name} is missing from the ecosystem demo`);
    return id;
  };
  const organisations = new Map(
    (
      await db
        .selectFrom('organisations')
        .select(['id', 'name'])
        .where('name', 'in', ['Lys Habitat', 'Médiathèque des Coteaux', 'Association Femmes relais du Val-de-Lys'])
        .execute()
    ).map((o) => [o.name, o.id]),
  );
  const repo = collectivesWorkspaceRepo(db);
  const now = Date.now();
  const at = (daysAgo: number) => new Date(now - daysAgo * DAY);
  const day = (daysFromNow: number) => new Date(now + daysFromNow * DAY).toISOString().slice(0, 10);
  const coordinator = (daysAgo: number) => ({ userId: ctx.userIds.coordinator, at: at(daysAgo) });
  const awa = (daysAgo: number) => ({ userId: ctx.userIds.members[0], at: at(daysAgo) });
  const julien = (daysAgo: number) => ({ userId: ctx.userIds.members[1], at: at(daysAgo) });
  const audit = (action: string, entityId: string | null): AuditEntryInput => ({
    actorUserId: null,
    action,
    entityType: 'collective',
    entityId,
    territoryId: ctx.territoryId,
    details: { demo: true },
  });

  // ——— Just formed ———
  await repo.createCollective(
    {
      territoryId: ctx.territoryId,
      name: DEMO_FORMED_COLLECTIVE,
      urgency: 'Les jeunes de Bellerive renoncent à des stages et à des emplois faute de transport le soir et le week-end.',
      themes: ['mobilité', 'emploi'],
      personIds: [personId('Marc Delorme'), personId('Bruno Carré'), personId('Karim Haddad')],
      by: coordinator(2),
    },
    { kind: 'created', summary: 'a créé le collectif' },
    (id) => audit('collective.create', id),
  );

  // ——— Well advanced ———
  const id = await repo.createCollective(
    {
      territoryId: ctx.territoryId,
      name: DEMO_ADVANCED_COLLECTIVE,
      urgency: 'Les parents des Coteaux sont isolés et se tiennent à l’écart de l’école et des structures du quartier.',
      themes: ['parentalité', 'réussite éducative'],
      personIds: [personId('Awa Diallo'), personId('Julien Roche'), personId('Élodie Marchand'), personId('Fatou Sow')],
      by: coordinator(60),
    },
    { kind: 'created', summary: 'a créé le collectif' },
    (collectiveId) => audit('collective.create', collectiveId),
  );
  const seats = (await repo.workspace(id, day(0)))?.members ?? [];
  const seat = (name: string) => seats.find((m) => m.name === name)?.id as string;
  // Awa and Julien accepted their invitations: their accounts are linked to their seats.
  await db
    .updateTable('collective_members')
    .set({ user_id: ctx.userIds.members[0], invited_at: at(58) })
    .where('id', '=', seat('Awa Diallo'))
    .execute();
  await db
    .updateTable('collective_members')
    .set({ user_id: ctx.userIds.members[1], invited_at: at(58) })
    .where('id', '=', seat('Julien Roche'))
    .execute();
  const roles: [string, ('porteur' | 'animation' | 'finances' | 'communication' | 'habitants' | 'evaluation')[], string[]][] = [
    ['Awa Diallo', ['porteur', 'habitants'], []],
    ['Julien Roche', ['animation', 'finances'], []],
    ['Élodie Marchand', ['evaluation'], ['Lien avec la CAF']],
    ['Fatou Sow', ['communication'], ['Lien avec les écoles']],
  ];
  for (const [name, given, custom] of roles) {
    await repo.updateMember(
      { collectiveId: id, memberId: seat(name), changes: { roles: given, customRoles: custom }, by: awa(55) },
      { kind: 'member_updated', memberId: seat(name), summary: `a mis à jour ${name}` },
      audit('collective.member.update', id),
    );
  }

  const versions = new Map<SheetSection, number>();
  const write = async (section: SheetSection, content: Record<string, unknown>, by: { userId: string; at: Date }) => {
    const base = versions.get(section) ?? 0;
    const outcome = await repo.saveSection(
      { collectiveId: id, section, baseVersion: base, content, restoredFrom: null, by },
      (version) => ({ kind: 'section', section, version, summary: `a modifié la partie (version ${version})` }),
      () => audit('collective.section.save', id),
    );
    if ('conflict' in outcome) throw new Error(`demo: conflict on ${section}`);
    versions.set(section, outcome.saved.version);
  };
  await write('etat_des_lieux', { text: 'Aux Coteaux, un parent sur trois élève seul ses enfants.' }, awa(50));
  await write(
    'etat_des_lieux',
    {
      text: 'Aux Coteaux, un parent sur trois élève seul ses enfants ; peu viennent aux réunions du collège ou aux ateliers du centre social. Les mamans relais constatent un isolement fort, surtout l’hiver.',
    },
    julien(48),
  );
  await write(
    'enjeux',
    {
      text: 'Rompre l’isolement des parents et les rapprocher de l’école : c’est une nécessité pour la réussite des enfants.',
      motivations: ['necessite', 'plaisir'],
    },
    awa(46),
  );
  await write(
    'niveau',
    {
      text: 'Nous nous connaissons et échangeons déjà ; nous voulons mettre en commun nos moyens (salles, temps d’animation).',
      aim: 'faire_avec',
    },
    julien(45),
  );
  await write(
    'ecosysteme',
    {
      text: 'Le bailleur, la médiathèque et les femmes relais sont des appuis essentiels.',
      keyOrganisationIds: [...organisations.values()],
      resourcePeople: [
        { name: 'Nadia Benali', personId: personId('Nadia Benali'), why: 'Référente familles, connaît chaque famille du quartier' },
      ],
    },
    awa(44),
  );
  await write('animation', { text: 'Un café des parents chaque mardi matin au centre social, animé à tour de rôle.' }, julien(40));
  await write(
    'financement',
    {
      text: 'Deux pistes principales, à déposer avant l’été.',
      leads: [
        { funder: 'CAF du Val-de-Lys', scheme: 'REAAP (soutien à la parentalité)', amount: 6000, status: 'depose' },
        { funder: 'État — politique de la ville', scheme: 'Appel à projets contrat de ville 2026', amount: 8000, status: 'contact' },
      ],
    },
    julien(38),
  );
  await write(
    'calendrier',
    {
      text: 'Lancement à la rentrée, bilan en juin.',
      milestones: [
        { date: day(-30), label: 'Premier café des parents' },
        { date: day(45), label: 'Forum des familles au collège' },
      ],
    },
    awa(36),
  );
  await write(
    'gouvernance',
    { text: 'Un comité de pilotage des quatre structures ; Awa Diallo en est la porteuse.', meetings: 'une fois par mois' },
    awa(34),
  );
  await write(
    'forme_juridique',
    { text: 'Une convention de partenariat entre les quatre structures, le centre social étant chef de file.', form: 'convention' },
    julien(33),
  );
  await write(
    'evaluation',
    { text: 'Nombre de parents venus au moins trois fois dans l’année ; avis des parents recueilli en juin.' },
    awa(30),
  );
  await write(
    'communication',
    { text: 'Affiches dans les halls de Lys Habitat, mot dans les cahiers de liaison, page du centre social.' },
    julien(29),
  );

  const comment = await repo.addComment(
    { collectiveId: id, section: 'financement', text: 'Pensons aussi à l’abattement TFPB du bailleur ?', by: awa(37) },
    audit('collective.comment.add', id),
  );
  await repo.resolveComment(
    { collectiveId: id, commentId: comment.id, resolved: true, by: julien(36) },
    audit('collective.comment.resolve', id),
  );
  await repo.addComment(
    { collectiveId: id, section: 'evaluation', text: 'Qui recueille l’avis des parents ?', by: julien(28) },
    audit('collective.comment.add', id),
  );

  const step = async (
    title: string,
    owner: string,
    dueOn: string,
    by: { userId: string; at: Date },
    done?: { userId: string; at: Date },
  ) => {
    const s = await repo.addStep(
      { collectiveId: id, title, ownerMemberId: seat(owner), dueOn, by, today: day(0) },
      { kind: 'step', summary: `a ajouté l’étape « ${title} »` },
      audit('collective.step.add', id),
    );
    if (done) {
      await repo.updateStep(
        { collectiveId: id, stepId: s.id, changes: { status: 'fait' }, by: done, today: day(0) },
        { kind: 'step', summary: `a marqué l’étape « ${title} » faite` },
        audit('collective.step.update', id),
      );
    }
  };
  await step('Réserver la salle du centre social le mardi', 'Julien Roche', day(-40), awa(45), julien(41));
  await step('Déposer le dossier REAAP à la CAF', 'Julien Roche', day(-20), julien(38), julien(21));
  await step('Rencontrer la principale du collège', 'Fatou Sow', day(-7), awa(30));
  await step('Préparer les affiches du forum', 'Fatou Sow', day(20), awa(10));

  const request = await repo.askSupport(
    {
      collectiveId: id,
      kind: 'contact',
      text: 'Pouvez-vous nous mettre en lien avec le délégué du préfet pour l’appel à projets ?',
      by: awa(25),
    },
    { kind: 'request', summary: 'a demandé un appui' },
    audit('collective.support.ask', id),
  );
  await repo.answerSupport(
    {
      collectiveId: id,
      requestId: request.id,
      status: 'traitee',
      answer: 'Yannick Perrot vous recevra ; je vous ai mis en copie de son agenda.',
      by: coordinator(23),
    },
    { kind: 'answer', summary: 'a répondu à une demande d’appui (traitée)' },
    audit('collective.support.answer', id),
  );

  // One co-development session of the collective, recorded.
  await addDemoCodevRecord(db, { territoryId: ctx.territoryId, collectiveId: id, heldAt: at(15) });
};
