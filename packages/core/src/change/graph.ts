import { fail, ok, type Result } from '../shared/result';
import { horizonRank, type PathwayGraph, type PathwayLink } from './model';

/**
 * The rules of a pathway's links: a change contributes to a change of the same or a later horizon,
 * or to the vision; never to itself, never twice, never so as to close a cycle.
 */
export type LinkError = 'link_unknown_change' | 'link_self' | 'link_backwards' | 'link_duplicate' | 'link_cycle';

export function checkLink(graph: PathwayGraph, link: PathwayLink): Result<PathwayLink, LinkError> {
  const from = graph.changes.find((c) => c.id === link.from);
  const to = link.to === null ? null : graph.changes.find((c) => c.id === link.to);
  if (!from || to === undefined) return fail('link_unknown_change');
  if (to && to.id === from.id) return fail('link_self');
  if (to && horizonRank(to.horizon) < horizonRank(from.horizon)) return fail('link_backwards', { from: from.horizon, to: to.horizon });
  if (graph.links.some((l) => l.from === link.from && l.to === link.to)) return fail('link_duplicate');
  // A cycle closes when the target already reaches the source.
  if (to && reaches(graph.links, to.id, from.id)) return fail('link_cycle', { path: pathBetween(graph.links, to.id, from.id) });
  return ok(link);
}

function successors(links: readonly PathwayLink[]): Map<string, string[]> {
  const next = new Map<string, string[]>();
  for (const l of links) if (l.to !== null) next.set(l.from, [...(next.get(l.from) ?? []), l.to]);
  return next;
}

function reaches(links: readonly PathwayLink[], start: string, goal: string): boolean {
  return pathBetween(links, start, goal) !== null;
}

/** A path of change ids from `start` to `goal` (both included), or null. */
export function pathBetween(links: readonly PathwayLink[], start: string, goal: string): string[] | null {
  const next = successors(links);
  const cameFrom = new Map<string, string | null>([[start, null]]);
  const queue = [start];
  while (queue.length) {
    const id = queue.shift() as string;
    if (id === goal) {
      const path: string[] = [];
      for (let at: string | null = id; at !== null; at = cameFrom.get(at) ?? null) path.unshift(at);
      return path;
    }
    for (const n of next.get(id) ?? []) {
      if (!cameFrom.has(n)) {
        cameFrom.set(n, id);
        queue.push(n);
      }
    }
  }
  return null;
}

/** The changes with no path to the vision (to flag: a change that leads nowhere). */
export function detachedChanges(graph: PathwayGraph): string[] {
  const toVision = new Set(graph.links.filter((l) => l.to === null).map((l) => l.from));
  const preds = new Map<string, string[]>();
  for (const l of graph.links) if (l.to !== null) preds.set(l.to, [...(preds.get(l.to) ?? []), l.from]);
  const reached = new Set<string>(toVision);
  const queue = [...toVision];
  while (queue.length) {
    const id = queue.shift() as string;
    for (const p of preds.get(id) ?? []) {
      if (!reached.has(p)) {
        reached.add(p);
        queue.push(p);
      }
    }
  }
  return graph.changes.filter((c) => !reached.has(c.id)).map((c) => c.id);
}

/** True when the links hold no cycle (a whole pathway read back from a file or an import). */
export function acyclic(graph: PathwayGraph): boolean {
  const next = successors(graph.links);
  const state = new Map<string, 1 | 2>();
  const visit = (id: string): boolean => {
    const s = state.get(id);
    if (s === 2) return true;
    if (s === 1) return false;
    state.set(id, 1);
    for (const n of next.get(id) ?? []) if (!visit(n)) return false;
    state.set(id, 2);
    return true;
  };
  return graph.changes.every((c) => visit(c.id));
}
