import type { Problem, Weights } from './types';

export const DEFAULT_WEIGHTS: Weights = { avoid: 12, repeat: 8, excess: 3, affinity: 1, wish: 2 };
/** Weight of a category visited twice: a hard rule the search repairs first. */
const HARD = 10_000;

const KIND_NORMAL = 0;
const KIND_AVOID = 1;
const KIND_KEPT = 2;

/**
 * The incremental search state: assignment, group members, pair-meeting counts, attribute and
 * category counts, and the running totals of each goal, so that a move's cost change is computed
 * from the few pairs it touches.
 */
export class State {
  readonly n: number;
  readonly R: number;
  readonly G: number;
  /** First round the search may change (rounds before it are frozen). */
  readonly F: number;
  readonly stride: number;
  readonly cap: Int32Array;
  readonly minSize: Int32Array;
  readonly cat: Int32Array;
  readonly C: number;
  readonly asg: Int32Array;
  readonly members: Int32Array;
  readonly size: Int32Array;
  readonly pos: Int32Array;
  readonly meet: Uint16Array;
  readonly kind: Uint8Array;
  readonly aff: Int8Array | null;
  readonly attrVals: Int32Array[];
  readonly attrMax: Int32Array;
  readonly attrV: Int32Array;
  readonly attrCnt: Int32Array[];
  readonly catCnt: Uint8Array;
  readonly wish: Uint8Array | null;
  /** unit[r*n+i] = id of the item's unit in round r (items kept together), -1 when absent. */
  readonly unit: Int32Array;
  /** Items of each unit: unitItems[unitStart[u]..unitStart[u+1]). Units are numbered across rounds. */
  readonly unitStart: Int32Array;
  readonly unitItems: Int32Array;
  readonly unitRound: Int32Array;
  /** fixedGroup[r*n+i] = the group the item is held at in round r, else -1. */
  readonly fixedGroup: Int32Array;
  readonly attends: Uint8Array;
  readonly w: Weights;
  readonly hardW = HARD;

  repeats = 0;
  avoidMeetings = 0;
  excess = 0;
  catViolations = 0;
  affinity = 0;
  wishes = 0;

