import { DESIGN_DATA } from './design-data';

/** A repeat-free schedule: rounds of groups of item indices 0..groups*size-1. */
export interface Design {
  readonly name: string;
  readonly rounds: number[][][];
}

/** The prime p and exponent m when q = p^m, else null. */
export function primePower(q: number): { p: number; m: number } | null {
  if (q < 2) return null;
  for (let p = 2; p * p <= q; p++) {
    if (q % p !== 0) continue;
    let m = 0;
    let r = q;
    while (r % p === 0) {
      r /= p;
      m++;
    }
    return r === 1 ? { p, m } : null;
  }
  return { p: q, m: 1 };
}

/** Addition and multiplication tables of the finite field GF(q), q a prime power. */
export function finiteField(q: number): { add: Int32Array; mul: Int32Array } | null {
  const pp = primePower(q);
  if (!pp) return null;
  const { p, m } = pp;
  const digits = (x: number): number[] => {
    const d: number[] = [];
    for (let i = 0; i < m; i++) {
      d.push(x % p);
      x = Math.floor(x / p);
    }
    return d;
  };
  const fromDigits = (d: number[]): number => d.reduceRight((acc, v) => acc * p + v, 0);
  // Monic irreducible polynomial of degree m, found by trying every candidate (q is small).
  let modulus: number[] | null = null;
  if (m > 1) {
    for (let c = 0; c < q && !modulus; c++) {
      const poly = [...digits(c), 1];
      let irreducible = true;
      // A polynomial of degree ≤ 3 is irreducible iff it has no root; for higher degrees
      // check divisibility by every monic polynomial of degree 1..m/2.
      for (let deg = 1; deg <= Math.floor(m / 2) && irreducible; deg++) {
        for (let d = 0; d < p ** deg && irreducible; d++) {
          const divisor = [...digitsN(d, p, deg), 1];
          if (polyModIsZero(poly, divisor, p)) irreducible = false;
        }
      }
      if (irreducible) modulus = poly;
    }
    if (!modulus) return null;
  }
  const add = new Int32Array(q * q);
  const mul = new Int32Array(q * q);
  for (let a = 0; a < q; a++) {
    const da = digits(a);
    for (let b = 0; b < q; b++) {
      const db = digits(b);
      add[a * q + b] = fromDigits(da.map((v, i) => (v + (db[i] ?? 0)) % p));
      if (m === 1) {
        mul[a * q + b] = (a * b) % p;
        continue;
      }
      const prod = new Array<number>(2 * m - 1).fill(0);
      for (let i = 0; i < m; i++) for (let j = 0; j < m; j++) prod[i + j] = ((prod[i + j] ?? 0) + (da[i] ?? 0) * (db[j] ?? 0)) % p;
      const mod = modulus as number[];
      for (let deg = prod.length - 1; deg >= m; deg--) {
        const coef = prod[deg] ?? 0;
        if (coef === 0) continue;
        for (let i = 0; i <= m; i++) prod[deg - m + i] = ((((prod[deg - m + i] ?? 0) - coef * (mod[i] ?? 0)) % p) + p) % p;
      }
      mul[a * q + b] = fromDigits(prod.slice(0, m));
    }
  }
  return { add, mul };
}

function digitsN(x: number, p: number, n: number): number[] {
  const d: number[] = [];
  for (let i = 0; i < n; i++) {
    d.push(x % p);
    x = Math.floor(x / p);
  }
  return d;
}

function polyModIsZero(poly: number[], divisor: number[], p: number): boolean {
  const rem = poly.slice();
  const dd = divisor.length - 1;
  for (let deg = rem.length - 1; deg >= dd; deg--) {
    const coef = rem[deg] ?? 0;
    if (coef === 0) continue;
    for (let i = 0; i <= dd; i++) rem[deg - dd + i] = ((((rem[deg - dd + i] ?? 0) - coef * (divisor[i] ?? 0)) % p) + p) % p;
  }
  return rem.slice(0, dd).every((v) => v === 0);
}

