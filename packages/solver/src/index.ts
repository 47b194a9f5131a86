export { findDesign, finiteField, primePower } from './designs';
export type { Design } from './designs';
export { evaluate } from './evaluate';
export type { Evaluation } from './evaluate';
export { createRng, shuffle } from './prng';
export type { Rng } from './prng';
export { assertProblem, solve } from './solve';
export type * from './types';
export { DEFAULT_WEIGHTS } from './state';
