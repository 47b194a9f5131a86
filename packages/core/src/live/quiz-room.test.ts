import { describe, expect, it } from 'vitest';
import { QUIZ_QUESTIONS } from '../evaluation/index';
import { decideAddActivity, decideCloseActivity, decideStartActivity, decideSubmission } from './commands';
import { parseClientMessage } from './protocol';
import {
  applyEvent,
  emptyRoom,
  type LiveEvent,
  meView,
  participantResultsView,
  resultsView,
  type RoomState,
  type StoredLiveEvent,
} from './room';

/** A room whose events are also kept, as the log keeps them, to fold them again. */
function room(): RoomState & { log: StoredLiveEvent[]; push(events: LiveEvent[]): void } {
  const state = emptyRoom('r1', 'QUIZ23', 'Formation coopération');
  const log: StoredLiveEvent[] = [];
  return Object.assign(state, {
    log,
    push(events: LiveEvent[]) {
      for (const event of events) {
        const stored = { seq: state.seq + 1, event };
        log.push(stored);
        applyEvent(state, stored);
      }
    },
  });
}

function must<T>(r: { ok: true; value: T } | { ok: false; error: string }): T {
  if (!r.ok) throw new Error(r.error);
  return r.value;
}

/** Every question answered with the same choice: 0 → passeur and nécessité, 1 → bâtisseur and sécurité… */
const all = (choice: number) => QUIZ_QUESTIONS.map(() => choice);
const names = ['Capucine Ferrand', 'Yanis Roumier', 'Odile Marchetti'];

function quizRoom() {
  const s = room();
  names.forEach((name, i) => {
    s.push([{ type: 'participant.joined', participantId: `p${i + 1}`, name, organisationKind: null, territory: null }]);
  });
  s.push(must(decideAddActivity('q', { kind: 'quiz', prompt: 'Quel coopérateur je suis ?' })));
  s.push(must(decideStartActivity(s, 'q')));
  return s;
}

describe('« Quel coopérateur je suis ? » in a live room', () => {
  it('shows the room’s distribution of profiles and motivations, counting each person once', () => {
    const s = quizRoom();
    s.push([must(decideSubmission(s, 'p1', 'q', { kind: 'quiz', answers: all(0) }))]);
    s.push([must(decideSubmission(s, 'p2', 'q', { kind: 'quiz', answers: all(0) }))]);
    s.push([must(decideSubmission(s, 'p3', 'q', { kind: 'quiz', answers: all(3) }))]);
    // p2 changes their mind: their latest answers replace the earlier ones.
    s.push([must(decideSubmission(s, 'p2', 'q', { kind: 'quiz', answers: all(1) }))]);
    expect(resultsView(s).q).toEqual({
      kind: 'quiz',
      people: 3,
      profiles: { passeur: 1, batisseur: 1, explorateur: 0, rassembleur: 1 },
      firstMotivation: { necessite: 1, securite: 1, facilite: 0, plaisir: 1 },
      // 3 each for nécessité, sécurité and plaisir: ties keep seed 004's order.
      motivations: ['necessite', 'securite', 'plaisir', 'facilite'],
    });
  });

  it('never names anyone nor shows one person’s answers to the projector, the console or the phones', () => {
    const s = quizRoom();
    // Answers that spell out a recognisable sequence.
    const answers = [3, 1, 2, 0, 3, 1, 2, 0, 3, 2, 1, 0];
    s.push([must(decideSubmission(s, 'p1', 'q', { kind: 'quiz', answers }))]);
    for (const view of [resultsView(s), resultsView(s, { includeHidden: true }), participantResultsView(s)]) {
      const text = JSON.stringify(view);
      for (const name of names) expect(text).not.toContain(name);
      expect(text).not.toMatch(/p[123]\b/);
      expect(text).not.toContain(answers.join(','));
      expect(text).not.toContain('answers');
    }
  });

  it('gives each participant their own profile and motivations, and nobody else’s', () => {
    const s = quizRoom();
    s.push([must(decideSubmission(s, 'p1', 'q', { kind: 'quiz', answers: all(2) }))]);
    expect(meView(s, 'p1')?.quiz).toEqual({
      answers: all(2),
      profiles: ['explorateur'],
      motivations: ['facilite', 'necessite', 'securite', 'plaisir'],
    });
    expect(meView(s, 'p2')?.quiz).toBeNull();
  });

  it('keeps the answers through a reload: the log folded again gives the same results', () => {
    const s = quizRoom();
    s.push([must(decideSubmission(s, 'p1', 'q', { kind: 'quiz', answers: all(0) }))]);
    s.push([must(decideSubmission(s, 'p3', 'q', { kind: 'quiz', answers: all(3) }))]);
    const again = emptyRoom('r1', 'QUIZ23', 'Formation coopération');
    for (const e of s.log) applyEvent(again, e);
    expect(resultsView(again)).toEqual(resultsView(s));
    expect(meView(again, 'p3')?.quiz).toEqual(meView(s, 'p3')?.quiz);
  });

  it('refuses answers to a closed quiz, to another activity, or with a missing answer', () => {
    const s = quizRoom();
    s.push(must(decideAddActivity('poll', { kind: 'poll', prompt: '?', options: ['Oui', 'Non'] })));
    s.push(must(decideStartActivity(s, 'poll')));
    expect(decideSubmission(s, 'p1', 'poll', { kind: 'quiz', answers: all(0) })).toMatchObject({ ok: false, error: 'wrong_kind' });
    expect(decideSubmission(s, 'p1', 'q', { kind: 'vote', choices: [0] })).toMatchObject({ ok: false, error: 'wrong_kind' });
    expect(decideSubmission(s, 'p1', 'q', { kind: 'quiz', answers: all(0).slice(1) })).toMatchObject({
      ok: false,
      error: 'invalid_choice',
    });
    s.push(must(decideCloseActivity(s, 'q')));
    expect(decideSubmission(s, 'p1', 'q', { kind: 'quiz', answers: all(0) })).toMatchObject({ ok: false, error: 'activity_closed' });
    expect(decideSubmission(s, 'p1', 'missing', { kind: 'quiz', answers: all(0) })).toMatchObject({
      ok: false,
      error: 'activity_not_found',
    });
  });

  it('ignores a stored answer that is not a valid set (the fold never trusts the log blindly)', () => {
    const s = quizRoom();
    s.push([{ type: 'quiz.answered', activityId: 'q', participantId: 'p1', answers: [9] }]);
    expect(resultsView(s).q).toMatchObject({ people: 0 });
  });

  it('accepts a phone’s quiz message only with one answer per question', () => {
    const frame = (answers: number[]) =>
      JSON.stringify({ v: 1, type: 'submit', key: 'quiz-key-1', activityId: 'q', input: { kind: 'quiz', answers } });
    expect(parseClientMessage(frame(all(1))).ok).toBe(true);
    expect(parseClientMessage(frame(all(1).slice(2))).ok).toBe(false);
    expect(parseClientMessage(frame(all(4))).ok).toBe(false);
  });
});
