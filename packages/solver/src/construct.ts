import type { Rng } from './prng';
import { shuffle } from './prng';
import type { State } from './state';
import type { ExplanationNote } from './types';

/** First unit id of each round (units are numbered round by round), with a sentinel. */
export function roundUnitStarts(st: State): Int32Array {
  const starts = new Int32Array(st.R + 1);
  const units = st.unitRound.length;
  let u = 0;
  for (let r = 0; r <= st.R; r++) {
    while (u < units && (st.unitRound[u] as number) < r) u++;
    starts[r] = u;
  }
  return starts;
}

/** The group a unit is held at in its round, or -1. */
export function unitFixedGroup(st: State, U: number): number {
  const r = st.unitRound[U] as number;
  for (let k = st.unitStart[U] as number; k < (st.unitStart[U + 1] as number); k++) {
    const g = st.fixedGroup[r * st.n + (st.unitItems[k] as number)] as number;
    if (g >= 0) return g;
  }
  return -1;
}

/** Cost of seating the (unseated) unit U in group g. */
function placementCost(st: State, U: number, g: number): number {
  const r = st.unitRound[U] as number;
  let d = 0;
  const rg = r * st.G + g;
  for (let k = st.unitStart[U] as number; k < (st.unitStart[U + 1] as number); k++) {
    const i = st.unitItems[k] as number;
    d += st.joinCost(r, i, g, -1);
    for (let a = 0; a < st.attrVals.length; a++) {
      const v = st.attrVals[a]![i] as number;
      if (v >= 0 && (st.attrCnt[a]![rg * (st.attrV[a] as number) + v] as number) >= (st.attrMax[a] as number)) d += st.w.excess;
    }
    const c = st.cat[g] as number;
    if (c >= 0) {
      if ((st.catCnt[i * st.C + c] as number) >= 1) d += st.hardW;
      if (st.wish !== null && st.wish[i * st.C + c]) d -= st.w.wish;
    }
  }
  return d;
}

function placeUnit(st: State, U: number, g: number): void {
  const r = st.unitRound[U] as number;
  for (let k = st.unitStart[U] as number; k < (st.unitStart[U + 1] as number); k++) st.place(r, st.unitItems[k] as number, g);
}

/**
 * Greedy construction of the free rounds: per round, choose the groups to use and their target
 * sizes, seat held units first, then the others (largest units first, random order) where they
 * cost least, then repair groups left below their minimum. Returns notes on what could not be met.
 */
export function construct(st: State, rng: Rng): ExplanationNote[] {
  const notes: ExplanationNote[] = [];
  const starts = roundUnitStarts(st);
  for (let r = st.F; r < st.R; r++) {
    const first = starts[r] as number;
    const last = starts[r + 1] as number;
    let N = 0;
    for (let U = first; U < last; U++) N += st.unitSize(U);
    if (N === 0) continue;

    const forced = new Set<number>();
    for (let U = first; U < last; U++) {
      const g = unitFixedGroup(st, U);
      if (g >= 0) forced.add(g);
    }
    const order = [...forced];
    for (let g = 0; g < st.G; g++) if (!forced.has(g)) order.push(g);
    let capSum = 0;
    let k = 0;
    while (k < order.length && (k < forced.size || capSum < N)) capSum += st.cap[order[k++] as number] as number;
    if (capSum < N) notes.push({ kind: 'infeasible', round: r, reason: 'too-many-items' });
    const open = order.slice(0, k);
    const target = new Int32Array(st.G);
    let assigned = 0;
    for (const g of open) {
      const t = Math.min(st.minSize[g] as number, st.cap[g] as number);
      target[g] = t;
      assigned += t;
    }
    if (assigned > N) notes.push({ kind: 'infeasible', round: r, reason: 'too-few-items' });
    while (assigned < N) {
      let bestG = -1;
      for (const g of open) {
        if ((target[g] as number) >= (st.cap[g] as number)) continue;
        if (bestG < 0 || (target[g] as number) < (target[bestG] as number)) bestG = g;
      }
      if (bestG < 0) break;
      target[bestG] = (target[bestG] as number) + 1;
      assigned++;
    }

    const units: number[] = [];
    for (let U = first; U < last; U++) {
      const g = unitFixedGroup(st, U);
      if (g >= 0) placeUnit(st, U, g);
      else units.push(U);
    }
    shuffle(rng, units);
    units.sort((a, b) => st.unitSize(b) - st.unitSize(a));
    for (const U of units) {
      const s = st.unitSize(U);
      let best = -1;
      let bestCost = Number.POSITIVE_INFINITY;
      const consider = (g: number, limit: number): void => {
        if ((st.size[r * st.G + g] as number) + s > limit) return;
        const c = placementCost(st, U, g) + rng.next() * 1e-3;
        if (c < bestCost) {
          bestCost = c;
          best = g;
        }
      };
      for (const g of open) consider(g, target[g] as number);
      if (best < 0) for (const g of open) consider(g, st.cap[g] as number);
      if (best < 0) for (let g = 0; g < st.G; g++) consider(g, st.cap[g] as number);
      if (best < 0) {
        notes.push({ kind: 'infeasible', round: r, reason: 'packing' });
        // Nothing has room: seat the unit where the overflow is smallest; the plan reports it.
        best = open[0] ?? 0;
      }
      placeUnit(st, U, best);
    }
    repairMinimums(st, r);
  }
  return notes;
}

