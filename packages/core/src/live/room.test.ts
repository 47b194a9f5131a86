import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  decideAddActivity,
  decideFormGroups,
  groupSizes,
  decideHideWord,
  decideMergeWords,
  decideStartActivity,
  decideSubmission,
} from './commands';
import { joinCodeFrom, JOIN_CODE_ALPHABET, normaliseJoinCode } from './join';
import { parseClientMessage } from './protocol';
import { applyEvent, cloudOf, emptyRoom, type LiveEvent, meView, resultsView, type RoomState, roomView } from './room';

/** A clock that never moves: each solver run ends by its iteration budget, so it replays exactly. */
const frozenClock = () => 0;

function room(): RoomState & { push(events: LiveEvent[]): void } {
  const state = emptyRoom('r1', 'ABC234', 'Journée de coopération');
  return Object.assign(state, {
    push(events: LiveEvent[]) {
      for (const event of events) applyEvent(state, { seq: state.seq + 1, event });
    },
  });
}

function must<T>(r: { ok: true; value: T } | { ok: false; error: string }): T {
  if (!r.ok) throw new Error(r.error);
  return r.value;
}

function join(state: ReturnType<typeof room>, id: string, organisationKind: string | null = null, territory: string | null = null) {
  state.push([{ type: 'participant.joined', participantId: id, name: `Personne ${id}`, organisationKind, territory }]);
}

