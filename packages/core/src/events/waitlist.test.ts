import { describe, expect, it } from 'vitest';
import { decideMove, type MoveSession, type MoveSituation, promoteFromWaitlists, type WaitlistSituation } from './waitlist';

const morning = (capacity: number | null) => ({ day: '2026-03-12', startsAt: '10:00', endsAt: '11:30', capacity });
const afternoon = (capacity: number | null) => ({ day: '2026-03-12', startsAt: '14:00', endsAt: '15:30', capacity });

const situation = (over: Partial<WaitlistSituation>): WaitlistSituation => ({
  capacity: null,
  confirmed: 0,
  sessions: new Map(),
  taken: new Map(),
  freedSessions: [],
  workshopWaiting: [],
  eventWaiting: [],
  ...over,
});

describe('promoteFromWaitlists', () => {
  it('gives a freed workshop place to the participant waiting longest, whatever the order read', () => {
    const decision = promoteFromWaitlists(
      situation({
        sessions: new Map([['codev', morning(2)]]),
        taken: new Map([['codev', 1]]),
        freedSessions: ['codev'],
        workshopWaiting: [
          { registrationId: 'bea', sessionId: 'codev', arrival: 7 },
          { registrationId: 'ali', sessionId: 'codev', arrival: 3 },
        ],
      }),
    );
    expect(decision.workshopPlaces).toEqual([{ registrationId: 'ali', sessionId: 'codev' }]);
    expect(decision.promotions).toEqual([{ registrationId: 'ali', toEvent: false, sessionIds: ['codev'] }]);
    expect(decision.admitted).toEqual([]);
  });

  it('fills several places freed at once, in several workshops, each workshop up to its capacity', () => {
    const decision = promoteFromWaitlists(
      situation({
        sessions: new Map([
          ['codev', morning(3)],
          ['theatre', afternoon(1)],
        ]),
        taken: new Map([
          ['codev', 1],
          ['theatre', 0],
        ]),
        freedSessions: ['codev', 'theatre', 'codev'],
        workshopWaiting: [
          { registrationId: 'ali', sessionId: 'codev', arrival: 1 },
          { registrationId: 'bea', sessionId: 'codev', arrival: 2 },
          { registrationId: 'cyr', sessionId: 'codev', arrival: 3 },
          { registrationId: 'ali', sessionId: 'theatre', arrival: 4 },
          { registrationId: 'dan', sessionId: 'theatre', arrival: 5 },
        ],
      }),
    );
    expect(decision.workshopPlaces).toEqual([
      { registrationId: 'ali', sessionId: 'codev' },
      { registrationId: 'bea', sessionId: 'codev' },
      { registrationId: 'ali', sessionId: 'theatre' },
    ]);
    expect(decision.promotions).toEqual([
      { registrationId: 'ali', toEvent: false, sessionIds: ['codev', 'theatre'] },
      { registrationId: 'bea', toEvent: false, sessionIds: ['codev'] },
    ]);
  });

  it('promotes no one into a workshop still full, nor into one it does not know', () => {
    const decision = promoteFromWaitlists(
      situation({
        sessions: new Map([['codev', morning(2)]]),
        taken: new Map([['codev', 2]]),
        freedSessions: ['codev', 'gone'],
        workshopWaiting: [{ registrationId: 'ali', sessionId: 'codev', arrival: 1 }],
      }),
    );
    expect(decision).toEqual({ workshopPlaces: [], admitted: [], promotions: [] });
  });

  it('admits from the event waiting list as many as the event has free places, by registration order', () => {
    const decision = promoteFromWaitlists(
      situation({
        capacity: 10,
        confirmed: 8,
        eventWaiting: [
          { registrationId: 'cyr', arrival: 30, preferences: [] },
          { registrationId: 'ali', arrival: 10, preferences: [] },
          { registrationId: 'bea', arrival: 20, preferences: [] },
        ],
      }),
    );
    expect(decision.admitted.map((a) => a.registrationId)).toEqual(['ali', 'bea']);
    expect(decision.promotions).toEqual([
      { registrationId: 'ali', toEvent: true, sessionIds: [] },
      { registrationId: 'bea', toEvent: true, sessionIds: [] },
    ]);
  });

  it('admits someone to the event even when their preferred workshop is still full: they wait for it, and take the next one free', () => {
    const decision = promoteFromWaitlists(
      situation({
        capacity: 5,
        confirmed: 4,
        sessions: new Map([
          ['codev', morning(2)],
          ['forum', morning(null)],
          ['theatre', afternoon(3)],
        ]),
        taken: new Map([
          ['codev', 2],
          ['theatre', 0],
        ]),
        eventWaiting: [{ registrationId: 'ali', arrival: 1, preferences: ['codev', 'theatre'] }],
      }),
    );
    expect(decision.admitted).toEqual([
      {
        registrationId: 'ali',
        choices: [
          { sessionId: 'codev', preference: 1, status: 'waitlisted' },
          { sessionId: 'theatre', preference: 2, status: 'confirmed' },
        ],
      },
    ]);
    expect(decision.promotions).toEqual([{ registrationId: 'ali', toEvent: true, sessionIds: ['theatre'] }]);
  });

  it('holds the workshop capacity across the people admitted together, after the workshop waiting list is served', () => {
    const decision = promoteFromWaitlists(
      situation({
        capacity: 3,
        confirmed: 1,
        sessions: new Map([['codev', morning(2)]]),
        taken: new Map([['codev', 0]]),
        freedSessions: ['codev'],
        workshopWaiting: [{ registrationId: 'ali', sessionId: 'codev', arrival: 1 }],
        eventWaiting: [
          { registrationId: 'bea', arrival: 2, preferences: ['codev'] },
          { registrationId: 'cyr', arrival: 3, preferences: ['codev'] },
        ],
      }),
    );
    expect(decision.workshopPlaces).toEqual([{ registrationId: 'ali', sessionId: 'codev' }]);
    expect(decision.admitted.map((a) => [a.registrationId, a.choices.map((c) => c.status)])).toEqual([
      ['bea', ['confirmed']],
      ['cyr', ['waitlisted']],
    ]);
  });

  it('bounds the admissions by the event capacity, not by free workshop places', () => {
    const decision = promoteFromWaitlists(
      situation({
        capacity: 2,
        confirmed: 1,
        sessions: new Map([['forum', morning(null)]]),
        eventWaiting: [
          { registrationId: 'ali', arrival: 1, preferences: ['forum'] },
          { registrationId: 'bea', arrival: 2, preferences: ['forum'] },
        ],
      }),
    );
    expect(decision.admitted.map((a) => a.registrationId)).toEqual(['ali']);
  });

  it('admits no one when the event is full or has no capacity', () => {
    const waiting = [{ registrationId: 'ali', arrival: 1, preferences: [] }];
    expect(promoteFromWaitlists(situation({ capacity: 2, confirmed: 2, eventWaiting: waiting })).admitted).toEqual([]);
    expect(promoteFromWaitlists(situation({ capacity: 2, confirmed: 3, eventWaiting: waiting })).admitted).toEqual([]);
    expect(promoteFromWaitlists(situation({ capacity: null, confirmed: 0, eventWaiting: waiting })).admitted).toEqual([]);
  });

  it('serves a tie for one place by arrival: the earlier registration wins, on the workshop and on the event lists', () => {
    const decision = promoteFromWaitlists(
      situation({
        capacity: 1,
        confirmed: 0,
        sessions: new Map([['codev', morning(1)]]),
        taken: new Map([['codev', 0]]),
        freedSessions: ['codev'],
        workshopWaiting: [
          { registrationId: 'late', sessionId: 'codev', arrival: 12 },
          { registrationId: 'early', sessionId: 'codev', arrival: 11 },
        ],
        eventWaiting: [
          { registrationId: 'later', arrival: 22, preferences: [] },
          { registrationId: 'earlier', arrival: 21, preferences: [] },
        ],
      }),
    );
    expect(decision.workshopPlaces.map((p) => p.registrationId)).toEqual(['early']);
    expect(decision.admitted.map((a) => a.registrationId)).toEqual(['earlier']);
  });
});