  constructor(problem: Problem, weights: Weights) {
    const n = problem.items;
    const R = problem.rounds;
    const G = problem.groups.length;
    this.n = n;
    this.R = R;
    this.G = G;
    this.w = weights;
    this.F = Math.min(R, problem.frozen?.length ?? 0);
    this.cap = Int32Array.from(problem.groups, (g) => g.capacity);
    this.minSize = Int32Array.from(problem.groups, (g) => g.minSize);
    this.cat = Int32Array.from(problem.groups, (g) => ((g.category ?? -1) >= 0 ? (g.category as number) : -1));
    let C = 0;
    for (const c of this.cat) C = Math.max(C, c + 1);
    this.C = C;

    this.attends = new Uint8Array(R * n);
    for (let i = 0; i < n; i++) {
      const a = problem.availability?.[i];
      for (let r = 0; r < R; r++) this.attends[r * n + i] = a == null || a.includes(r) ? 1 : 0;
    }

    this.kind = new Uint8Array(n * n);
    for (const [a, b] of problem.avoidPairs ?? []) {
      if (a === b || a < 0 || b < 0 || a >= n || b >= n) continue;
      this.kind[a * n + b] = KIND_AVOID;
      this.kind[b * n + a] = KIND_AVOID;
    }
    // Union-find over kept pairs, per round among attending items.
    const kept = (problem.keepTogether ?? []).filter(([a, b]) => a !== b && a >= 0 && b >= 0 && a < n && b < n);
    for (const [a, b] of kept) {
      this.kind[a * n + b] = KIND_KEPT;
      this.kind[b * n + a] = KIND_KEPT;
    }
    this.unit = new Int32Array(R * n).fill(-1);
    const starts: number[] = [0];
    const items: number[] = [];
    const rounds: number[] = [];
    let maxUnit = 1;
    const parent = new Int32Array(n);
    const find = (x: number): number => {
      while (parent[x] !== x) {
        parent[x] = parent[parent[x] as number] as number;
        x = parent[x] as number;
      }
      return x;
    };
    for (let r = 0; r < R; r++) {
      for (let i = 0; i < n; i++) parent[i] = i;
      for (const [a, b] of kept) {
        if (this.attends[r * n + a] && this.attends[r * n + b]) parent[find(a)] = find(b);
      }
      const byRoot = new Map<number, number[]>();
      for (let i = 0; i < n; i++) {
        if (!this.attends[r * n + i]) continue;
        const root = find(i);
        const list = byRoot.get(root);
        if (list) list.push(i);
        else byRoot.set(root, [i]);
      }
      for (const list of byRoot.values()) {
        const id = starts.length - 1;
        for (const i of list) {
          this.unit[r * n + i] = id;
          items.push(i);
        }
        starts.push(items.length);
        rounds.push(r);
        maxUnit = Math.max(maxUnit, list.length);
      }
    }
    this.unitStart = Int32Array.from(starts);
    this.unitItems = Int32Array.from(items);
    this.unitRound = Int32Array.from(rounds);

    this.fixedGroup = new Int32Array(R * n).fill(-1);
    for (const seat of problem.fixed ?? []) {
      if (seat.item < 0 || seat.item >= n || seat.group < 0 || seat.group >= G) continue;
      for (let r = 0; r < R; r++) {
        if (seat.rounds && !seat.rounds.includes(r)) continue;
        if (!this.attends[r * n + seat.item]) continue;
        this.fixedGroup[r * n + seat.item] = seat.group;
      }
    }

    let maxCap = 1;
    for (const c of this.cap) maxCap = Math.max(maxCap, c);
    // Room for a transient overflow during swaps and for infeasible inputs.
    this.stride = Math.max(maxCap + maxUnit, n) + 1;
    this.asg = new Int32Array(R * n).fill(-1);
    this.members = new Int32Array(R * G * this.stride);
    this.size = new Int32Array(R * G);
    this.pos = new Int32Array(R * n).fill(-1);
    this.meet = new Uint16Array(n * n);

    if (problem.tags && problem.tags.some((t) => t.length > 0)) {
      this.aff = new Int8Array(n * n);
      const sets = problem.tags.map((t) => new Set(t));
      for (let a = 0; a < n; a++) {
        const sa = sets[a];
        if (!sa || sa.size === 0) continue;
        for (let b = a + 1; b < n; b++) {
          const sb = sets[b];
          if (!sb) continue;
          let shared = 0;
          for (const t of sa) if (sb.has(t)) shared++;
          const v = Math.min(shared, 127);
          this.aff[a * n + b] = v;
          this.aff[b * n + a] = v;
        }
      }
    } else this.aff = null;

    const rules = problem.attributes ?? [];
    this.attrVals = rules.map((rule) => Int32Array.from({ length: n }, (_, i) => rule.values[i] ?? -1));
    this.attrMax = Int32Array.from(rules, (rule) => rule.maxPerGroup);
    this.attrV = Int32Array.from(this.attrVals, (vals) => vals.reduce((m, v) => Math.max(m, v + 1), 1));
    this.attrCnt = rules.map((_, a) => new Int32Array(R * G * (this.attrV[a] as number)));

    this.catCnt = new Uint8Array(Math.max(1, n * C));
    if (problem.wishes && C > 0) {
      this.wish = new Uint8Array(n * C);
      problem.wishes.forEach((list, i) => {
        for (const c of list) if (c >= 0 && c < C && i < n) this.wish![i * C + c] = 1;
      });
    } else this.wish = null;
  }

  /** The weighted cost the search minimises. */
  cost(): number {
    const w = this.w;
    return (
      w.avoid * this.avoidMeetings +
      w.repeat * this.repeats +
      w.excess * this.excess +
      HARD * this.catViolations -
      w.affinity * this.affinity -
      w.wish * this.wishes
    );
  }

  /** The part of the cost that a perfect plan brings to zero (rewards left out). */
  penalty(): number {
    return this.avoidMeetings + this.repeats + this.excess + this.catViolations;
  }

  /** Clears the assignment and every count. */
  clear(): void {
    this.asg.fill(-1);
    this.size.fill(0);
    this.pos.fill(-1);
    this.meet.fill(0);
    for (const c of this.attrCnt) c.fill(0);
    this.catCnt.fill(0);
    this.repeats = 0;
    this.avoidMeetings = 0;
    this.excess = 0;
    this.catViolations = 0;
    this.affinity = 0;
    this.wishes = 0;
  }