describe('a keyword cloud', () => {
  it('counts "Confiance", "confiance " and "la confiance" as one, shows the common spelling', () => {
    const s = room();
    for (const id of ['p1', 'p2', 'p3', 'p4']) join(s, id);
    s.push(must(decideAddActivity('k', { kind: 'keyword', prompt: 'Qu’est-ce qui rend la coopération possible ?' })));
    s.push(must(decideStartActivity(s, 'k')));
    s.push([must(decideSubmission(s, 'p1', 'k', { kind: 'keyword', text: 'Confiance' }))]);
    s.push([must(decideSubmission(s, 'p2', 'k', { kind: 'keyword', text: 'confiance ' }))]);
    s.push([must(decideSubmission(s, 'p3', 'k', { kind: 'keyword', text: 'la confiance' }))]);
    s.push([must(decideSubmission(s, 'p4', 'k', { kind: 'keyword', text: 'Écoute' }))]);
    const cloud = resultsView(s).k;
    expect(cloud).toEqual({
      kind: 'cloud',
      total: 4,
      words: [
        { key: 'confiance', label: 'Confiance', count: 3 },
        { key: 'ecoute', label: 'Écoute', count: 1 },
      ],
    });
  });

  it('replaces a participant’s earlier keyword instead of counting it twice', () => {
    const s = room();
    join(s, 'p1');
    s.push(must(decideAddActivity('k', { kind: 'keyword', prompt: '?' })));
    s.push(must(decideStartActivity(s, 'k')));
    s.push([must(decideSubmission(s, 'p1', 'k', { kind: 'keyword', text: 'Temps' }))]);
    s.push([must(decideSubmission(s, 'p1', 'k', { kind: 'keyword', text: 'Volonté' }))]);
    expect(cloudOf(s.activities.get('k')!.board!)).toEqual({
      kind: 'cloud',
      total: 1,
      words: [{ key: 'volonte', label: 'Volonté', count: 1 }],
    });
    expect(meView(s, 'p1')?.submitted).toEqual({ keyword: 'Volonté' });
  });

  it('takes up to three words per person when the facilitator asks for them, each counted once', () => {
    const s = room();
    for (const id of ['p1', 'p2']) join(s, id);
    s.push(must(decideAddActivity('k', { kind: 'keyword', prompt: 'Trois mots ?', wordsPerPerson: 3 })));
    s.push(must(decideStartActivity(s, 'k')));
    expect(roomView(s).activity).toMatchObject({ kind: 'keyword', wordsPerPerson: 3 });
    s.push([must(decideSubmission(s, 'p1', 'k', { kind: 'keyword', text: 'Confiance' }))]);
    s.push([must(decideSubmission(s, 'p1', 'k', { kind: 'keyword', text: 'Écoute', slot: 1 }))]);
    s.push([must(decideSubmission(s, 'p1', 'k', { kind: 'keyword', text: 'Temps', slot: 2 }))]);
    s.push([must(decideSubmission(s, 'p2', 'k', { kind: 'keyword', text: 'confiance' }))]);
    // The same word twice from one person, or a fourth word, is refused.
    expect(decideSubmission(s, 'p1', 'k', { kind: 'keyword', text: 'la confiance', slot: 2 })).toEqual({
      ok: false,
      error: 'same_word_twice',
    });
    expect(decideSubmission(s, 'p1', 'k', { kind: 'keyword', text: 'Moyens', slot: 3 })).toEqual({ ok: false, error: 'too_many_words' });
    expect(
      parseClientMessage(
        JSON.stringify({ v: 1, type: 'submit', key: 'abcdefgh', activityId: 'k', input: { kind: 'keyword', text: 'x', slot: 3 } }),
      ).ok,
    ).toBe(false);
    // A slot's new word replaces that slot only.
    s.push([must(decideSubmission(s, 'p1', 'k', { kind: 'keyword', text: 'Moyens', slot: 2 }))]);
    expect(cloudOf(s.activities.get('k')!.board!)).toMatchObject({
      words: [
        { key: 'confiance', label: 'Confiance', count: 2 },
        { key: 'ecoute', label: 'Écoute', count: 1 },
        { key: 'moyen', label: 'Moyens', count: 1 },
      ],
    });
    expect(meView(s, 'p1')?.submitted).toEqual({ keyword: 'Confiance', keywords: ['Confiance', 'Écoute', 'Moyens'] });
    expect(meView(s, 'p2')?.submitted).toEqual({ keyword: 'confiance', keywords: ['confiance', '', ''] });
  });

  it('asks one word by default and refuses more than three per person', () => {
    const s = room();
    join(s, 'p1');
    s.push(must(decideAddActivity('k', { kind: 'keyword', prompt: '?' })));
    s.push(must(decideStartActivity(s, 'k')));
    expect(roomView(s).activity?.wordsPerPerson).toBeUndefined();
    expect(decideSubmission(s, 'p1', 'k', { kind: 'keyword', text: 'Écoute', slot: 1 })).toEqual({ ok: false, error: 'too_many_words' });
    expect(decideAddActivity('k2', { kind: 'keyword', prompt: '?', wordsPerPerson: 4 })).toEqual({ ok: false, error: 'invalid_options' });
    expect(decideAddActivity('k2', { kind: 'keyword', prompt: '?', wordsPerPerson: 0 })).toEqual({ ok: false, error: 'invalid_options' });
  });

  it('lets the facilitator merge and hide words', () => {
    const s = room();
    for (const id of ['p1', 'p2', 'p3']) join(s, id);
    s.push(must(decideAddActivity('k', { kind: 'keyword', prompt: '?' })));
    s.push(must(decideStartActivity(s, 'k')));
    s.push([must(decideSubmission(s, 'p1', 'k', { kind: 'keyword', text: 'Confiance' }))]);
    s.push([must(decideSubmission(s, 'p2', 'k', { kind: 'keyword', text: 'Confiance mutuelle' }))]);
    s.push([must(decideSubmission(s, 'p3', 'k', { kind: 'keyword', text: 'Gros mot' }))]);
    s.push(must(decideMergeWords(s, 'k', 'Confiance mutuelle', 'confiance')));
    s.push(must(decideHideWord(s, 'k', 'gros mot', true)));
    expect(resultsView(s).k).toEqual({ kind: 'cloud', total: 2, words: [{ key: 'confiance', label: 'Confiance', count: 2 }] });
    expect(cloudOf(s.activities.get('k')!.board!, { includeHidden: true })).toMatchObject({
      words: [
        { key: 'confiance', count: 2, hidden: false },
        { key: 'gro mot', count: 1, hidden: true },
      ],
    });
    expect(decideMergeWords(s, 'k', 'inconnu', 'confiance')).toEqual({ ok: false, error: 'word_not_found' });
  });

  it('refuses empty keywords, closed or unknown activities, and wrong kinds', () => {
    const s = room();
    join(s, 'p1');
    s.push(must(decideAddActivity('k', { kind: 'keyword', prompt: '?' })));
    expect(decideSubmission(s, 'p1', 'k', { kind: 'keyword', text: 'x' })).toEqual({ ok: false, error: 'activity_closed' });
    s.push(must(decideStartActivity(s, 'k')));
    expect(decideSubmission(s, 'p1', 'k', { kind: 'keyword', text: ' !? ' })).toEqual({ ok: false, error: 'empty_keyword' });
    expect(decideSubmission(s, 'p1', 'zz', { kind: 'keyword', text: 'x' })).toEqual({ ok: false, error: 'activity_not_found' });
    expect(decideSubmission(s, 'p1', 'k', { kind: 'vote', choices: [0] })).toEqual({ ok: false, error: 'wrong_kind' });
  });

  it('gives the same cloud whatever the order of submissions (property)', () => {
    const texts = fc.array(fc.constantFrom('Confiance', 'la confiance', 'Écoute', 'écoutes', 'Temps', 'du temps', 'Volonté'), {
      minLength: 1,
      maxLength: 30,
    });
    fc.assert(
      fc.property(texts, fc.func(fc.integer()), (list, order) => {
        const build = (items: string[]) => {
          const s = room();
          s.push(must(decideAddActivity('k', { kind: 'keyword', prompt: '?' })));
          s.push(must(decideStartActivity(s, 'k')));
          for (let i = 0; i < items.length; i++) join(s, `p${i}`);
          const indexed = items.map((text, i) => ({ text, i }));
          for (const { text, i } of indexed) s.push([must(decideSubmission(s, `p${i}`, 'k', { kind: 'keyword', text }))]);
          return cloudOf(s.activities.get('k')!.board!);
        };
        const shuffled = [...list].sort((a, b) => order(a) - order(b));
        const a = build(list) as unknown as { words: { key: string; count: number }[] };
        const b = build(shuffled) as unknown as { words: { key: string; count: number }[] };
        const counts = (c: typeof a) => Object.fromEntries(c.words.map((w) => [w.key, w.count]));
        expect(counts(a)).toEqual(counts(b));
        expect(a.words.reduce((n, w) => n + w.count, 0)).toBe(list.length);
      }),
    );
  });
});

