import { describe, expect, it } from 'vitest';
import type { MixingProblem } from './model';
import { parseMixingJson, problemFromCsv } from './parse-problem';
import { applyPresenceChanges, planMixing, replanMixing } from './plan-mixing';

const problem: MixingProblem = {
  mode: 'rotation',
  rounds: 3,
  rules: {
    noRepeatPairs: true,
    separateKnownPairs: true,
    themeAtMostOncePerParticipant: false,
    diversity: [{ attribute: 'type', maxPerTable: 2 }],
  },
  participants: Array.from({ length: 16 }, (_, i) => ({ id: `P${i}`, organisation: `O${i % 6}`, type: `t${i % 3}` })),
  tables: Array.from({ length: 5 }, (_, t) => ({ id: `T${t}`, capacity: 4, minSize: 3, theme: null })),
  knownPairs: [['P1', 'P2']],
  keepTogether: [['P3', 'P4']],
};

describe('planMixing', () => {
  it('seats everyone once per round, keeps pairs together and separates known people', () => {
    const r = planMixing(problem, { seed: 1, timeLimitMs: 300, now: () => performance.now() });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.metrics.hardViolations).toBe(0);
    expect(r.value.metrics.knownMeetings).toBe(0);
    for (const round of r.value.plan.rounds) {
      const seated = round.tables.flatMap((t) => t.participants);
      expect(new Set(seated).size).toBe(16);
      const table = round.tables.find((t) => t.participants.includes('P3'));
      expect(table?.participants).toContain('P4');
    }
    expect(r.value.explanation.length).toBeGreaterThan(0);
  });

  it('re-plans: keeps played rounds, seats a walk-in and drops a leaver', () => {
    const first = planMixing(problem, { seed: 1, timeLimitMs: 200, now: () => performance.now() });
    if (!first.ok) throw new Error(first.error);
    const changed = applyPresenceChanges(problem, {
      left: [{ id: 'P0', fromRound: 2 }],
      walkIns: [{ participant: { id: 'NEW', organisation: 'O9', type: 't1' }, fromRound: 2 }],
    });
    if (!changed.ok) throw new Error(changed.error);
    const again = replanMixing(changed.value, first.value.plan, 1, { seed: 2, timeLimitMs: 200, now: () => performance.now() });
    if (!again.ok) throw new Error(again.error);
    expect(again.value.plan.rounds[0]).toEqual(first.value.plan.rounds[0]);
    expect(again.value.metrics.hardViolations).toBe(0);
    const round2 = again.value.plan.rounds[1]!.tables.flatMap((t) => t.participants);
    expect(round2).toContain('NEW');
    expect(round2).not.toContain('P0');
  });

  it('rejects unknown people in a played plan with a French message', () => {
    const r = replanMixing(problem, { rounds: [{ tables: [{ table: 'T0', participants: ['X'] }] }] }, 1, { now: () => performance.now() });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(String(r.details?.message)).toContain('participant « X » inconnu');
  });
});

describe('parsing', () => {
  it('reads the classic format and names bad fields in French', () => {
    const ok = parseMixingJson(JSON.stringify({ name: 'k', players: 15, groupSize: 3, groups: 5, rounds: 7 }));
    expect(ok.ok && ok.value.tables.length).toBe(5);
    const bad = parseMixingJson(JSON.stringify({ schema: 'workshop-instance/v1', rounds: 2, participants: [{ id: '' }], tables: [] }));
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(String(bad.details?.message)).toMatch(/champ « participants\[0\]\.id »/);
  });

  it('reads a Windows-1252 semicolon spreadsheet and reports the line and column of an error', () => {
    const text = 'nom;organisation;type;territoire\r\nAndré;Mairie;collectivité;Nord\r\nBéa;CAF;État;Sud\r\nChloé;;association;Nord\r\n';
    const bytes = Uint8Array.from([...text].map((c) => ({ é: 0xe9, É: 0xc9 })[c] ?? c.charCodeAt(0)));
    const r = problemFromCsv(bytes, { rounds: 2, tableSize: 3 });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.details?.message).toBe('ligne 4, colonne « organisation » : valeur manquante');
    const good = problemFromCsv(new TextEncoder().encode('nom,organisation\nAndré,Mairie\nBéa,CAF\nChloé,CAF\n'), {
      rounds: 2,
      tableSize: 3,
    });
    expect(good.ok && good.value.participants.map((p) => p.id)).toEqual(['André', 'Béa', 'Chloé']);
  });
});