  /** Loads a whole assignment (asg[r*n+i] = group or -1) and recomputes every count. */
  load(asg: Int32Array): void {
    this.clear();
    const n = this.n;
    for (let r = 0; r < this.R; r++) {
      for (let i = 0; i < n; i++) {
        const g = asg[r * n + i] as number;
        if (g >= 0) this.place(r, i, g);
      }
    }
  }

  /** Seats an unseated item, updating every count. */
  place(r: number, i: number, g: number): void {
    const n = this.n;
    const rg = r * this.G + g;
    const base = rg * this.stride;
    const s = this.size[rg] as number;
    const kind = this.kind;
    const meet = this.meet;
    const aff = this.aff;
    for (let k = 0; k < s; k++) {
      const z = this.members[base + k] as number;
      const idx = i * n + z;
      const c = meet[idx] as number;
      meet[idx] = c + 1;
      meet[z * n + i] = c + 1;
      const kd = kind[idx] as number;
      if (kd === KIND_KEPT) continue;
      if (kd === KIND_AVOID) this.avoidMeetings++;
      if (c >= 1) this.repeats++;
      else if (aff !== null) this.affinity += aff[idx] as number;
    }
    this.members[base + s] = i;
    this.pos[r * n + i] = s;
    this.size[rg] = s + 1;
    this.asg[r * n + i] = g;
    for (let a = 0; a < this.attrVals.length; a++) {
      const v = this.attrVals[a]![i] as number;
      if (v < 0) continue;
      const cnt = this.attrCnt[a]!;
      const idx = rg * (this.attrV[a] as number) + v;
      const c = cnt[idx] as number;
      if (c >= (this.attrMax[a] as number)) this.excess++;
      cnt[idx] = c + 1;
    }
    const cg = this.cat[g] as number;
    if (cg >= 0) {
      const idx = i * this.C + cg;
      const c = this.catCnt[idx] as number;
      if (c >= 1) this.catViolations++;
      this.catCnt[idx] = c + 1;
      if (this.wish !== null && this.wish[idx]) this.wishes++;
    }
  }

  /** Unseats a seated item, updating every count. */
  remove(r: number, i: number): void {
    const n = this.n;
    const g = this.asg[r * n + i] as number;
    const rg = r * this.G + g;
    const base = rg * this.stride;
    const s = (this.size[rg] as number) - 1;
    const p = this.pos[r * n + i] as number;
    const last = this.members[base + s] as number;
    this.members[base + p] = last;
    this.pos[r * n + last] = p;
    this.size[rg] = s;
    this.pos[r * n + i] = -1;
    this.asg[r * n + i] = -1;
    const kind = this.kind;
    const meet = this.meet;
    const aff = this.aff;
    for (let k = 0; k < s; k++) {
      const z = this.members[base + k] as number;
      const idx = i * n + z;
      const c = (meet[idx] as number) - 1;
      meet[idx] = c;
      meet[z * n + i] = c;
      const kd = kind[idx] as number;
      if (kd === KIND_KEPT) continue;
      if (kd === KIND_AVOID) this.avoidMeetings--;
      if (c >= 1) this.repeats--;
      else if (aff !== null) this.affinity -= aff[idx] as number;
    }
    for (let a = 0; a < this.attrVals.length; a++) {
      const v = this.attrVals[a]![i] as number;
      if (v < 0) continue;
      const cnt = this.attrCnt[a]!;
      const idx = rg * (this.attrV[a] as number) + v;
      const c = (cnt[idx] as number) - 1;
      cnt[idx] = c;
      if (c >= (this.attrMax[a] as number)) this.excess--;
    }
    const cg = this.cat[g] as number;
    if (cg >= 0) {
      const idx = i * this.C + cg;
      const c = (this.catCnt[idx] as number) - 1;
      this.catCnt[idx] = c;
      if (c >= 1) this.catViolations--;
      if (this.wish !== null && this.wish[idx]) this.wishes--;
    }
  }

  /** Cost change when pair (i, j) meets once more. */
  addPairCost(i: number, j: number): number {
    const idx = i * this.n + j;
    const kd = this.kind[idx] as number;
    if (kd === KIND_KEPT) return 0;
    const c = this.meet[idx] as number;
    let d = kd === KIND_AVOID ? this.w.avoid : 0;
    if (c >= 1) d += this.w.repeat;
    else if (this.aff !== null) d -= this.w.affinity * (this.aff[idx] as number);
    return d;
  }

