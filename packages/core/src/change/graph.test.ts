import { describe, expect, it } from 'vitest';
import { acyclic, checkLink, detachedChanges, pathBetween } from './graph';
import type { PathwayGraph } from './model';
import { SEED003_TEMPLATE } from './template';

const graph: PathwayGraph = {
  changes: [
    { id: 'a', horizon: 'court', text: 'A' },
    { id: 'b', horizon: 'court', text: 'B' },
    { id: 'm', horizon: 'moyen', text: 'M' },
    { id: 'l', horizon: 'long', text: 'L' },
    { id: 'x', horizon: 'court', text: 'X' },
  ],
  links: [
    { from: 'a', to: 'b' },
    { from: 'b', to: 'm' },
    { from: 'm', to: 'l' },
    { from: 'l', to: null },
  ],
};

describe('checkLink', () => {
  it('accepts a link toward a later horizon or the vision', () => {
    expect(checkLink(graph, { from: 'x', to: 'm' }).ok).toBe(true);
    expect(checkLink(graph, { from: 'x', to: null }).ok).toBe(true);
  });
  it('refuses a link that closes a cycle, naming the path', () => {
    const r = checkLink(graph, { from: 'b', to: 'a' });
    expect(r).toEqual({ ok: false, error: 'link_cycle', details: { path: ['a', 'b'] } });
  });
  it('refuses a link toward an earlier horizon', () => {
    expect(checkLink(graph, { from: 'm', to: 'x' })).toMatchObject({ ok: false, error: 'link_backwards' });
  });
  it('refuses a link to itself, twice, or to an unknown change', () => {
    expect(checkLink(graph, { from: 'a', to: 'a' })).toMatchObject({ error: 'link_self' });
    expect(checkLink(graph, { from: 'a', to: 'b' })).toMatchObject({ error: 'link_duplicate' });
    expect(checkLink(graph, { from: 'a', to: 'zz' })).toMatchObject({ error: 'link_unknown_change' });
    expect(checkLink(graph, { from: 'zz', to: null })).toMatchObject({ error: 'link_unknown_change' });
  });
});

describe('reading a pathway', () => {
  it('flags the changes with no path to the vision', () => {
    expect(detachedChanges(graph)).toEqual(['x']);
    expect(detachedChanges({ ...graph, links: [...graph.links, { from: 'x', to: 'm' }] })).toEqual([]);
  });
  it('finds a path and tells a cycle', () => {
    expect(pathBetween(graph.links, 'a', 'l')).toEqual(['a', 'b', 'm', 'l']);
    expect(pathBetween(graph.links, 'l', 'a')).toBeNull();
    expect(acyclic(graph)).toBe(true);
    expect(acyclic({ ...graph, links: [...graph.links, { from: 'l', to: 'a' }] })).toBe(false);
  });
  it('seed 003’s template leads every change to the vision, without a cycle', () => {
    const g: PathwayGraph = {
      changes: SEED003_TEMPLATE.changes.map((c) => ({ id: c.key, horizon: c.horizon, text: c.text })),
      links: SEED003_TEMPLATE.links.map(([from, to]) => ({ from, to })),
    };
    expect(acyclic(g)).toBe(true);
    expect(detachedChanges(g)).toEqual([]);
    for (const l of g.links) {
      const rest = { ...g, links: g.links.filter((x) => x !== l) };
      expect(checkLink(rest, l).ok).toBe(true);
    }
  });
});