describe('polls', () => {
  it('tallies single choices, replaces a changed vote, and offers the 7 levels of the continuum', () => {
    const s = room();
    for (const id of ['p1', 'p2']) join(s, id);
    s.push(must(decideAddActivity('c', { kind: 'poll', pollKind: 'continuum', prompt: 'Où en est notre coopération ?' })));
    s.push(must(decideStartActivity(s, 'c')));
    expect(roomView(s).activity?.options).toHaveLength(7);
    expect(roomView(s).activity?.options?.[6]).toBe('Intégration');
    s.push([must(decideSubmission(s, 'p1', 'c', { kind: 'vote', choices: [2] }))]);
    s.push([must(decideSubmission(s, 'p2', 'c', { kind: 'vote', choices: [4] }))]);
    s.push([must(decideSubmission(s, 'p2', 'c', { kind: 'vote', choices: [5] }))]);
    expect(resultsView(s).c).toEqual({ kind: 'tally', voters: 2, counts: [0, 0, 1, 0, 0, 1, 0] });
    expect(decideSubmission(s, 'p1', 'c', { kind: 'vote', choices: [7] })).toEqual({ ok: false, error: 'invalid_choice' });
    expect(decideSubmission(s, 'p1', 'c', { kind: 'vote', choices: [1, 2] })).toEqual({ ok: false, error: 'invalid_choice' });
  });

  it('accepts several choices in a multiple-choice poll', () => {
    const s = room();
    join(s, 'p1');
    s.push(must(decideAddActivity('m', { kind: 'poll', pollKind: 'multiple', prompt: '?', options: ['A', 'B', 'C'] })));
    s.push(must(decideStartActivity(s, 'm')));
    s.push([must(decideSubmission(s, 'p1', 'm', { kind: 'vote', choices: [2, 0, 2] }))]);
    expect(resultsView(s).m).toEqual({ kind: 'tally', voters: 1, counts: [1, 0, 1] });
    expect(decideAddActivity('x', { kind: 'poll', pollKind: 'single', prompt: '?', options: ['seul'] })).toEqual({
      ok: false,
      error: 'invalid_options',
    });
  });
});