  /** Cost change when pair (i, j) meets once less. */
  removePairCost(i: number, j: number): number {
    const idx = i * this.n + j;
    const kd = this.kind[idx] as number;
    if (kd === KIND_KEPT) return 0;
    const c = this.meet[idx] as number;
    let d = kd === KIND_AVOID ? -this.w.avoid : 0;
    if (c >= 2) d -= this.w.repeat;
    else if (this.aff !== null) d += this.w.affinity * (this.aff[idx] as number);
    return d;
  }

  /** Σ of addPairCost(i, z) over the members z of group g in round r, skipping items of unit `skipUnit`. */
  joinCost(r: number, i: number, g: number, skipUnit: number): number {
    const rg = r * this.G + g;
    const base = rg * this.stride;
    const s = this.size[rg] as number;
    const n = this.n;
    let d = 0;
    for (let k = 0; k < s; k++) {
      const z = this.members[base + k] as number;
      if (this.unit[r * n + z] === skipUnit) continue;
      d += this.addPairCost(i, z);
    }
    return d;
  }

  /** Σ of removePairCost(i, z) over the other members of i's group, skipping its own unit and unit `skipUnit`. */
  leaveCost(r: number, i: number): number {
    const n = this.n;
    const g = this.asg[r * n + i] as number;
    const rg = r * this.G + g;
    const base = rg * this.stride;
    const s = this.size[rg] as number;
    const own = this.unit[r * n + i];
    let d = 0;
    for (let k = 0; k < s; k++) {
      const z = this.members[base + k] as number;
      if (this.unit[r * n + z] === own) continue;
      d += this.removePairCost(i, z);
    }
    return d;
  }

  /**
   * Cost change of the attribute, category and wish terms when the items of unit U (in group A)
   * move to group B and, for a swap, the items of unit V (in B) move to A. Counts are changed
   * and restored.
   */
  sideCost(r: number, U: number, A: number, B: number, V: number): number {
    let d = 0;
    const G = this.G;
    const uS0 = this.unitStart[U] as number;
    const single = uS0 + 1 === this.unitStart[U + 1] && (V < 0 || (this.unitStart[V] as number) + 1 === this.unitStart[V + 1]);
    if (single && this.attrVals.length > 0) {
      // One item each way: the counts touched are independent, no need to change them.
      const x = this.unitItems[uS0] as number;
      const y = V >= 0 ? (this.unitItems[this.unitStart[V] as number] as number) : -1;
      let ex = 0;
      for (let a = 0; a < this.attrVals.length; a++) {
        const vals = this.attrVals[a]!;
        const cnt = this.attrCnt[a]!;
        const V_ = this.attrV[a] as number;
        const max = this.attrMax[a] as number;
        const vx = vals[x] as number;
        const vy = y >= 0 ? (vals[y] as number) : -1;
        if (vx === vy) continue;
        const baseA = (r * G + A) * V_;
        const baseB = (r * G + B) * V_;
        if (vx >= 0) {
          if ((cnt[baseA + vx] as number) > max) ex--;
          if ((cnt[baseB + vx] as number) >= max) ex++;
        }
        if (vy >= 0) {
          if ((cnt[baseB + vy] as number) > max) ex--;
          if ((cnt[baseA + vy] as number) >= max) ex++;
        }
      }
      d += this.w.excess * ex;
    } else if (this.attrVals.length > 0) {
      let ex = 0;
      for (let a = 0; a < this.attrVals.length; a++) {
        const vals = this.attrVals[a]!;
        const cnt = this.attrCnt[a]!;
        const V_ = this.attrV[a] as number;
        const max = this.attrMax[a] as number;
        const baseA = (r * G + A) * V_;
        const baseB = (r * G + B) * V_;
        const uS = this.unitStart[U] as number;
        const uE = this.unitStart[U + 1] as number;
        const vS = V >= 0 ? (this.unitStart[V] as number) : 0;
        const vE = V >= 0 ? (this.unitStart[V + 1] as number) : 0;
        for (let k = uS; k < uE; k++) {
          const v = vals[this.unitItems[k] as number] as number;
          if (v < 0) continue;
          if ((cnt[baseA + v] as number) > max) ex--;
          cnt[baseA + v] = (cnt[baseA + v] as number) - 1;
        }
        for (let k = vS; k < vE; k++) {
          const v = vals[this.unitItems[k] as number] as number;
          if (v < 0) continue;
          if ((cnt[baseB + v] as number) > max) ex--;
          cnt[baseB + v] = (cnt[baseB + v] as number) - 1;
        }
        for (let k = uS; k < uE; k++) {
          const v = vals[this.unitItems[k] as number] as number;
          if (v < 0) continue;
          if ((cnt[baseB + v] as number) >= max) ex++;
          cnt[baseB + v] = (cnt[baseB + v] as number) + 1;
        }
        for (let k = vS; k < vE; k++) {
          const v = vals[this.unitItems[k] as number] as number;
          if (v < 0) continue;
          if ((cnt[baseA + v] as number) >= max) ex++;
          cnt[baseA + v] = (cnt[baseA + v] as number) + 1;
        }
        // Restore.
        for (let k = uS; k < uE; k++) {
          const v = vals[this.unitItems[k] as number] as number;
          if (v < 0) continue;
          cnt[baseA + v] = (cnt[baseA + v] as number) + 1;
          cnt[baseB + v] = (cnt[baseB + v] as number) - 1;
        }
        for (let k = vS; k < vE; k++) {
          const v = vals[this.unitItems[k] as number] as number;
          if (v < 0) continue;
          cnt[baseB + v] = (cnt[baseB + v] as number) + 1;
          cnt[baseA + v] = (cnt[baseA + v] as number) - 1;
        }
      }
      d += this.w.excess * ex;
    }
    const cA = this.cat[A] as number;
    const cB = this.cat[B] as number;
    if (cA !== cB) {
      d += this.categoryMove(U, cA, cB);
      if (V >= 0) d += this.categoryMove(V, cB, cA);
    }
    return d;
  }

