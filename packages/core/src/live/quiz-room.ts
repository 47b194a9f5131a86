import { MOTIVATIONS, type Motivation } from '../collectives/index';
import { PROFILES, type Profile, type QuizResult, scoreQuiz, validQuizAnswers } from '../evaluation/index';
import { fail, ok, type Result } from '../shared/result';

/**
 * « Quel coopérateur je suis ? » as a live activity (seed 004 opens its training with it): each
 * participant answers the questions on their phone and sees their own profile and the ranking of
 * their motivations; the projector and the console see the room's distribution only — how many
 * people have each profile and each motivation first — never one person's answers, never a name.
 *
 * The answers are stored in the room's log (`quiz.answered`) like any submission, so a reload or
 * a restart keeps them; a participant who answers again replaces their previous answers.
 */

export interface QuizRoomState {
  /** participant → their answers and the result they give (each person counted once). */
  readonly byParticipant: Map<string, { readonly answers: readonly number[]; readonly result: QuizResult }>;
}

export function newQuizRoom(): QuizRoomState {
  return { byParticipant: new Map() };
}

/** The room's distribution: counts only, with no participant id, name or answer in it. */
export interface QuizRoomResults {
  readonly kind: 'quiz';
  /** People who answered. */
  readonly people: number;
  /** How many people have each profile (a tie counts for each tied profile). */
  readonly profiles: Readonly<Record<Profile, number>>;
  /** How many people put each motivation first. */
  readonly firstMotivation: Readonly<Record<Motivation, number>>;
  /** The room's ranking of the four motivations (sum of everyone's scores; ties keep seed 004's order). */
  readonly motivations: readonly Motivation[];
}

/** What one participant sees of their own quiz: their answers (to keep the result) and their result. */
export interface QuizMeView {
  readonly answers: readonly number[];
  readonly profiles: readonly Profile[];
  readonly motivations: readonly Motivation[];
}

export function applyQuizAnswer(quiz: QuizRoomState, participantId: string, answers: readonly number[]): 'mine' | 'none' {
  if (!validQuizAnswers(answers)) return 'none';
  quiz.byParticipant.set(participantId, { answers: [...answers], result: scoreQuiz(answers) });
  return 'mine';
}

export function quizRoomResults(quiz: QuizRoomState): QuizRoomResults {
  const profiles = Object.fromEntries(PROFILES.map((x) => [x, 0])) as Record<Profile, number>;
  const firstMotivation = Object.fromEntries(MOTIVATIONS.map((x) => [x, 0])) as Record<Motivation, number>;
  const totals = Object.fromEntries(MOTIVATIONS.map((x) => [x, 0])) as Record<Motivation, number>;
  for (const { result } of quiz.byParticipant.values()) {
    for (const p of result.profiles) profiles[p]++;
    const first = result.motivations[0];
    if (first) firstMotivation[first]++;
    for (const m of MOTIVATIONS) totals[m] += result.motivationScores[m];
  }
  return {
    kind: 'quiz',
    people: quiz.byParticipant.size,
    profiles,
    firstMotivation,
    motivations: [...MOTIVATIONS].sort((a, b) => totals[b] - totals[a] || MOTIVATIONS.indexOf(a) - MOTIVATIONS.indexOf(b)),
  };
}

export function quizMeView(quiz: QuizRoomState, participantId: string): QuizMeView | null {
  const mine = quiz.byParticipant.get(participantId);
  if (!mine) return null;
  return { answers: mine.answers, profiles: mine.result.profiles, motivations: mine.result.motivations };
}

/** A participant's answers → the event to store, or why not. */
export function decideQuizAnswer(
  activity: { readonly open: boolean; readonly quiz?: QuizRoomState | undefined } | undefined,
  activityId: string,
  participantId: string,
  answers: readonly number[],
): Result<
  { type: 'quiz.answered'; activityId: string; participantId: string; answers: readonly number[] },
  'activity_not_found' | 'activity_closed' | 'wrong_kind' | 'invalid_choice'
> {
  if (!activity) return fail('activity_not_found');
  if (!activity.open) return fail('activity_closed');
  if (!activity.quiz) return fail('wrong_kind');
  if (!validQuizAnswers(answers)) return fail('invalid_choice');
  return ok({ type: 'quiz.answered', activityId, participantId, answers: [...answers] });
}
