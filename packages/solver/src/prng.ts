/** A seeded pseudo-random generator (mulberry32): the only source of randomness of the solver. */
export interface Rng {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [0, n). */
  int(n: number): number;
}

/** Creates a mulberry32 generator from a 32-bit seed. */
export function createRng(seed: number): Rng {
  let state = (seed | 0) ^ 0x9e3779b9;
  const next = (): number => {
    state = (state + 0x6d2b79f5) | 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, int: (n: number) => Math.floor(next() * n) };
}

/** Shuffles an array in place with the given generator (Fisher–Yates). */
export function shuffle<T>(rng: Rng, values: T[]): T[] {
  for (let i = values.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const tmp = values[i] as T;
    values[i] = values[j] as T;
    values[j] = tmp;
  }
  return values;
}