  private categoryMove(U: number, from: number, to: number): number {
    const C = this.C;
    let d = 0;
    for (let k = this.unitStart[U] as number; k < (this.unitStart[U + 1] as number); k++) {
      const i = this.unitItems[k] as number;
      if (from >= 0) {
        const idx = i * C + from;
        if ((this.catCnt[idx] as number) >= 2) d -= HARD;
        if (this.wish !== null && this.wish[idx]) d += this.w.wish;
      }
      if (to >= 0) {
        const idx = i * C + to;
        if ((this.catCnt[idx] as number) >= 1) d += HARD;
        if (this.wish !== null && this.wish[idx]) d -= this.w.wish;
      }
    }
    return d;
  }

  /** Moves every item of unit U of round r to group B. */
  moveUnit(U: number, B: number): void {
    const r = this.unitRound[U] as number;
    for (let k = this.unitStart[U] as number; k < (this.unitStart[U + 1] as number); k++) {
      const i = this.unitItems[k] as number;
      this.remove(r, i);
      this.place(r, i, B);
    }
  }

  unitSize(U: number): number {
    return (this.unitStart[U + 1] as number) - (this.unitStart[U] as number);
  }

  /** Whether item i of round r is involved in a penalised term. */
  conflicted(r: number, i: number): boolean {
    const n = this.n;
    const g = this.asg[r * n + i] as number;
    if (g < 0) return false;
    const rg = r * this.G + g;
    const base = rg * this.stride;
    const s = this.size[rg] as number;
    for (let k = 0; k < s; k++) {
      const z = this.members[base + k] as number;
      if (z === i) continue;
      const idx = i * n + z;
      const kd = this.kind[idx] as number;
      if (kd === KIND_KEPT) continue;
      if (kd === KIND_AVOID || (this.meet[idx] as number) >= 2) return true;
    }
    for (let a = 0; a < this.attrVals.length; a++) {
      const v = this.attrVals[a]![i] as number;
      if (v >= 0 && (this.attrCnt[a]![rg * (this.attrV[a] as number) + v] as number) > (this.attrMax[a] as number)) return true;
    }
    const cg = this.cat[g] as number;
    if (cg >= 0 && (this.catCnt[i * this.C + cg] as number) >= 2) return true;
    return false;
  }
}