describe('mise en route', () => {
  it('forms groups of the requested size that mix organisation kinds, and each phone sees its group', () => {
    const s = room();
    const kinds = ['association', 'caf', 'collectivite', 'centre_social', 'etat'];
    for (let i = 0; i < 20; i++) join(s, `p${i}`, kinds[i % 4] as string, i % 2 ? 'Nord' : 'Sud');
    s.push(must(decideAddActivity('g', { kind: 'icebreaker', prompt: 'Par 5, les plus beaux exemples de coopération' })));
    s.push(must(decideFormGroups(s, 'g', { size: 5, places: ['Près de la scène'] }, { seed: 1, maxIterations: 20_000, now: frozenClock })));
    const groups = s.activities.get('g')!.groups!;
    expect(groups).toHaveLength(4);
    expect(groups.map((g) => g.members.length)).toEqual([5, 5, 5, 5]);
    expect(new Set(groups.flatMap((g) => g.members)).size).toBe(20);
    for (const g of groups) {
      const byKind = new Map<string, number>();
      for (const m of g.members) {
        const k = s.participants.get(m)!.organisationKind as string;
        byKind.set(k, (byKind.get(k) ?? 0) + 1);
      }
      expect(Math.max(...byKind.values())).toBeLessThanOrEqual(2);
    }
    const me = meView(s, 'p0')!;
    expect(me.group?.size).toBe(5);
    expect(me.group?.colour.hex).toMatch(/^#[0-9a-f]{6}$/);
    const first = groups[0]!;
    expect(meView(s, first.members[0]!)?.group?.place).toBe('Près de la scène');
    expect(resultsView(s)).toEqual({});
  });

  it('keeps acquaintances apart when it can', () => {
    const s = room();
    for (let i = 0; i < 10; i++) join(s, `p${i}`);
    s.push(must(decideAddActivity('g', { kind: 'icebreaker', prompt: '?' })));
    const acquainted: [string, string][] = [
      ['p0', 'p1'],
      ['p2', 'p3'],
      ['p4', 'p5'],
    ];
    s.push(must(decideFormGroups(s, 'g', { size: 5, acquainted }, { seed: 3, maxIterations: 20_000, now: frozenClock })));
    for (const [a, b] of acquainted) expect(s.participants.get(a)!.group).not.toBe(s.participants.get(b)!.group);
  });

  it('group mode: one keyword per group, the last one sent counts', () => {
    const s = room();
    for (let i = 0; i < 4; i++) join(s, `p${i}`);
    s.push(must(decideAddActivity('g', { kind: 'icebreaker', prompt: '?' })));
    s.push(must(decideFormGroups(s, 'g', { size: 2 }, { seed: 1, maxIterations: 5_000, now: frozenClock })));
    s.push(must(decideAddActivity('k', { kind: 'keyword', mode: 'group', prompt: '?' })));
    s.push(must(decideStartActivity(s, 'k')));
    const [a, b] = s.activities.get('g')!.groups![0]!.members as [string, string];
    s.push([must(decideSubmission(s, a, 'k', { kind: 'keyword', text: 'Temps' }))]);
    s.push([must(decideSubmission(s, b, 'k', { kind: 'keyword', text: 'Confiance' }))]);
    expect(resultsView(s).k).toMatchObject({ total: 1, words: [{ key: 'confiance', count: 1 }] });
    expect(meView(s, a)?.submitted).toEqual({ keyword: 'Confiance' });
  });
});

describe('groups of every size', () => {
  it('splits three people asked in pairs into one group of three, and two people into one pair', () => {
    expect(groupSizes(3, 2)).toEqual({ groupCount: 1, minSize: 3, capacity: 3 });
    expect(groupSizes(2, 5)).toEqual({ groupCount: 1, minSize: 2, capacity: 2 });
    expect(groupSizes(11, 5)).toEqual({ groupCount: 3, minSize: 3, capacity: 4 });
    expect(groupSizes(1, 5).groupCount).toBe(0);
  });

  // Every count from 2 to 60 people, every group size from 2 to 8: everyone is placed once, no
  // group holds a single person, sizes differ by at most one, and every group asked for is used.
  it('never leaves anyone alone and uses every group, for 2 to 60 people in groups of 2 to 8', () => {
    const kinds = ['association', 'caf', 'collectivite', 'centre_social', 'etat'];
    const failures: string[] = [];
    for (let n = 2; n <= 60; n++) {
      for (let size = 2; size <= 8; size++) {
        const s = room();
        for (let i = 0; i < n; i++) join(s, `p${i}`, kinds[i % kinds.length] as string, i % 3 ? 'Nord' : 'Sud');
        s.push(must(decideAddActivity('g', { kind: 'icebreaker', prompt: '?' })));
        s.push(must(decideFormGroups(s, 'g', { size }, { seed: n * 10 + size, maxIterations: 300, now: frozenClock })));
        const sizes = s.activities.get('g')!.groups!.map((g) => g.members.length);
        const placed = new Set(s.activities.get('g')!.groups!.flatMap((g) => g.members));
        const expected = groupSizes(n, size).groupCount;
        const ok =
          placed.size === n &&
          sizes.reduce((a, b) => a + b, 0) === n &&
          Math.min(...sizes) >= 2 &&
          Math.max(...sizes) - Math.min(...sizes) <= 1 &&
          sizes.length === expected &&
          Math.max(...sizes) <= Math.max(size, 3) + 1;
        if (!ok) failures.push(`${n} personnes par ${size} : ${sizes.join(', ')}`);
      }
    }
    expect(failures).toEqual([]);
    // 413 plans: a busy machine takes its time, and no figure here depends on it.
  }, 600_000);
});

describe('replay', () => {
  it('ignores events at or below the state’s seq', () => {
    const s = room();
    applyEvent(s, {
      seq: 5,
      event: { type: 'participant.joined', participantId: 'p', name: 'P', organisationKind: null, territory: null },
    });
    expect(
      applyEvent(s, {
        seq: 5,
        event: { type: 'participant.joined', participantId: 'q', name: 'Q', organisationKind: null, territory: null },
      }),
    ).toBe('none');
    expect(s.participants.size).toBe(1);
  });
});

describe('protocol', () => {
  it('parses valid messages and refuses the rest with a code', () => {
    expect(parseClientMessage('{"v":1,"type":"hello","role":"projector"}')).toMatchObject({ ok: true });
    expect(
      parseClientMessage(
        JSON.stringify({ v: 1, type: 'submit', key: 'abcdefgh12', activityId: 'k', input: { kind: 'keyword', text: 'Confiance' } }),
      ),
    ).toMatchObject({ ok: true });
    expect(parseClientMessage('{"v":2,"type":"hello","role":"projector"}')).toEqual({ ok: false, code: 'unsupported_version' });
    expect(parseClientMessage('not json')).toEqual({ ok: false, code: 'bad_message' });
    expect(parseClientMessage('{"v":1,"type":"submit","key":"short","activityId":"k","input":{"kind":"keyword","text":"a"}}')).toEqual({
      ok: false,
      code: 'bad_message',
    });
    expect(parseClientMessage(`{"v":1,"type":"ping","t":1,"pad":"${'x'.repeat(5000)}"}`)).toEqual({ ok: false, code: 'too_large' });
  });

  it('refuses a NUL character anywhere in a message (PostgreSQL would refuse it later, as a 500)', () => {
    const submit = (text: string) =>
      parseClientMessage(JSON.stringify({ v: 1, type: 'submit', key: 'abcdefgh12', activityId: 'k', input: { kind: 'keyword', text } }));
    expect(submit('Confi\u0000ance')).toEqual({ ok: false, code: 'forbidden_character' });
    expect(parseClientMessage('{"v":1,"type":"hello","role":"participant","token":"a\\u0000b"}')).toEqual({
      ok: false,
      code: 'forbidden_character',
    });
    expect(submit('Confiance')).toMatchObject({ ok: true });
  });
});

describe('join codes', () => {
  it('are 6 characters of the unambiguous alphabet, evenly drawn', () => {
    const bytes = (n: number) => new Uint8Array(randomBytes(n));
    const seen = new Map<string, number>();
    for (let i = 0; i < 2000; i++) {
      const code = joinCodeFrom(bytes);
      expect(code).toMatch(/^[ABCDEFGHJKMNPQRSTUVWXYZ23456789]{6}$/);
      for (const c of code) seen.set(c, (seen.get(c) ?? 0) + 1);
    }
    expect(seen.size).toBe(JOIN_CODE_ALPHABET.length);
    expect(normaliseJoinCode(' abc-234 ')).toBe('ABC234');
  });
});
