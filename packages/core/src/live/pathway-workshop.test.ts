import { describe, expect, it } from 'vitest';
import { decideProposal } from './activity-commands';
import { decideAddActivity, decideStartActivity, decideSubmission } from './commands';
import { applyEvent, emptyRoom, type LiveEvent, resultsView, type RoomState } from './room';

function room(): RoomState & { push(events: LiveEvent[]): void } {
  const state = emptyRoom('r1', 'ABC234', 'Atelier');
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

describe('pathway workshop (a live activity: phones propose changes by horizon)', () => {
  function workshop() {
    const s = room();
    s.push([{ type: 'participant.joined', participantId: 'p1', name: 'Aya', organisationKind: 'association', territory: null }]);
    s.push(must(decideAddActivity('w', { kind: 'pathway', prompt: 'Quels changements ?' })));
    s.push(must(decideStartActivity(s, 'w')));
    return s;
  }

  it('offers the three horizons, in order, as the themes of its wall', () => {
    const s = workshop();
    expect(s.activities.get('w')?.options).toEqual(['Court terme', 'Moyen terme', 'Long terme']);
  });

  it('takes a proposal by horizon from a phone, then records the facilitator’s decision in the results', () => {
    const s = workshop();
    s.push([must(decideSubmission(s, 'p1', 'w', { kind: 'idea', theme: 1, text: 'Les parents siègent au conseil d’école' }))]);
    const posted = s.seq;
    expect(decideSubmission(s, 'p1', 'w', { kind: 'idea', theme: 3, text: 'Un quatrième horizon' })).toEqual({
      ok: false,
      error: 'unknown_theme',
    });
    s.push(must(decideProposal(s, 'w', posted, 'accepted', 'Les parents siègent au conseil d’école')));
    const results = resultsView(s).w;
    expect(results?.kind).toBe('ideas');
    const idea = results?.kind === 'ideas' ? results.ideas[0] : undefined;
    expect(idea).toMatchObject({ theme: 1, decision: { decision: 'accepted', into: 'Les parents siègent au conseil d’école' } });
    // Decided again, the latest decision holds; a discarded proposal keeps no text of a change.
    s.push(must(decideProposal(s, 'w', posted, 'discarded', 'ignoré')));
    const again = resultsView(s).w;
    expect(again?.kind === 'ideas' ? again.ideas[0]?.decision : undefined).toEqual({ decision: 'discarded', into: '' });
  });

  it('refuses a decision on an unknown proposal or on another kind of activity', () => {
    const s = workshop();
    expect(decideProposal(s, 'w', 999, 'merged', 'x')).toEqual({ ok: false, error: 'idea_not_found' });
    s.push(must(decideAddActivity('ideas', { kind: 'ideas', prompt: 'Idées', options: ['Jeunesse'] })));
    s.push(must(decideStartActivity(s, 'ideas')));
    s.push([must(decideSubmission(s, 'p1', 'ideas', { kind: 'idea', theme: 0, text: 'Un café des parents' }))]);
    expect(decideProposal(s, 'ideas', s.seq, 'accepted', 'x')).toEqual({ ok: false, error: 'wrong_kind' });
  });
});
