import { createHash, randomBytes } from 'node:crypto';
import {
  type Actor,
  PROFILES,
  type QuizResult,
  PROFILE_TEXTS,
  QUIZ_QUESTIONS,
  quizEndpoints as api,
  quizMix,
  saveQuizResult,
  shareQuizResult,
} from '@maillage/core';
import { collectiveQuizResults, collectiveTerritory, findQuizResult, openRoomByCode, quizResultsRepo, roomQuizResults } from '@maillage/db';
import type { AppDeps } from '../deps';
import { Problem } from '../http/problem';
import { defineRoute } from '../http/route';

const tags = ['évaluation'];
const digest = (token: string) => createHash('sha256').update(token).digest('hex');
const tokenRef = {
  at: 'params.token',
  unscoped: 'the random share token of a quiz result: the link is the key its owner chose to hand out',
} as const;

async function byToken(deps: AppDeps, token: string) {
  const found = await findQuizResult(deps.store.db, digest(token));
  if (!found) throw new Problem('quiz_result_not_found');
  return found;
}

const resultView = (r: QuizResult) => ({
  profiles: [...r.profiles],
  scores: { ...r.scores },
  motivations: [...r.motivations],
  motivationScores: { ...r.motivationScores },
});

const present = (found: NonNullable<Awaited<ReturnType<typeof findQuizResult>>>) => ({
  result: resultView(found.result),
  takenOn: found.takenOn,
  sharedWith: found.sharedWith,
});

const questions = defineRoute({
  ...api.questions,
  summary: '« Quel coopérateur je suis ? » : les questions et les profils (français et anglais)',
  tags,
  action: 'public',
  async handler() {
    return {
      questions: QUIZ_QUESTIONS.map((q) => ({ key: q.key, text: { ...q.text }, choices: q.choices.map((c) => ({ fr: c.fr, en: c.en })) })),
      profiles: PROFILES.map((key) => ({ key, fr: { ...PROFILE_TEXTS[key].fr }, en: { ...PROFILE_TEXTS[key].en } })),
    };
  },
});

const save = defineRoute({
  ...api.save,
  summary: 'Envoyer ses réponses au quiz : son profil coopératif et ses motivations, gardés derrière un lien (et son compte si connecté)',
  tags,
  action: 'public',
  async handler({ body }, { deps, actor }) {
    const token = randomBytes(24).toString('base64url');
    const userId = (a: Actor) => (a.kind === 'user' ? a.userId : null);
    // A code naming no open room is ignored, with the same answer: the route is no oracle for join codes.
    const roomId = body.roomCode ? ((await openRoomByCode(deps.store.db, body.roomCode)) ?? null) : null;
    const result = await saveQuizResult({ repo: quizResultsRepo(deps.store.db) }, body.answers, digest(token), userId(actor), roomId);
    if (!result.ok) throw new Problem(result.error, { ...(result.details ?? {}) });
    return { token, result: resultView(result.value) };
  },
});

const result = defineRoute({
  ...api.result,
  summary: 'Un résultat du quiz, par son lien',
  tags,
  action: 'public',
  refs: [tokenRef],
  async handler({ params }, { deps }) {
    return present(await byToken(deps, params.token));
  },
});

const share = defineRoute({
  ...api.share,
  summary: 'Partager son résultat du quiz avec un collectif (qui n’en voit que le mélange des profils)',
  tags,
  action: 'quiz.share',
  refs: [tokenRef, { at: 'body.collectiveId', kind: 'collective' }],
  async handler({ params, body }, { deps, actor }) {
    const found = await byToken(deps, params.token);
    const territoryId = (await collectiveTerritory(deps.store.db, body.collectiveId)) as string;
    await shareQuizResult(
      { repo: quizResultsRepo(deps.store.db) },
      found.id,
      { id: body.collectiveId, territoryId },
      actor.kind === 'user' ? actor.userId : null,
    );
    return present(await byToken(deps, params.token));
  },
});

const mix = defineRoute({
  ...api.mix,
  summary: 'Le mélange des profils et des premières motivations des membres d’un collectif qui ont partagé leur résultat',
  tags,
  action: 'quiz.mix',
  refs: [{ at: 'params.id', kind: 'collective' }],
  async handler({ params }, { deps }) {
    const results = await collectiveQuizResults(deps.store.db, params.id);
    return { collectiveId: params.id, people: results.length, ...quizMix(results) };
  },
});

const roomMix = defineRoute({
  ...api.roomMix,
  summary: 'La répartition des profils et motivations d’une salle en direct, pour son projecteur (jamais les réponses d’une personne)',
  tags,
  action: 'live.room.facilitate',
  refs: [{ at: 'params.id', kind: 'room' }],
  async handler({ params }, { deps }) {
    const results = await roomQuizResults(deps.store.db, params.id);
    return { roomId: params.id, people: results.length, ...quizMix(results) };
  },
});

export const quizRoutes = [questions, save, result, share, mix, roomMix];
