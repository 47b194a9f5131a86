import type { PersonalDataDeclaration } from '../privacy/declaration';
import { foundOf } from '../privacy/declaration';

/**
 * Evaluation: a measurement keeps the user who reported it (shown in its history). Her export
 * lists the values she reported; erasure keeps the values (the partners' series stay whole) and
 * unlinks them from her account (so do observed changes she recorded and barometer runs she
 * opened). Her quiz results are hers alone: exported, and erased with their shares. Barometer
 * answers hold no link to anyone (see migration 0142): there is nothing of hers to find there.
 */
export const evaluationPersonalData: PersonalDataDeclaration = {
  capability: 'evaluation',
  holds: [
    { table: 'indicator_measurements', columns: ['reported_by'], what: 'values she reported: kept, unlinked from her account' },
    { table: 'observed_changes', columns: ['created_by'], what: 'observed changes she recorded: kept, unlinked from her account' },
    { table: 'barometer_runs', columns: ['created_by'], what: 'barometer runs she opened: kept, unlinked from her account' },
    { table: 'questionnaire_answers', columns: ['registration_id'], what: 'her answers to pre-training questionnaires: exported, erased' },
    { table: 'event_questionnaires', columns: ['updated_by'], what: 'questionnaires she set: kept, unlinked from her account' },
    { table: 'quiz_results', columns: ['user_id'], what: 'her quiz results taken signed in: exported, erased (with their shares)' },
  ],
  async locate(db, subject) {
    if (!subject.userId) return;
    const rows = await db.selectFrom('indicator_measurements').select('id').where('reported_by', '=', subject.userId).execute();
    subject.found.set(
      'indicator_measurements',
      rows.map((r) => r.id),
    );
    const quiz = await db.selectFrom('quiz_results').select('id').where('user_id', '=', subject.userId).execute();
    subject.found.set(
      'quiz_results',
      quiz.map((r) => r.id),
    );
  },
  async export(db, subject) {
    const registrations = foundOf(subject, 'event_registrations');
    const questionnaireAnswers = registrations.length
      ? await db
          .selectFrom('questionnaire_answers as a')
          .innerJoin('event_registrations as r', 'r.id', 'a.registration_id')
          .innerJoin('events as e', 'e.id', 'r.event_id')
          .select(['e.title as event', 'a.answers', 'a.answered_at as answeredAt'])
          .where('a.registration_id', 'in', registrations)
          .execute()
      : [];
    if (!subject.userId) return { measurementsReported: [], observedChangesRecorded: [], quizResults: [], questionnaireAnswers };
    const measurementsReported = await db
      .selectFrom('indicator_measurements as m')
      .innerJoin('indicators as i', 'i.id', 'm.indicator_id')
      .innerJoin('organisations as o', 'o.id', 'm.organisation_id')
      .select([
        'i.name as indicator',
        'o.name as organisation',
        'm.period',
        'm.version',
        'm.value',
        'm.comment',
        'm.reported_at as reportedAt',
      ])
      .where('m.reported_by', '=', subject.userId)
      .orderBy('m.reported_at')
      .execute();
    const observedChangesRecorded = await db
      .selectFrom('observed_changes')
      .select(['observed_on as observedOn', 'kind', 'description', 'created_at as recordedAt'])
      .where('created_by', '=', subject.userId)
      .orderBy('created_at')
      .execute();
    const quizResults = await db
      .selectFrom('quiz_results')
      .select(['result', 'created_at as takenAt'])
      .where('user_id', '=', subject.userId)
      .orderBy('created_at')
      .execute();
    return { measurementsReported, observedChangesRecorded, quizResults, questionnaireAnswers };
  },
  async erase(trx, subject) {
    const rows = foundOf(subject, 'indicator_measurements');
    const registrations = foundOf(subject, 'event_registrations');
    const answered = registrations.length
      ? await trx.deleteFrom('questionnaire_answers').where('registration_id', 'in', registrations).returning('registration_id').execute()
      : [];
    if (subject.userId) {
      await trx.updateTable('event_questionnaires').set({ updated_by: null }).where('updated_by', '=', subject.userId).execute();
      await trx.deleteFrom('quiz_results').where('user_id', '=', subject.userId).execute();
      await trx.updateTable('barometer_runs').set({ created_by: null }).where('created_by', '=', subject.userId).execute();
      await trx.updateTable('observed_changes').set({ created_by: null }).where('created_by', '=', subject.userId).execute();
      await trx.updateTable('indicator_measurements').set({ reported_by: null }).where('reported_by', '=', subject.userId).execute();
    }
    return {
      counts: {
        measurementsUnlinked: rows.length,
        quizResultsErased: foundOf(subject, 'quiz_results').length,
        questionnaireAnswersErased: answered.length,
      },
    };
  },
};
