import { sql } from 'kysely';
import { addTraces, ERASED_NAME, ERASED_TEXT, foundOf, type PersonalDataDeclaration } from '../privacy/declaration';

/**
 * Collectives: her seats (linked to her person, one of her live participants, her account, or a
 * guest seat with her e-mail), with roles and contact; what she wrote with her account (sheet
 * revisions, comments, requests for support, lines of history); the steps she carries; the lines
 * of a collective's shared urgency copied from what she typed in the room.
 *
 * Erasure keeps every fact the collective depends on: the seat stays, under « Personne effacée »,
 * without contact; the sheet's revisions keep their content but lose her name as author; her
 * comments, which are her own words, become « contribution effacée » (as her texts in live rooms);
 * her requests keep their text (the collective's request) without her name; the history keeps its
 * lines with her name removed.
 */
export const collectivesPersonalData: PersonalDataDeclaration = {
  capability: 'collectives',
  holds: [
    {
      table: 'collective_members',
      columns: ['person_id', 'live_participant_id', 'user_id', 'display_name', 'email', 'phone'],
      what: 'her seat in a collective (roles, contact): kept, anonymised, contact cleared',
    },
    {
      table: 'collectives',
      columns: ['urgency', 'created_by'],
      what: 'the shared urgency: the lines copied from what she typed anonymised',
    },
    { table: 'collective_sections', columns: ['updated_by', 'updated_by_name'], what: 'last author of a section: her name removed' },
    {
      table: 'collective_section_revisions',
      columns: ['author_user_id', 'author_name'],
      what: 'revisions she wrote: content kept, her name removed',
    },
    {
      table: 'collective_comments',
      columns: ['author_user_id', 'author_name', 'resolved_by'],
      what: 'her comments: « contribution effacée »',
    },
    { table: 'collective_steps', columns: ['owner_member_id', 'created_by'], what: 'steps she carries: kept, on her anonymised seat' },
    {
      table: 'collective_support_requests',
      columns: ['asked_by', 'asked_by_name', 'answered_by', 'answered_by_name'],
      what: 'requests she asked or answered: text kept, her name removed',
    },
    {
      table: 'collective_history',
      columns: ['author_user_id', 'author_name', 'member_id', 'summary'],
      what: 'lines of history: her name removed',
    },
    { table: 'collective_answers', columns: ['updated_by'], what: 'answers to the guiding questions: kept' },
  ],
  async locate(db, subject) {
    const participants = foundOf(subject, 'live_participants');
    const emails = [...subject.emails];
    const rows = await db
      .selectFrom('collective_members')
      .select(['id', 'display_name', 'email', 'phone'])
      .where((eb) =>
        eb.or([
          eb('person_id', '=', subject.personId),
          ...(participants.length ? [eb('live_participant_id', 'in', participants)] : []),
          ...(subject.userId ? [eb('user_id', '=', subject.userId)] : []),
          ...(emails.length ? [eb(sql<string>`lower(email)`, 'in', emails)] : []),
        ]),
      )
      .execute();
    subject.found.set(
      'collective_members',
      rows.map((r) => r.id),
    );
    for (const r of rows) addTraces(subject, r.display_name, r.email, r.phone);
  },
  async export(db, subject) {
    const seats = foundOf(subject, 'collective_members');
    const userId = subject.userId;
    const collectives = seats.length
      ? await db
          .selectFrom('collective_members as m')
          .innerJoin('collectives as c', 'c.id', 'm.collective_id')
          .select([
            'c.id as collectiveId',
            'c.name as collective',
            'c.created_at as createdAt',
            'm.id as seatId',
            'm.display_name as name',
            'm.organisation_name as organisation',
            'm.roles',
            'm.custom_roles as customRoles',
            'm.email',
            'm.phone',
            'm.joined_at as joinedAt',
            'm.left_at as leftAt',
          ])
          .where('m.id', 'in', seats)
          .orderBy('m.joined_at')
          .execute()
      : [];
    const stepsOwned = seats.length
      ? await db
          .selectFrom('collective_steps')
          .select(['collective_id as collectiveId', 'title', 'due_on as dueOn', 'status'])
          .where('owner_member_id', 'in', seats)
          .execute()
      : [];
    if (!userId) return { collectives, collectiveStepsOwned: stepsOwned };
    const [revisions, comments, requests] = await Promise.all([
      db
        .selectFrom('collective_section_revisions')
        .select(['collective_id as collectiveId', 'section', 'version', 'content', 'at'])
        .where('author_user_id', '=', userId)
        .orderBy('at')
        .execute(),
      db
        .selectFrom('collective_comments')
        .select(['collective_id as collectiveId', 'section', 'text', 'at'])
        .where('author_user_id', '=', userId)
        .orderBy('at')
        .execute(),
      db
        .selectFrom('collective_support_requests')
        .select(['collective_id as collectiveId', 'kind', 'text', 'status', 'answer', 'asked_at as askedAt'])
        .where('asked_by', '=', userId)
        .orderBy('asked_at')
        .execute(),
    ]);
    return {
      collectives,
      collectiveStepsOwned: stepsOwned,
      collectiveSheetRevisions: revisions,
      collectiveComments: comments,
      collectiveSupportRequests: requests,
    };
  },
  async erase(trx, subject) {
    const seats = foundOf(subject, 'collective_members');
    const userId = subject.userId;
    const names = [...subject.traces].filter((t) => !t.includes('@'));
    const collectiveIds = seats.length
      ? (await trx.selectFrom('collective_members').select('collective_id').distinct().where('id', 'in', seats).execute()).map(
          (r) => r.collective_id,
        )
      : [];
    if (seats.length) {
      await trx
        .updateTable('collective_members')
        .set({ display_name: ERASED_NAME, person_id: null, user_id: null, email: null, phone: null, invitation_id: null })
        .where('id', 'in', seats)
        .execute();
    }
    let comments = 0;
    let revisions = 0;
    if (userId) {
      revisions = Number(
        (
          await trx
            .updateTable('collective_section_revisions')
            .set({ author_name: null, author_user_id: null })
            .where('author_user_id', '=', userId)
            .executeTakeFirst()
        ).numUpdatedRows,
      );
      await trx
        .updateTable('collective_sections')
        .set({ updated_by_name: null, updated_by: null })
        .where('updated_by', '=', userId)
        .execute();
      comments = Number(
        (
          await trx
            .updateTable('collective_comments')
            .set({ text: ERASED_TEXT, author_name: null, author_user_id: null })
            .where('author_user_id', '=', userId)
            .executeTakeFirst()
        ).numUpdatedRows,
      );
      await trx
        .updateTable('collective_support_requests')
        .set({ asked_by_name: null, asked_by: null })
        .where('asked_by', '=', userId)
        .execute();
      await trx
        .updateTable('collective_support_requests')
        .set({ answered_by_name: null, answered_by: null })
        .where('answered_by', '=', userId)
        .execute();
      await trx
        .updateTable('collective_history')
        .set({ author_name: null, author_user_id: null })
        .where('author_user_id', '=', userId)
        .execute();
    }
    // Lines of history that name her (« a ajouté Awa Diallo »): her name becomes « Personne effacée ».
    if (collectiveIds.length && names.length) {
      const lines = await trx
        .selectFrom('collective_history')
        .select(['id', 'summary'])
        .where('collective_id', 'in', collectiveIds)
        .execute();
      for (const line of lines) {
        const summary = names.reduce((text, name) => text.split(name).join(ERASED_NAME), line.summary);
        if (summary !== line.summary) await trx.updateTable('collective_history').set({ summary }).where('id', '=', line.id).execute();
      }
    }
    // The shared urgency is the members' urgencies, one per line: hers become « contribution effacée ».
    const texts = new Set([...subject.texts].map((t) => t.toLowerCase()));
    if (collectiveIds.length && texts.size) {
      const rows = await trx.selectFrom('collectives').select(['id', 'urgency']).where('id', 'in', collectiveIds).execute();
      for (const row of rows) {
        const urgency = row.urgency
          .split('\n')
          .map((line) => (texts.has(line.trim().toLowerCase()) ? ERASED_TEXT : line))
          .join('\n');
        if (urgency !== row.urgency) await trx.updateTable('collectives').set({ urgency }).where('id', '=', row.id).execute();
      }
    }
    return {
      counts: { collectiveMemberships: seats.length, collectiveRevisionsAnonymised: revisions, collectiveCommentsErased: comments },
    };
  },
};
