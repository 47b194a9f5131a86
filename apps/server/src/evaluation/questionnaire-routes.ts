import { type Actor, answerQuestionnaire, questionnaireEndpoints as api, setQuestionnaire } from '@maillage/core';
import { eventQuestions, eventsRepo, questionnaireAnswers, questionnaireRepo, registrationQuestionnaire } from '@maillage/db';
import type { AppDeps } from '../deps';
import { Problem } from '../http/problem';
import { defineRoute } from '../http/route';
import { tokens } from '../http/session';

const tags = ['évaluation'];
const eventRef = { at: 'params.id', kind: 'event' } as const;
const tokenRef = {
  at: 'params.token',
  unscoped: 'the personal link of a registration: its token is the key the registered person holds',
} as const;
const userId = (actor: Actor) => (actor.kind === 'user' ? actor.userId : null);

async function mine(deps: AppDeps, token: string) {
  const found = await registrationQuestionnaire(deps.store.db, tokens.digest(token));
  if (!found || found.cancelled) throw new Problem('registration_not_found');
  return found;
}

const present = (found: NonNullable<Awaited<ReturnType<typeof registrationQuestionnaire>>>) => ({
  eventTitle: found.eventTitle,
  questions: found.questions,
  answers: found.answers,
});

const get = defineRoute({
  ...api.get,
  summary: 'Le questionnaire préalable d’un événement (pour l’organiser)',
  tags,
  action: 'event.registrations.read',
  refs: [eventRef],
  async handler({ params }, { deps }) {
    return { eventId: params.id, questions: await eventQuestions(deps.store.db, params.id) };
  },
});

const set = defineRoute({
  ...api.set,
  summary: 'Fixer les questions du questionnaire envoyé en amont d’une formation',
  tags,
  action: 'event.manage',
  refs: [eventRef],
  async handler({ params, body }, { deps, actor }) {
    const event = await eventsRepo(deps.store.db).findEvent(params.id);
    if (!event) throw new Problem('event_not_found');
    await setQuestionnaire(
      { repo: questionnaireRepo(deps.store.db) },
      { id: event.id, territoryId: event.territoryId },
      body.questions,
      userId(actor),
    );
    return { eventId: params.id, questions: await eventQuestions(deps.store.db, params.id) };
  },
});

const answers = defineRoute({
  ...api.answers,
  summary: 'Les réponses au questionnaire préalable, pour les formateurs avant la journée',
  tags,
  action: 'event.registrations.read',
  refs: [eventRef],
  async handler({ params }, { deps }) {
    return {
      eventId: params.id,
      questions: await eventQuestions(deps.store.db, params.id),
      answers: await questionnaireAnswers(deps.store.db, params.id),
    };
  },
});

const read = defineRoute({
  ...api.mine,
  summary: 'Mon questionnaire préalable, par le lien de mon inscription',
  tags,
  action: 'registration.self',
  refs: [tokenRef],
  async handler({ params }, { deps }) {
    return present(await mine(deps, params.token));
  },
});

const answer = defineRoute({
  ...api.answer,
  summary: 'Répondre au questionnaire préalable, par le lien de mon inscription',
  tags,
  action: 'registration.self',
  refs: [tokenRef],
  async handler({ params, body }, { deps }) {
    const found = await mine(deps, params.token);
    const result = await answerQuestionnaire(
      { repo: questionnaireRepo(deps.store.db) },
      found.registrationId,
      found.questions,
      body.answers,
    );
    if (!result.ok) throw new Problem(result.error, { ...(result.details ?? {}) });
    return present(await mine(deps, params.token));
  },
});

export const questionnaireRoutes = [get, set, answers, read, answer];
