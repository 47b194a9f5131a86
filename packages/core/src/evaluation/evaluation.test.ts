import { describe, expect, it } from 'vitest';
import { BAROMETER_MIN_RESPONDENTS, barometerResult, FACTORS, readFactor, STATEMENTS, validAnswers } from './barometer';
import { PROFILES, QUIZ_QUESTIONS, quizMix, scoreQuiz, validQuizAnswers } from './quiz';

describe('barometer', () => {
  const all = (v: number) => STATEMENTS.map(() => v);
  it('has twenty factors in six groups, two statements each, all distinct', () => {
    expect(FACTORS).toHaveLength(20);
    expect(STATEMENTS).toHaveLength(40);
    expect(new Set(STATEMENTS.map((s) => s.text)).size).toBe(40);
  });
  it('shows nothing below three respondents', () => {
    expect(barometerResult([all(5), all(4)])).toEqual({ shown: false, respondents: 2, needed: BAROMETER_MIN_RESPONDENTS });
  });
  it('gives each factor its mean, spread and reading, and the trend since the last run', () => {
    const run = [all(5), all(3), all(4)];
    const r = barometerResult(run, [all(2), all(3), all(4)]);
    if (!r.shown) throw new Error('hidden');
    const first = r.factors[0];
    expect(first).toMatchObject({ mean: 4, reading: 'force', respondents: 3, trend: 1 });
    expect(first?.spread).toBeCloseTo(Math.sqrt(2 / 3), 2);
    expect(r.groups).toHaveLength(6);
  });
  it('agreement has no spread; skipped statements count for nothing', () => {
    const skip = STATEMENTS.map((_s, i) => (i === 0 ? null : 2));
    const r = barometerResult([skip, all(2), all(2)]);
    if (!r.shown) throw new Error('hidden');
    expect(r.factors[0]).toMatchObject({ mean: 2, spread: 0, reading: 'vigilance' });
  });
  it('reads by threshold', () => {
    expect([readFactor(4), readFactor(3.99), readFactor(3), readFactor(2.9)]).toEqual(['force', 'a_discuter', 'a_discuter', 'vigilance']);
  });
  it('checks answers', () => {
    expect(validAnswers(all(3))).toBe(true);
    expect(validAnswers([...all(3).slice(1), 6])).toBe(false);
    expect(validAnswers(all(3).slice(1))).toBe(false);
  });
});

describe('quiz « Quel coopérateur je suis ? »', () => {
  it('has twelve questions of four choices', () => {
    expect(QUIZ_QUESTIONS).toHaveLength(12);
    for (const q of QUIZ_QUESTIONS) expect(q.choices).toHaveLength(4);
  });
  it('scores deterministically: a profile, and the motivations ranked', () => {
    // Choice 1 (bâtisseur) everywhere but two profile questions answered « passeur »; motivations: plaisir twice, sécurité once.
    const answers = [0, 0, 1, 1, 1, 1, 1, 1, 1, 3, 1, 3];
    const a = scoreQuiz(answers);
    expect(a).toEqual(scoreQuiz([...answers]));
    expect(a.profiles).toEqual(['batisseur']);
    expect(a.scores).toEqual({ passeur: 2, batisseur: 7, explorateur: 0, rassembleur: 0 });
    expect(a.motivations).toEqual(['plaisir', 'securite', 'necessite', 'facilite']);
  });
  it('names every tied profile, in a fixed order', () => {
    const r = scoreQuiz([0, 1, 2, 3, 0, 1, 2, 3, 0, 0, 0, 0]);
    expect(r.profiles).toEqual(['passeur']);
    const tie = scoreQuiz([3, 2, 1, 0, 3, 2, 1, 0, 3, 0, 0, 0]);
    expect(tie.profiles).toEqual(['rassembleur']);
    const even = scoreQuiz([0, 0, 0, 0, 1, 1, 1, 1, 2, 0, 0, 0]);
    expect(even.profiles).toEqual(['passeur', 'batisseur']);
  });
  it('refuses incomplete or out-of-range answers', () => {
    expect(validQuizAnswers(QUIZ_QUESTIONS.map(() => 0))).toBe(true);
    expect(validQuizAnswers(QUIZ_QUESTIONS.map(() => 4))).toBe(false);
    expect(validQuizAnswers([0, 1])).toBe(false);
  });
  it('tells a group’s mix', () => {
    const mix = quizMix([scoreQuiz(QUIZ_QUESTIONS.map(() => 0)), scoreQuiz(QUIZ_QUESTIONS.map(() => 3))]);
    expect(mix.profiles).toEqual(Object.fromEntries(PROFILES.map((p) => [p, p === 'passeur' || p === 'rassembleur' ? 1 : 0])));
    expect(mix.firstMotivation).toEqual({ necessite: 1, securite: 0, facilite: 0, plaisir: 1 });
  });
});