/** Fills groups left below their minimum from groups above theirs, or empties them. */
function repairMinimums(st: State, r: number): void {
  const G = st.G;
  const n = st.n;
  for (let pass = 0; pass < 3; pass++) {
    let changed = false;
    for (let g = 0; g < G; g++) {
      const s = st.size[r * G + g] as number;
      if (s === 0 || s >= (st.minSize[g] as number)) continue;
      // Pull single movable items from groups that can spare them.
      for (let h = 0; h < G && (st.size[r * G + g] as number) < (st.minSize[g] as number); h++) {
        if (h === g) continue;
        while ((st.size[r * G + h] as number) > (st.minSize[h] as number) && (st.size[r * G + g] as number) < (st.minSize[g] as number)) {
          const base = (r * G + h) * st.stride;
          let moved = false;
          for (let k = 0; k < (st.size[r * G + h] as number); k++) {
            const i = st.members[base + k] as number;
            const U = st.unit[r * n + i] as number;
            if (st.unitSize(U) !== 1 || unitFixedGroup(st, U) >= 0) continue;
            if ((st.size[r * G + h] as number) - 1 < (st.minSize[h] as number)) break;
            st.moveUnit(U, g);
            moved = true;
            changed = true;
            break;
          }
          if (!moved) break;
        }
      }
      if ((st.size[r * G + g] as number) >= (st.minSize[g] as number)) continue;
      // Still short: dissolve the group into groups with room, when all its units can move.
      const base = (r * G + g) * st.stride;
      const unitsHere = new Set<number>();
      for (let k = 0; k < (st.size[r * G + g] as number); k++) unitsHere.add(st.unit[r * n + (st.members[base + k] as number)] as number);
      if ([...unitsHere].some((U) => unitFixedGroup(st, U) >= 0)) continue;
      const room = (h: number) => (st.cap[h] as number) - (st.size[r * G + h] as number);
      const plan: [number, number][] = [];
      const extra = new Int32Array(G);
      for (const U of unitsHere) {
        const s = st.unitSize(U);
        let dest = -1;
        for (let h = 0; h < G; h++) {
          if (h === g || (st.size[r * G + h] as number) === 0) continue;
          if (room(h) - (extra[h] as number) >= s) {
            dest = h;
            break;
          }
        }
        if (dest < 0) break;
        extra[dest] = (extra[dest] as number) + s;
        plan.push([U, dest]);
      }
      if (plan.length === unitsHere.size) {
        for (const [U, dest] of plan) st.moveUnit(U, dest);
        changed = true;
      }
    }
    if (!changed) break;
  }
}
