import { describe, expect, it } from 'vitest';
import type { PathwayState } from './ports';
import { addLinkDecider, addReviewDecider, lastLights, seed003Ops, updateChangeDecider } from './use-cases';

const change = (id: string, horizon: 'court' | 'moyen' | 'long') => ({
  id,
  horizon,
  text: `Changement ${id}`,
  organisationIds: [],
  kinds: [],
  markers: [],
  contributesTo: [],
});

const state: PathwayState = {
  id: 'p',
  title: 'Chemin',
  territoryId: 't',
  collectiveId: null,
  version: 3,
  vision: { sentence: 'Vision', frontPageTitle: '', frontPageStory: '' },
  changes: [change('a', 'court'), change('b', 'court'), change('m', 'moyen')],
  links: [
    { id: 'l1', from: 'a', to: 'b', rationale: '', assumptions: '' },
    { id: 'l2', from: 'b', to: 'm', rationale: '', assumptions: '' },
  ],
  actions: [],
  indicators: [],
  reviews: [],
};
let n = 0;
const newId = () => `id${++n}`;

describe('pathway deciders', () => {
  it('names the loop a link would close, in the order one walks it', () => {
    const r = addLinkDecider({ from: 'b', to: 'a' })(state, newId);
    expect(r).toEqual({ ok: false, error: 'link_cycle', details: { cycle: 'Changement a → Changement b → Changement a' } });
  });

  it('refuses to move a change to a horizon that would make one of its links go backwards', () => {
    expect(updateChangeDecider('m', { horizon: 'court' }, new Set())(state, newId).ok).toBe(true);
    expect(updateChangeDecider('a', { horizon: 'long' }, new Set())(state, newId)).toMatchObject({ ok: false, error: 'link_backwards' });
    expect(updateChangeDecider('zz', { text: 'x' }, new Set())(state, newId)).toMatchObject({ ok: false, error: 'change_not_found' });
  });

  it('refuses a review that lights a change twice or a change of another pathway', () => {
    const light = (changeId: string) => ({ changeId, light: 'a_risque' as const, comment: '' });
    expect(addReviewDecider({ heldOn: '2026-01-01', lights: [light('a'), light('a')] })(state, newId).ok).toBe(false);
    expect(addReviewDecider({ heldOn: '2026-01-01', lights: [light('x')] })(state, newId).ok).toBe(false);
    expect(addReviewDecider({ heldOn: '2026-01-01', lights: [light('a')] })(state, newId).ok).toBe(true);
  });

  it('takes each change’s light from the latest review that lit it', () => {
    const lights = lastLights({
      reviews: [
        { id: 'r2', heldOn: '2026-06-01', summary: '', lights: [{ changeId: 'a', light: 'en_bonne_voie', comment: '' }] },
        {
          id: 'r1',
          heldOn: '2026-01-01',
          summary: '',
          lights: [
            { changeId: 'a', light: 'hors_trajectoire', comment: '' },
            { changeId: 'b', light: 'a_risque', comment: '' },
          ],
        },
      ],
    });
    expect(Object.fromEntries(lights)).toEqual({ a: 'en_bonne_voie', b: 'a_risque' });
  });

  it('fills a new pathway from seed 003: nine changes, ten links, with fresh ids', () => {
    const ops = seed003Ops(newId);
    expect(ops.filter((o) => o.op === 'addChange')).toHaveLength(9);
    expect(ops.filter((o) => o.op === 'addLink')).toHaveLength(10);
  });
});
