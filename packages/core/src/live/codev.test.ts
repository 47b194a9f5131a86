import { describe, expect, it } from 'vitest';
import { codevPresetSteps } from './codev';
import { codevRecordOf, decideAddCodev, decideCloseCodev, decideCodevPorteur, decideCodevStep, decideCodevTimer } from './codev-commands';
import { decideCloseActivity, decideStartActivity, decideSubmission } from './commands';
import { clientMessage } from './protocol';
import { applyEvent, emptyRoom, type LiveEvent, meView, participantResultsView, resultsView, type RoomState, roomView } from './room';

function room(): RoomState & { push(events: LiveEvent | LiveEvent[]): void } {
  const state = emptyRoom('r1', 'ABC234', 'Codéveloppement');
  return Object.assign(state, {
    push(events: LiveEvent | LiveEvent[]) {
      for (const event of Array.isArray(events) ? events : [events]) applyEvent(state, { seq: state.seq + 1, event });
    },
  });
}

function must<T>(r: { ok: true; value: T } | { ok: false; error: string }): T {
  if (!r.ok) throw new Error(r.error);
  return r.value;
}

const people = ['Porteuse', 'Alix', 'Bao', 'Cyan'];

/** A room with four participants (p1 is the porteur) and a started payette session `c1`. */
function session(preset: 'payette' | 'seed' = 'payette') {
  const s = room();
  for (const [i, name] of people.entries()) {
    s.push({ type: 'participant.joined', participantId: `p${i + 1}`, name, organisationKind: null, territory: null });
  }
  s.push(must(decideAddCodev(s, 'c1', { subjectType: 'probleme', preset, porteurId: 'p1', collectiveId: null })));
  s.push(must(decideStartActivity(s, 'c1')));
  return s;
}

const submit = (s: ReturnType<typeof room>, who: string, input: Parameters<typeof decideSubmission>[3]) => {
  const decided = decideSubmission(s, who, 'c1', input);
  if (decided.ok) s.push(decided.value);
  return decided;
};

const goTo = (s: ReturnType<typeof room>, kind: string) => {
  const codev = s.activities.get('c1')?.codev;
  const index = codev?.steps.findIndex((x) => x.kind === kind) ?? -1;
  s.push(must(decideCodevStep(s, 'c1', index)));
};