describe('moving someone off a workshop’s waiting list', () => {
  const ws = (over: Partial<MoveSession>): MoveSession => ({ eventId: 'e', choosable: true, taken: 0, ...morning(10), ...over });
  const move = (over: Partial<MoveSituation>): MoveSituation => ({
    eventId: 'e',
    registrationStatus: 'confirmed',
    choices: [
      { sessionId: 'full', status: 'waitlisted' },
      { sessionId: 'pm', status: 'confirmed' },
    ],
    fromSessionId: 'full',
    toSessionId: 'other',
    sessions: new Map([
      ['full', ws({ capacity: 2, taken: 2 })],
      ['other', ws({})],
      ['pm', ws(afternoon(5))],
    ]),
    ...over,
  });

  it('confirms her in a workshop of the same slot with room', () => {
    expect(decideMove(move({}))).toEqual({ ok: true, sessionId: 'other' });
  });

  it('refuses a full workshop, one overlapping a place she holds, another event’s, the same one, and a person not waiting there', () => {
    const sessions = (extra: [string, MoveSession]) => new Map([...move({}).sessions, extra]);
    expect(decideMove(move({ sessions: sessions(['other', ws({ capacity: 3, taken: 3 })]) }))).toEqual({
      ok: false,
      error: 'move_workshop_full',
    });
    expect(decideMove(move({ toSessionId: 'pm2', sessions: sessions(['pm2', ws(afternoon(9))]) }))).toEqual({
      ok: false,
      error: 'move_overlap',
    });
    expect(decideMove(move({ sessions: sessions(['other', ws({ eventId: 'x' })]) }))).toEqual({
      ok: false,
      error: 'move_unknown_workshop',
    });
    expect(decideMove(move({ sessions: sessions(['other', ws({ choosable: false })]) }))).toEqual({
      ok: false,
      error: 'move_unknown_workshop',
    });
    expect(decideMove(move({ toSessionId: 'nowhere' }))).toEqual({ ok: false, error: 'move_unknown_workshop' });
    expect(decideMove(move({ toSessionId: 'full' }))).toEqual({ ok: false, error: 'move_same_workshop' });
    expect(decideMove(move({ toSessionId: 'pm' }))).toEqual({ ok: false, error: 'move_same_workshop' });
    expect(decideMove(move({ fromSessionId: 'pm' }))).toEqual({ ok: false, error: 'move_not_waitlisted' });
    expect(decideMove(move({ registrationStatus: 'waitlisted' }))).toEqual({ ok: false, error: 'move_not_at_event' });
  });

  it('an unlimited workshop always has room', () => {
    expect(decideMove(move({ sessions: new Map([...move({}).sessions, ['other', ws({ capacity: null, taken: 500 })]]) }))).toEqual({
      ok: true,
      sessionId: 'other',
    });
  });
});