/**
 * Resolvable transversal design over GF(q): q·k items in q groups of k for q rounds (q+1 when
 * k = q: the affine plane AG(2,q)). Item (i, x) meets (j, y) in the one round m with
 * x − y = m(i − j).
 */
function transversalField(q: number, k: number, rounds: number): Design | null {
  if (k > q) return null;
  const field = finiteField(q);
  if (!field) return null;
  const { add, mul } = field;
  const maxRounds = k === q ? q + 1 : q;
  if (rounds > maxRounds) return null;
  const out: number[][][] = [];
  for (let m = 0; m < Math.min(rounds, q); m++) {
    const groups: number[][] = [];
    for (let c = 0; c < q; c++) {
      const g: number[] = [];
      for (let i = 0; i < k; i++) g.push(i * q + (add[c * q + (mul[m * q + i] as number)] as number));
      groups.push(g);
    }
    out.push(groups);
  }
  if (rounds > q) out.push(Array.from({ length: k }, (_, i) => Array.from({ length: q }, (_, x) => i * q + x)));
  return { name: k === q ? `affine plane AG(2,${q})` : `transversal design over GF(${q})`, rounds: out };
}

/**
 * The same idea over the integers modulo g when g is not a prime power: rounds m from a set in
 * which every difference times 1..k−1 stays non-zero mod g, plus the "rows" round when k = g.
 */
function transversalCyclic(g: number, k: number, rounds: number): Design | null {
  if (k > g) return null;
  const ms: number[] = [];
  for (let m = 0; m < g && ms.length < rounds; m++) {
    const fits = ms.every((o) => {
      for (let d = 1; d < k; d++) if (((((m - o) * d) % g) + g) % g === 0) return false;
      return true;
    });
    if (fits) ms.push(m);
  }
  const extra = k === g ? 1 : 0;
  if (ms.length + extra < rounds) return null;
  const out: number[][][] = [];
  for (const m of ms.slice(0, rounds)) {
    out.push(Array.from({ length: g }, (_, c) => Array.from({ length: k }, (_, i) => i * g + ((c + m * i) % g))));
  }
  if (out.length < rounds) out.push(Array.from({ length: k }, (_, i) => Array.from({ length: g }, (_, x) => i * g + x)));
  return { name: `cyclic transversal design (${g}, ${k})`, rounds: out };
}

/** Round-robin pairing (circle method): 2g items in pairs for up to 2g − 1 rounds. */
function roundRobin(g: number, rounds: number): Design | null {
  const n = 2 * g;
  if (rounds > n - 1) return null;
  const out: number[][][] = [];
  for (let r = 0; r < rounds; r++) {
    const groups: number[][] = [[n - 1, r]];
    for (let i = 1; i < g; i++) groups.push([(r + i) % (n - 1), (r - i + (n - 1)) % (n - 1)]);
    out.push(groups);
  }
  return { name: 'round-robin (circle method)', rounds: out };
}

function fromData(g: number, k: number, rounds: number): Design | null {
  for (const d of DESIGN_DATA) {
    if (d.groups !== g || d.size !== k || d.rounds.length < rounds) continue;
    return {
      name: d.name,
      rounds: d.rounds.slice(0, rounds).map((line) => line.split(' ').map((grp) => grp.split(',').map(Number))),
    };
  }
  return null;
}

/**
 * A repeat-free schedule of g groups of k items over the given rounds, from a known design when
 * one exists (explicit literature solutions, transversal designs and affine planes, round robin),
 * else null.
 */
export function findDesign(g: number, k: number, rounds: number): Design | null {
  if (g < 1 || k < 1 || rounds < 1) return null;
  if (rounds === 1 || k === 1) {
    return {
      name: 'trivial',
      rounds: Array.from({ length: rounds }, () => Array.from({ length: g }, (_, c) => Array.from({ length: k }, (_, i) => c * k + i))),
    };
  }
  return (
    fromData(g, k, rounds) ?? (k === 2 ? roundRobin(g, rounds) : null) ?? transversalField(g, k, rounds) ?? transversalCyclic(g, k, rounds)
  );
}
