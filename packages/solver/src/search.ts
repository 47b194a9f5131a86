import { roundUnitStarts, unitFixedGroup } from './construct';
import type { Rng } from './prng';
import type { State } from './state';

export interface SearchControl {
  /** True when the search must stop (time, abort or iteration budget). */
  readonly shouldStop: (iterations: number) => boolean;
  /** Called when a new best plan is found. */
  readonly onBest: (iterations: number) => void;
  /** Called every few iterations, for progress reports. */
  readonly onTick: (iterations: number) => void;
}

export interface SearchOutcome {
  readonly best: Int32Array;
  readonly bestCost: number;
  readonly iterations: number;
  readonly stoppedEarly: boolean;
}

/**
 * Conflict-directed tabu search (in the style of Dotú and Van Hentenryck for the social golfer
 * problem), generalised to groups of varying sizes and units of items kept together: each step
 * takes a random item involved in a penalised term and applies the best non-tabu move of its unit
 * in its round (a swap with a unit of another group, or a shift when sizes allow); long stalls
 * restart from a perturbed copy of the best plan.
 */
export function tabuSearch(st: State, rng: Rng, control: SearchControl, penaltyFloor = 0): SearchOutcome {
  const { n, R, G, F } = st;
  const units = st.unitRound.length;
  const movable = new Uint8Array(units);
  for (let U = 0; U < units; U++) {
    if ((st.unitRound[U] as number) >= F && unitFixedGroup(st, U) < 0) movable[U] = 1;
  }
  const starts = roundUnitStarts(st);
  const tabu = new Int32Array(R * n * G);
  const best = st.asg.slice();
  let bestCost = st.cost();
  const rewards = st.aff !== null || st.wish !== null;

  let conflicts: number[] = [];
  const rebuild = (): void => {
    conflicts = [];
    for (let r = F; r < R; r++) {
      for (let i = 0; i < n; i++) {
        const U = st.unit[r * n + i] as number;
        if (U < 0 || !movable[U]) continue;
        if (st.conflicted(r, i)) conflicts.push(r * n + i);
      }
    }
  };

  const movableItems: number[] = [];
  for (let r = F; r < R; r++) {
    for (let i = 0; i < n; i++) {
      const U = st.unit[r * n + i] as number;
      if (U >= 0 && movable[U]) movableItems.push(r * n + i);
    }
  }
  if (movableItems.length === 0) return { best, bestCost, iterations: 0, stoppedEarly: false };

  // Tuned on the classic instances: a few candidates per step and a very short tabu tenure.
  const sample = 8;
  const stallLimit = Math.max(300, Math.min(20_000, 20 * n));
  let iter = 0;
  let lastImprove = 0;
  let sinceRebuild = 0;
  let stoppedEarly = false;

  let moveU = -1;
  let moveV = -1;
  let moveB = -1;
  let moveR = -1;
  let moveA = -1;
  let moveDelta = 0;
  let ties = 0;

  /** Finds the best admissible move of the unit holding item x in round r. */
  const bestMoveFor = (r: number, x: number, current: number, allowTabu: boolean): boolean => {
    const U = st.unit[r * n + x] as number;
    const A = st.asg[r * n + x] as number;
    const uS = st.unitStart[U] as number;
    const uE = st.unitStart[U + 1] as number;
    const s = uE - uS;
    const repU = st.unitItems[uS] as number;
    let leave = 0;
    for (let k = uS; k < uE; k++) leave += st.leaveCost(r, st.unitItems[k] as number);
    const sizeA = st.size[r * G + A] as number;
    const found = moveU;
    const consider = (d: number, V: number, B: number, tabuHit: boolean): void => {
      if (tabuHit && !(allowTabu || current + d < bestCost - 1e-9)) return;
      if (d < moveDelta) {
        moveDelta = d;
        moveU = U;
        moveV = V;
        moveB = B;
        moveR = r;
        moveA = A;
        ties = 1;
      } else if (d === moveDelta) {
        ties++;
        if (rng.int(ties) === 0) {
          moveU = U;
          moveV = V;
          moveB = B;
          moveR = r;
          moveA = A;
        }
      }
    };
    for (let B = 0; B < G; B++) {
      if (B === A) continue;
      const sizeB = st.size[r * G + B] as number;
      // An empty group may open when the unit alone fills its minimum.
      if (sizeB === 0 && (s < (st.minSize[B] as number) || s > (st.cap[B] as number))) continue;
      let join = 0;
      for (let k = uS; k < uE; k++) join += st.joinCost(r, st.unitItems[k] as number, B, -1);
      const tabuUB = (tabu[(r * n + repU) * G + B] as number) > iter;
      if ((sizeA - s >= (st.minSize[A] as number) || sizeA === s) && sizeB + s <= (st.cap[B] as number)) {
        consider(leave + join + st.sideCost(r, U, A, B, -1), -1, B, tabuUB);
      }
      const base = (r * G + B) * st.stride;
      for (let k = 0; k < sizeB; k++) {
        const y = st.members[base + k] as number;
        const V = st.unit[r * n + y] as number;
        if (!movable[V] || st.unitItems[st.unitStart[V] as number] !== y) continue;
        const vS = st.unitStart[V] as number;
        const vE = st.unitStart[V + 1] as number;
        const sv = vE - vS;
        if (sv !== s) {
          const nA = sizeA - s + sv;
          const nB = sizeB - sv + s;
          if (nA < (st.minSize[A] as number) || nA > (st.cap[A] as number)) continue;
          if (nB < (st.minSize[B] as number) || nB > (st.cap[B] as number)) continue;
        }
        let d = leave + join;
        if (s === 1 && sv === 1) {
          d += -st.addPairCost(x, y) + st.leaveCost(r, y) + st.joinCost(r, y, A, U);
        } else {
          for (let a = uS; a < uE; a++)
            for (let b = vS; b < vE; b++) d -= st.addPairCost(st.unitItems[a] as number, st.unitItems[b] as number);
          for (let b = vS; b < vE; b++) {
            const v = st.unitItems[b] as number;
            d += st.leaveCost(r, v) + st.joinCost(r, v, A, U);
          }
        }
        d += st.sideCost(r, U, A, B, V);
        consider(d, V, B, tabuUB || (tabu[(r * n + y) * G + A] as number) > iter);
      }
    }
    return moveU !== found;
  };
  const resetMove = (): void => {
    moveU = -1;
    ties = 0;
    moveDelta = Number.POSITIVE_INFINITY;
  };

  const apply = (): void => {
    const r = moveR;
    const A = moveA;
    const repU = st.unitItems[st.unitStart[moveU] as number] as number;
    st.moveUnit(moveU, moveB);
    const tenure = 1 + rng.int(3);
    tabu[(r * n + repU) * G + A] = iter + tenure;
    if (moveV >= 0) {
      const repV = st.unitItems[st.unitStart[moveV] as number] as number;
      st.moveUnit(moveV, A);
      tabu[(r * n + repV) * G + moveB] = iter + tenure;
    }
  };

  const perturb = (): void => {
    st.load(best);
    tabu.fill(0);
    const swaps = 1 + rng.int(Math.max(2, Math.ceil(movableItems.length / 40)));
    for (let t = 0; t < swaps; t++) {
      const p = movableItems[rng.int(movableItems.length)] as number;
      const r = Math.floor(p / n);
      const U = st.unit[p] as number;
      const A = st.asg[p] as number;
      const first = starts[r] as number;
      const count = (starts[r + 1] as number) - first;
      const V = first + rng.int(count);
      if (!movable[V] || st.unitSize(V) !== st.unitSize(U)) continue;
      const B = st.asg[r * n + (st.unitItems[st.unitStart[V] as number] as number)] as number;
      if (B === A || B < 0) continue;
      st.moveUnit(U, B);
      st.moveUnit(V, A);
    }
  };

  if (!rewards && st.penalty() <= penaltyFloor) return { best, bestCost, iterations: 0, stoppedEarly: false };
  while (true) {
    if ((iter & 15) === 0) {
      if (control.shouldStop(iter)) {
        stoppedEarly = true;
        break;
      }
      control.onTick(iter);
    }
    iter++;
    if (conflicts.length === 0 || ++sinceRebuild > 64) {
      rebuild();
      sinceRebuild = 0;
    }
    const current = st.cost();
    if (conflicts.length === 0) {
      if (!rewards) break;
      // Nothing penalised is left: climb the rewards (shared tags, wishes) with random moves.
      const p = movableItems[rng.int(movableItems.length)] as number;
      const r = Math.floor(p / n);
      resetMove();
      bestMoveFor(r, p - r * n, current, true);
      if (moveU >= 0 && moveDelta <= 0) apply();
    } else {
      resetMove();
      const k = Math.min(sample, conflicts.length);
      for (let t = 0; t < k; t++) {
        const pick = k === conflicts.length ? t : rng.int(conflicts.length);
        const p = conflicts[pick] as number;
        const r = Math.floor(p / n);
        const x = p - r * n;
        if (!st.conflicted(r, x)) continue;
        bestMoveFor(r, x, current, false);
      }
      if (moveU >= 0) apply();
      else sinceRebuild = 1 << 20;
    }
    const after = st.cost();
    if (after < bestCost - 1e-9) {
      bestCost = after;
      best.set(st.asg);
      lastImprove = iter;
      control.onBest(iter);
      if (!rewards && st.penalty() <= penaltyFloor) break;
    } else if (iter - lastImprove > stallLimit) {
      perturb();
      lastImprove = iter;
      conflicts = [];
    }
  }
  return { best, bestCost, iterations: iter, stoppedEarly };
}

/**
 * Relabels items on top of a fixed schedule (a design): swapping two items in every round keeps
 * the schedule's pair structure, so repeats stay as they are while the other goals improve.
 */
export function relabel(st: State, rng: Rng, shouldStop: (iterations: number) => boolean): number {
  const { n, R } = st;
  let iter = 0;
  let current = st.cost();
  const swapLabels = (a: number, b: number): void => {
    for (let r = st.F; r < R; r++) {
      const ga = st.asg[r * n + a] as number;
      const gb = st.asg[r * n + b] as number;
      if (ga === gb || ga < 0 || gb < 0) continue;
      st.remove(r, a);
      st.remove(r, b);
      st.place(r, a, gb);
      st.place(r, b, ga);
    }
  };
  while (st.penalty() > 0) {
    if ((iter & 31) === 0 && shouldStop(iter)) break;
    iter++;
    const a = rng.int(n);
    const b = rng.int(n);
    if (a === b) continue;
    swapLabels(a, b);
    const after = st.cost();
    if (after <= current) current = after;
    else swapLabels(a, b);
  }
  return iter;
}