describe('co-development sessions', () => {
  it('offers the six steps of Payette & Champagne by default and the seed’s five', () => {
    expect(codevPresetSteps.payette.map((x) => x.kind)).toEqual([
      'expose',
      'clarification',
      'contract',
      'consultation',
      'action-plan',
      'learnings',
    ]);
    expect(codevPresetSteps.seed).toHaveLength(5);
    const s = session();
    expect(roomView(s).activity?.codev?.steps).toHaveLength(6);
    expect(roomView(session('seed')).activity?.codev?.steps.map((x) => x.kind)).toEqual([
      'subject',
      'expose',
      'clarification',
      'consultation',
      'action-plan',
    ]);
    const custom = room();
    const events = must(
      decideAddCodev(custom, 'c2', {
        subjectType: 'projet',
        steps: [
          { label: 'Tour de table', minutes: 5 },
          { label: 'Idées', minutes: 20, kind: 'consultation' },
        ],
      }),
    );
    custom.push(events);
    expect(custom.activities.get('c2')?.codev?.steps).toEqual([
      { kind: 'other', label: 'Tour de table', minutes: 5 },
      { kind: 'consultation', label: 'Idées', minutes: 20 },
    ]);
  });

  it('moves between steps, refuses a step that does not exist, and stops the timer on each move', () => {
    const s = session();
    expect(roomView(s).activity?.codev?.step).toBe(0);
    s.push(must(decideCodevTimer(s, 'c1', true, 1_000)));
    expect(s.timer).toEqual({ startedAt: 1_000, endsAt: 1_000 + 10 * 60_000, warnBeforeMs: 60_000 });
    s.push(must(decideCodevStep(s, 'c1', 1)));
    expect(s.timer).toBeNull();
    expect(roomView(s).activity?.codev?.step).toBe(1);
    expect(decideCodevStep(s, 'c1', 6)).toEqual({ ok: false, error: 'invalid_step' });
    expect(decideCodevStep(s, 'nope', 0)).toEqual({ ok: false, error: 'activity_not_found' });
  });

  it('pauses the step timer and starts again from what was left', () => {
    const s = session();
    s.push(must(decideCodevTimer(s, 'c1', true, 0)));
    s.push(must(decideCodevTimer(s, 'c1', false, 4 * 60_000)));
    expect(s.timer).toBeNull();
    expect(roomView(s).activity?.codev?.pausedMs).toBe(6 * 60_000);
    expect(decideCodevTimer(s, 'c1', false, 5 * 60_000)).toEqual({ ok: false, error: 'timer_not_running' });
    s.push(must(decideCodevTimer(s, 'c1', true, 10 * 60_000)));
    expect(s.timer?.endsAt).toBe(16 * 60_000);
    expect(roomView(s).activity?.codev?.pausedMs).toBeNull();
  });

  it('takes proposals only during the consultation, never from the porteur', () => {
    const s = session();
    expect(submit(s, 'p2', { kind: 'codev-proposal', text: 'Trop tôt', signed: false })).toEqual({ ok: false, error: 'wrong_step' });
    goTo(s, 'consultation');
    expect(submit(s, 'p1', { kind: 'codev-proposal', text: 'Moi aussi', signed: false })).toEqual({
      ok: false,
      error: 'porteur_listens',
    });
    expect(submit(s, 'p2', { kind: 'codev-proposal', text: 'Associer le centre social', signed: false }).ok).toBe(true);
    goTo(s, 'action-plan');
    expect(submit(s, 'p3', { kind: 'codev-proposal', text: 'Trop tard', signed: false })).toEqual({ ok: false, error: 'wrong_step' });
    expect(participantResultsView(s).c1).toMatchObject({ kind: 'codev', proposals: [{ text: 'Associer le centre social' }] });
  });

  it('attaches a name to a proposal only when its author signs it, in every view and in the record', () => {
    const s = session();
    goTo(s, 'consultation');
    submit(s, 'p2', { kind: 'codev-proposal', text: 'Associer le centre social', signed: false });
    submit(s, 'p3', { kind: 'codev-proposal', text: 'Faire un diagnostic partagé', signed: true });
    const expected = [
      { text: 'Associer le centre social', name: null },
      { text: 'Faire un diagnostic partagé', name: 'Bao' },
    ];
    for (const view of [resultsView(s).c1, resultsView(s, { includeHidden: true }).c1, participantResultsView(s).c1]) {
      expect(view?.kind === 'codev' && view.proposals.map(({ text, name }) => ({ text, name }))).toEqual(expected);
      expect(JSON.stringify(view)).not.toContain('Alix');
      expect(JSON.stringify(view)).not.toContain('p2');
    }
    const record = must(codevRecordOf(s, 'c1'));
    expect(record.proposals.map(({ text, name }) => ({ text, name }))).toEqual(expected);
    expect(meView(s, 'p2')?.codev).toEqual({ role: 'contributor', proposals: 1 });
  });

  it('shows the porteur’s private notes to the porteur’s own phone only', () => {
    const s = session();
    const secret = 'Note privée : je crains la réaction de ma direction';
    expect(submit(s, 'p2', { kind: 'codev-text', field: 'notes', text: 'pas moi' })).toEqual({ ok: false, error: 'not_porteur' });
    expect(submit(s, 'p1', { kind: 'codev-text', field: 'notes', text: secret }).ok).toBe(true);
    expect(meView(s, 'p1')?.codev?.notes).toBe(secret);
    const elsewhere = [
      roomView(s),
      resultsView(s),
      resultsView(s, { includeHidden: true }),
      participantResultsView(s),
      ...['p2', 'p3', 'p4'].map((p) => meView(s, p)),
      must(codevRecordOf(s, 'c1')),
    ];
    for (const view of elsewhere) expect(JSON.stringify(view)).not.toContain('je crains');
  });

  it('keeps the porteur’s subject, contract, action plan with its follow-up date, and the learnings of the last step', () => {
    const s = session();
    submit(s, 'p1', { kind: 'codev-text', field: 'subject', text: 'Mobiliser les parents au conseil citoyen' });
    submit(s, 'p1', { kind: 'codev-text', field: 'contract', text: 'Aidez-moi à trouver trois leviers' });
    expect(submit(s, 'p2', { kind: 'codev-text', field: 'subject', text: 'Autre' })).toEqual({ ok: false, error: 'not_porteur' });
    expect(submit(s, 'p2', { kind: 'codev-text', field: 'learning', text: 'Écouter' })).toEqual({ ok: false, error: 'wrong_step' });
    goTo(s, 'action-plan');
    submit(s, 'p1', { kind: 'codev-text', field: 'action-plan', text: 'Rencontrer la directrice', followUp: '2027-01-15' });
    goTo(s, 'learnings');
    expect(submit(s, 'p2', { kind: 'codev-text', field: 'learning', text: 'Écouter sans répondre' }).ok).toBe(true);
    expect(meView(s, 'p1')?.codev).toMatchObject({
      role: 'porteur',
      sheet: { subject: 'Mobiliser les parents au conseil citoyen', followUp: '2027-01-15' },
    });
    expect(must(codevRecordOf(s, 'c1'))).toMatchObject({
      subjectType: 'probleme',
      subject: 'Mobiliser les parents au conseil citoyen',
      contract: 'Aidez-moi à trouver trois leviers',
      actionPlan: 'Rencontrer la directrice',
      followUp: '2027-01-15',
      learnings: [{ text: 'Écouter sans répondre', participantId: 'p2' }],
    });
  });

  it('closes only through its own command (the one that keeps the record), then takes nothing more', () => {
    const s = session();
    expect(decideCloseActivity(s, 'c1')).toEqual({ ok: false, error: 'wrong_kind' });
    s.push(must(decideCloseCodev(s, 'c1')));
    expect(decideCloseCodev(s, 'c1')).toEqual({ ok: false, error: 'activity_closed' });
    expect(submit(s, 'p1', { kind: 'codev-text', field: 'notes', text: 'après' })).toEqual({ ok: false, error: 'activity_closed' });
  });

  it('changes the porteur only to a participant of the room', () => {
    const s = session();
    expect(decideCodevPorteur(s, 'c1', 'ghost')).toEqual({ ok: false, error: 'unknown_participant' });
    submit(s, 'p1', { kind: 'codev-text', field: 'notes', text: 'Mes notes de porteuse' });
    s.push(must(decideCodevPorteur(s, 'c1', 'p4')));
    expect(roomView(s).activity?.codev).toMatchObject({ porteurId: 'p4', porteur: 'Cyan' });
    // The new porteur does not inherit the former one's notes.
    expect(meView(s, 'p4')?.codev?.notes).toBeNull();
    expect(JSON.stringify(meView(s, 'p1'))).not.toContain('Mes notes');
    expect(meView(s, 'p1')?.codev?.role).toBe('contributor');
    expect(meView(s, 'p4')?.codev?.role).toBe('porteur');
  });

  it('parses the phone messages of a session (a proposal is unsigned unless said)', () => {
    const parsed = clientMessage.parse({
      v: 1,
      type: 'submit',
      key: 'abcdefgh',
      activityId: 'c1',
      input: { kind: 'codev-proposal', text: 'Une idée' },
    });
    expect(parsed.type === 'submit' && parsed.input).toEqual({ kind: 'codev-proposal', text: 'Une idée', signed: false });
    expect(
      clientMessage.safeParse({
        v: 1,
        type: 'submit',
        key: 'abcdefgh',
        activityId: 'c1',
        input: { kind: 'codev-text', field: 'action-plan', text: 'x', followUp: '15/01/2027' },
      }).success,
    ).toBe(false);
  });
});
