import { addTraces, ERASED_NAME, ERASED_TEXT, foundOf, type PersonalDataDeclaration } from '../privacy/declaration';

/**
 * Collectives: her memberships (linked to her person, or to one of her live participants), and the
 * lines of a collective's shared urgency copied from what she typed in the room. Erasure keeps the
 * seat, so the collective keeps its size, under « Personne effacée ».
 */
export const collectivesPersonalData: PersonalDataDeclaration = {
  capability: 'collectives',
  holds: [
    { table: 'collective_members', columns: ['person_id', 'live_participant_id'], what: 'her name in a collective: anonymised' },
    { table: 'collectives', columns: ['urgency'], what: 'the shared urgency: the lines copied from what she typed anonymised' },
  ],
  async locate(db, subject) {
    const participants = foundOf(subject, 'live_participants');
    const rows = await db
      .selectFrom('collective_members')
      .select(['collective_id', 'position', 'display_name'])
      .where((eb) =>
        eb.or([eb('person_id', '=', subject.personId), ...(participants.length ? [eb('live_participant_id', 'in', participants)] : [])]),
      )
      .execute();
    subject.found.set(
      'collective_members',
      rows.map((r) => `${r.collective_id}:${r.position}`),
    );
    for (const r of rows) addTraces(subject, r.display_name);
  },
  async export(db, subject) {
    const keys = foundOf(subject, 'collective_members');
    const collectives = await Promise.all(
      keys.map(async (key) => {
        const [collectiveId, position] = key.split(':') as [string, string];
        return db
          .selectFrom('collective_members as m')
          .innerJoin('collectives as c', 'c.id', 'm.collective_id')
          .select(['c.id as collectiveId', 'c.name as collective', 'c.created_at as createdAt', 'm.display_name as name'])
          .where('m.collective_id', '=', collectiveId)
          .where('m.position', '=', Number(position))
          .executeTakeFirstOrThrow();
      }),
    );
    return { collectives };
  },
  async erase(trx, subject) {
    const keys = foundOf(subject, 'collective_members');
    for (const key of keys) {
      const [collectiveId, position] = key.split(':') as [string, string];
      await trx
        .updateTable('collective_members')
        .set({ display_name: ERASED_NAME, person_id: null })
        .where('collective_id', '=', collectiveId)
        .where('position', '=', Number(position))
        .execute();
    }
    // The shared urgency is the members' urgencies, one per line: hers become « contribution effacée ».
    const collectiveIds = [...new Set(keys.map((key) => key.split(':')[0] as string))];
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
    return { counts: { collectiveMemberships: keys.length } };
  },
};
