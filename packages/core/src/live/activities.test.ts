import { describe, expect, it } from 'vitest';
import { pairsWhoMet } from './activities';
import {
  collectivesToCreate,
  decideCafeRound,
  decideGroupIdeas,
  decideHideIdea,
  decidePlanCafe,
  decidePresence,
  decideRenameCollective,
  decideProposeCollectives,
  decideSetHosts,
  decideTypedIdeas,
  decideTypedKeywords,
  decideTypedSynthesis,
} from './activity-commands';
import { decideAddActivity, decideStartActivity, decideSubmission } from './commands';
import { applyEvent, emptyRoom, type LiveEvent, meView, participantResultsView, resultsView, type RoomState } from './room';

/** A clock that never moves: each solver run ends by its iteration budget, so it replays exactly. */
const frozenClock = () => 0;

function room(): RoomState & { push(events: LiveEvent[]): void } {
  const state = emptyRoom('r1', 'ABC234', 'Journée');
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

const kinds = ['association', 'caf', 'collectivite', 'bailleur', 'centre_social'];

function crowd(s: ReturnType<typeof room>, n: number) {
  for (let i = 1; i <= n; i++) {
    s.push([
      {
        type: 'participant.joined',
        participantId: `p${i}`,
        name: `Personne ${i}`,
        organisationKind: kinds[i % kinds.length] as string,
        territory: null,
      },
    ]);
  }
}

const themes = ['Bien-être et parentalité', 'Jeunesse', 'Emploi', 'Habitat'];

function cafe(s: ReturnType<typeof room>) {
  s.push(
    must(
      decideAddActivity('wc', {
        kind: 'worldcafe',
        prompt: 'World café',
        tables: themes.map((theme) => ({ theme })),
        rounds: 3,
        minutes: 20,
      }),
    ),
  );
  s.push(must(decideStartActivity(s, 'wc')));
}

describe('a world café', () => {
  it('keeps hosts at their table, sends everyone else to distinct themes, and meets new people', () => {
    // 4 hosts and 16 movers at 4 tables over 3 rounds. Distinct themes force repeats: a table of
    // round 2 seats 4 people coming from the 3 other tables, so 2 of them met already (4 a round).
    const s = room();
    crowd(s, 20);
    cafe(s);
    s.push(
      must(
        decideSetHosts(s, 'wc', [
          { table: 't1', participantId: 'p1' },
          { table: 't2', participantId: 'p2' },
          { table: 't3', participantId: 'p3' },
          { table: 't4', participantId: 'p4' },
        ]),
      ),
    );
    s.push(must(decidePlanCafe(s, 'wc', { acquainted: [['p5', 'p6']] }, { seed: 1, maxIterations: 50_000, now: frozenClock })));
    const plan = s.activities.get('wc')!.cafe!.plan!;
    expect(plan).toHaveLength(3);
    const seen = new Map<string, Set<string>>();
    const met = new Map<string, number>();
    for (const round of plan) {
      const seated = round.flatMap((t) => t.members);
      expect(new Set(seated).size).toBe(16); // every mover once per round, hosts not listed
      expect(seated).not.toContain('p1');
      for (const t of round) {
        for (const m of t.members) {
          const tables = seen.get(m) ?? new Set();
          expect(tables.has(t.table)).toBe(false);
          tables.add(t.table);
          seen.set(m, tables);
        }
        for (const a of t.members) for (const b of t.members) if (a < b) met.set(`${a} ${b}`, (met.get(`${a} ${b}`) ?? 0) + 1);
      }
    }
    expect(met.get('p5 p6') ?? 0).toBe(0);
    const repeats = [...met.values()].reduce((n, m) => n + m - 1, 0);
    expect(repeats).toBe(8); // the bound above, reached (the count the solver minimises)
    // The phone: host sees their table, a mover their itinerary.
    const host = meView(s, 'p1')!;
    expect(host.cafe?.hosts?.theme).toBe('Bien-être et parentalité');
    expect(host.cafe?.itinerary.every((seat) => seat?.table.id === 't1')).toBe(true);
    const mover = meView(s, 'p9')!;
    expect(mover.cafe?.hosts).toBeNull();
    expect(new Set(mover.cafe?.itinerary.map((seat) => seat?.table.id)).size).toBe(3);
  });

  it('starts rounds with the timer, keeps syntheses per table and round, and re-plans only what is still to come', () => {
    const s = room();
    crowd(s, 14);
    cafe(s);
    s.push(must(decideSetHosts(s, 'wc', [{ table: 't1', participantId: 'p1' }])));
    expect(decideCafeRound(s, 'wc', 0, 1000)).toEqual({ ok: false, error: 'not_planned' });
    s.push(must(decidePlanCafe(s, 'wc', {}, { seed: 2, maxIterations: 20_000, now: frozenClock })));
    s.push(must(decideCafeRound(s, 'wc', 0, 1000)));
    expect(s.timer).toEqual({ startedAt: 1000, endsAt: 1000 + 20 * 60_000, warnBeforeMs: 120_000 });
    expect(decideSubmission(s, 'p2', 'wc', { kind: 'synthesis', table: 't1', text: 'x' })).toEqual({ ok: false, error: 'not_host' });
    s.push([must(decideSubmission(s, 'p1', 'wc', { kind: 'synthesis', table: 't1', text: 'Première version' }))]);
    s.push([must(decideSubmission(s, 'p1', 'wc', { kind: 'synthesis', table: 't1', text: 'Les parents d’abord' }))]);
    const round0 = s.activities.get('wc')!.cafe!.plan![0]!;
    // p5 leaves, p15 arrives: the re-plan keeps round 1 as played.
    s.push(must(decidePresence(s, 'p5', false)));
    s.push([{ type: 'participant.joined', participantId: 'p15', name: 'Retard', organisationKind: 'caf', territory: null }]);
    s.push(must(decidePlanCafe(s, 'wc', {}, { seed: 3, maxIterations: 20_000, now: frozenClock })));
    const plan = s.activities.get('wc')!.cafe!.plan!;
    expect(plan[0]).toEqual(round0);
    for (const round of plan.slice(1)) {
      const seated = round.flatMap((t) => t.members);
      expect(seated).toContain('p15');
      expect(seated).not.toContain('p5');
    }
    s.push(must(decideTypedSynthesis(s, 'wc', 't2', 0, 'Écrite sur papier')));
    const results = resultsView(s).wc;
    expect(results?.kind).toBe('worldcafe');
    if (results?.kind !== 'worldcafe') return;
    expect(results.tables[0]?.syntheses).toEqual([{ round: 0, text: 'Les parents d’abord' }]);
    expect(results.tables[1]?.syntheses).toEqual([{ round: 0, text: 'Écrite sur papier' }]);
    expect(results.tables[0]?.host).toBe('Personne 1');
  });

  it('refuses a participant hosting two tables', () => {
    const s = room();
    crowd(s, 6);
    cafe(s);
    expect(
      decideSetHosts(s, 'wc', [
        { table: 't1', participantId: 'p1' },
        { table: 't2', participantId: 'p1' },
      ]),
    ).toEqual({ ok: false, error: 'host_twice' });
    expect(decideSetHosts(s, 'wc', [{ table: 't9', participantId: 'p1' }])).toEqual({ ok: false, error: 'unknown_table' });
  });
});

describe('world café tables of every size', () => {
  /** Each round: everyone present seated once, nobody alone at a table, every table used when there are two people a table, sizes within one. */
  function problemsOf(s: ReturnType<typeof room>, people: number, label: string): string[] {
    const found: string[] = [];
    const cafe = s.activities.get('wc')!.cafe!;
    const hosts = new Set(cafe.hosts.keys());
    cafe.plan!.forEach((round, r) => {
      const sizes = cafe.tables.map((t) => (round.find((x) => x.table === t.id)?.members.length ?? 0) + (hosts.has(t.id) ? 1 : 0));
      const total = sizes.reduce((a, b) => a + b, 0);
      const used = sizes.filter((n) => n > 0);
      const seated = round.flatMap((t) => t.members);
      if (new Set(seated).size !== seated.length || total !== people) found.push(`${label}, tour ${r + 1} : ${total} assis sur ${people}`);
      if (sizes.some((n) => n === 1)) found.push(`${label}, tour ${r + 1} : une personne seule (${sizes.join(', ')})`);
      if (total >= 2 * sizes.length && used.length < sizes.length) found.push(`${label}, tour ${r + 1} : table vide (${sizes.join(', ')})`);
      if (Math.max(...used) - Math.min(...used) > 1) found.push(`${label}, tour ${r + 1} : tailles ${sizes.join(', ')}`);
    });
    return found;
  }

  it('never seats anyone alone and uses every table, for 2 to 60 people at tables of 2 to 8', () => {
    const failures: string[] = [];
    for (let n = 2; n <= 60; n++) {
      for (let size = 2; size <= 8; size++) {
        const tableCount = Math.max(2, Math.ceil(n / size));
        const s = room();
        crowd(s, n);
        s.push(
          must(
            decideAddActivity('wc', {
              kind: 'worldcafe',
              prompt: '?',
              tables: Array.from({ length: tableCount }, (_, i) => ({ theme: `Thème ${i + 1}` })),
              rounds: 3,
            }),
          ),
        );
        s.push(must(decideStartActivity(s, 'wc')));
        s.push(must(decidePlanCafe(s, 'wc', {}, { seed: n * 10 + size, maxIterations: 200, now: frozenClock })));
        failures.push(...problemsOf(s, n, `${n} personnes, ${tableCount} tables`));
      }
    }
    expect(failures).toEqual([]);
    // Several hundred plans: a busy machine takes its time, and no figure here depends on it.
  }, 600_000);

  it('seats a latecomer so that no table stays empty while another has three', () => {
    // 7 people at 4 tables with hosts: the re-plan after a latecomer must use every table.
    const s = room();
    crowd(s, 7);
    cafe(s);
    s.push(
      must(
        decideSetHosts(s, 'wc', [
          { table: 't1', participantId: 'p1' },
          { table: 't2', participantId: 'p2' },
        ]),
      ),
    );
    s.push(must(decidePlanCafe(s, 'wc', {}, { seed: 2, maxIterations: 2_000, now: frozenClock })));
    expect(problemsOf(s, 7, 'avant')).toEqual([]);
    s.push(must(decideCafeRound(s, 'wc', 0, 1000)));
    s.push([{ type: 'participant.joined', participantId: 'p8', name: 'Retardataire', organisationKind: 'caf', territory: null }]);
    s.push(must(decidePlanCafe(s, 'wc', {}, { seed: 2, maxIterations: 2_000, now: frozenClock })));
    const cafeState = s.activities.get('wc')!.cafe!;
    const later = cafeState.plan!.slice(1);
    for (const round of later) {
      const sizes = cafeState.tables.map(
        (t) => (round.find((x) => x.table === t.id)?.members.length ?? 0) + (cafeState.hosts.has(t.id) ? 1 : 0),
      );
      expect(sizes.every((n) => n === 2)).toBe(true);
    }
  });
});

describe('an idea wall', () => {
  it('posts ideas per theme, counts one vote per person, groups and hides', () => {
    const s = room();
    crowd(s, 3);
    s.push(must(decideAddActivity('iw', { kind: 'ideas', prompt: 'Labo d’idées', options: ['Jeunesse', 'Santé'] })));
    s.push(must(decideStartActivity(s, 'iw')));
    s.push([must(decideSubmission(s, 'p1', 'iw', { kind: 'idea', theme: 0, text: 'Un  café des parents' }))]);
    const first = s.seq;
    s.push([must(decideSubmission(s, 'p2', 'iw', { kind: 'idea', theme: 1, text: 'Maison de santé' }))]);
    const second = s.seq;
    expect(decideSubmission(s, 'p2', 'iw', { kind: 'idea', theme: 5, text: 'Hors thème' })).toEqual({ ok: false, error: 'unknown_theme' });
    s.push([must(decideSubmission(s, 'p2', 'iw', { kind: 'idea-vote', idea: first, vote: true }))]);
    s.push([must(decideSubmission(s, 'p3', 'iw', { kind: 'idea-vote', idea: first, vote: true }))]);
    s.push([must(decideSubmission(s, 'p3', 'iw', { kind: 'idea-vote', idea: first, vote: true }))]);
    expect(meView(s, 'p3')?.submitted).toEqual({ ideas: 0, votes: [first] });
    s.push(must(decideGroupIdeas(s, 'iw', [first, second], 'Lieux ressources')));
    const group = s.seq;
    s.push(must(decideTypedIdeas(s, 'iw', [{ theme: 1, text: 'Écrite sur la feuille' }])));
    s.push(must(decideHideIdea(s, 'iw', second, true)));
    const wall = participantResultsView(s).iw;
    expect(wall?.kind).toBe('ideas');
    if (wall?.kind !== 'ideas') return;
    expect(wall.total).toBe(2);
    expect(wall.ideas.map((i) => [i.text, i.votes, i.group])).toEqual([
      ['Un café des parents', 2, group],
      ['Écrite sur la feuille', 0, null],
    ]);
    expect(wall.groups).toEqual([{ id: group, label: 'Lieux ressources', votes: 2 }]);
    const facilitator = resultsView(s, { includeHidden: true }).iw;
    expect(facilitator?.kind === 'ideas' && facilitator.ideas.find((i) => i.id === second)?.hidden).toBe(true);
    expect(decideSubmission(s, 'p1', 'iw', { kind: 'idea-vote', idea: second, vote: true })).toEqual({
      ok: false,
      error: 'idea_not_found',
    });
  });
});

describe('forming collectives', () => {
  it('brings shared urgencies together in collectives of 3 to 5, lets people move, and lists what to create', () => {
    const s = room();
    crowd(s, 12);
    s.push(must(decideAddActivity('fc', { kind: 'collectives', prompt: 'Quelle urgence ?', options: ['Parentalité', 'Emploi', 'Santé'] })));
    s.push(must(decideStartActivity(s, 'fc')));
    expect(decideProposeCollectives(s, 'fc', { seed: 1, maxIterations: 5000, now: frozenClock })).toEqual({
      ok: false,
      error: 'too_few_participants',
    });
    const concerns = [
      { themes: ['Parentalité'], text: 'Les parents isolés du quartier ne viennent plus aux activités' },
      { themes: ['Emploi'], text: 'Les jeunes sans emploi décrochent des dispositifs' },
      { themes: ['Santé'], text: 'Accès aux soins des personnes âgées isolées' },
    ];
    for (let i = 1; i <= 12; i++) {
      const c = concerns[i % 3] as (typeof concerns)[number];
      s.push([must(decideSubmission(s, `p${i}`, 'fc', { kind: 'urgency', text: c.text, themes: c.themes }))]);
    }
    s.push(must(decideProposeCollectives(s, 'fc', { seed: 1, maxIterations: 20_000, now: frozenClock })));
    const forming = s.activities.get('fc')!.forming!;
    const proposal = forming.proposal!;
    expect(proposal.length).toBe(3);
    for (const c of proposal) {
      const members = [...forming.membership.entries()].filter(([, m]) => m.number === c.number).map(([id]) => id);
      expect(members.length).toBeGreaterThanOrEqual(3);
      expect(members.length).toBeLessThanOrEqual(5);
      // Shared concerns: everyone in a collective declared the same theme here.
      expect(new Set(members.map((id) => Number(id.slice(1)) % 3)).size).toBe(1);
      // Named from what brought it together: the shared theme and the first shared word of the urgencies.
      expect(c.name).toMatch(/^(Parentalité et parents|Emploi et jeunes|Santé et accès)$/);
    }
    expect(new Set(proposal.map((c) => c.name)).size).toBe(3);
    const me = meView(s, 'p1')!;
    expect(me.collective?.members).toContain('Personne 1');
    const other = proposal.find((c) => c.number !== me.collective?.number)!;
    s.push([must(decideSubmission(s, 'p1', 'fc', { kind: 'collective', number: other.number, accepted: true }))]);
    expect(meView(s, 'p1')?.collective).toMatchObject({ number: other.number, accepted: true });
    // Its members rename it from their phones (not the others), never to another collective's name.
    const outsider = [...forming.membership.entries()].find(([, m]) => m.number !== other.number)?.[0] as string;
    const third = proposal.find((c) => c.number !== other.number && c.number !== me.collective?.number)!;
    const rename = (who: string, name: string) => decideSubmission(s, who, 'fc', { kind: 'collective-name', number: other.number, name });
    expect(rename(outsider, 'Nos quartiers')).toEqual({ ok: false, error: 'not_collective_member' });
    expect(rename('p1', third.name.toUpperCase())).toEqual({ ok: false, error: 'collective_name_taken' });
    s.push([must(rename('p1', '  Nos   quartiers '))]);
    expect(meView(s, 'p1')?.collective?.name).toBe('Nos quartiers');
    expect(resultsView(s).fc).toMatchObject({
      kind: 'collectives',
      collectives: expect.arrayContaining([expect.objectContaining({ name: 'Nos quartiers' })]),
    });
    const toCreate = must(collectivesToCreate(s, 'fc'));
    expect(toCreate.find((c) => c.number === other.number)?.name).toBe('Nos quartiers');
    expect(toCreate.reduce((n, c) => n + c.members.length, 0)).toBe(12);
    expect(toCreate.find((c) => c.number === other.number)?.members.map((m) => m.participantId)).toContain('p1');
  });
});

describe('paper results typed back', () => {
  it('counts keywords typed per group like the phones’ ones', () => {
    const s = room();
    crowd(s, 2);
    s.push(must(decideAddActivity('k', { kind: 'keyword', prompt: 'Un mot', mode: 'group' })));
    s.push(must(decideStartActivity(s, 'k')));
    s.push(
      must(
        decideTypedKeywords(s, 'k', [
          { group: 1, text: 'Confiance' },
          { group: 2, text: 'la confiance' },
          { group: 1, text: 'Écoute' },
        ]),
      ),
    );
    expect(resultsView(s).k).toEqual({
      kind: 'cloud',
      total: 2,
      words: [
        { key: 'ecoute', label: 'Écoute', count: 1 },
        { key: 'confiance', label: 'La confiance', count: 1 },
      ],
    });
    expect(decideTypedKeywords(s, 'k', [{ group: 1, text: '!!' }])).toEqual({ ok: false, error: 'empty_keyword' });
  });

  describe('what several phones decide at once, and what a room leaves behind', () => {
    it('keeps a collective at 5 and a wall at 20 ideas per person in log order, even when each phone was checked alone', () => {
      const s = room();
      crowd(s, 8);
      s.push(must(decideAddActivity('fc', { kind: 'collectives', prompt: '?' })));
      s.push(must(decideStartActivity(s, 'fc')));
      s.push([
        {
          type: 'collectives.proposed',
          activityId: 'fc',
          collectives: [
            { number: 1, name: 'Un', themes: [], members: ['p1', 'p2', 'p3', 'p4'] },
            { number: 2, name: 'Deux', themes: [], members: ['p5', 'p6', 'p7', 'p8'] },
          ],
        },
      ]);
      // p5 and p6 both decided against the same state (collective 1 has 4): only the first gets in.
      const first = must(decideSubmission(s, 'p5', 'fc', { kind: 'collective', number: 1, accepted: true }));
      const second = must(decideSubmission(s, 'p6', 'fc', { kind: 'collective', number: 1, accepted: true }));
      s.push([first, second]);
      const members = [...s.activities.get('fc')!.forming!.membership.entries()].filter(([, m]) => m.number === 1);
      expect(members).toHaveLength(5);
      expect(s.activities.get('fc')!.forming!.membership.get('p6')?.number).toBe(2);

      s.push(must(decideAddActivity('iw', { kind: 'ideas', prompt: '?' })));
      s.push(must(decideStartActivity(s, 'iw')));
      const burst = Array.from({ length: 25 }, (_, i) =>
        must(decideSubmission(s, 'p1', 'iw', { kind: 'idea', theme: 0, text: `Idée ${i}` })),
      );
      s.push(burst);
      expect(s.activities.get('iw')!.wall!.ideas.size).toBe(20);
    });

    it('counts as met only the rounds started and the collectives people accepted or that were stored', () => {
      const s = room();
      crowd(s, 8);
      cafe(s);
      s.push(must(decidePlanCafe(s, 'wc', {}, { seed: 1, maxIterations: 5000, now: frozenClock })));
      expect(pairsWhoMet(s)).toEqual([]);
      s.push(must(decideCafeRound(s, 'wc', 0, 0)));
      const round0 = s.activities.get('wc')!.cafe!.plan![0]!;
      const expected = round0.reduce((n, t) => n + (t.members.length * (t.members.length - 1)) / 2, 0);
      expect(pairsWhoMet(s)).toHaveLength(expected);
    });

    it('takes a host named after planning out of the rounds to come, and refuses a new proposal once collectives are stored', () => {
      const s = room();
      crowd(s, 12);
      cafe(s);
      s.push(must(decidePlanCafe(s, 'wc', {}, { seed: 1, maxIterations: 5000, now: frozenClock })));
      s.push(must(decideSetHosts(s, 'wc', [{ table: 't2', participantId: 'p3' }])));
      for (const round of s.activities.get('wc')!.cafe!.plan!) expect(round.flatMap((t) => t.members)).not.toContain('p3');
      expect(meView(s, 'p3')?.cafe?.itinerary.every((seat) => seat?.table.id === 't2')).toBe(true);

      s.push(must(decideAddActivity('fc', { kind: 'collectives', prompt: '?' })));
      s.push(must(decideStartActivity(s, 'fc')));
      for (let i = 1; i <= 6; i++)
        s.push([must(decideSubmission(s, `p${i}`, 'fc', { kind: 'urgency', text: 'Les familles isolées', themes: [] }))]);
      s.push(must(decideProposeCollectives(s, 'fc', { seed: 1, maxIterations: 2000, now: frozenClock })));
      s.push([{ type: 'collectives.created', activityId: 'fc', created: [{ number: 1, collectiveId: 'c1' }] }]);
      // Stored: renamed from its page, not from the room any more.
      expect(decideRenameCollective(s, 'fc', 1, 'Autre nom')).toEqual({ ok: false, error: 'collective_stored' });
      expect(decideProposeCollectives(s, 'fc', { seed: 2, maxIterations: 2000, now: frozenClock })).toEqual({
        ok: false,
        error: 'already_created',
      });
    });
  });
});
