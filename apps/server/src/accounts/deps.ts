import { hash, verify } from '@node-rs/argon2';
import type { LoginDeps, PasswordHasher } from '@maillage/core';
import { accountsRepo } from '@maillage/db';
import type { AppDeps } from '../deps';
import { limiterStoreFor } from '../http/rate-limit';
import { tokens } from '../http/session';
import { LoginLimiter } from './rate-limit';

/** argon2id with OWASP's minimum parameters (19 MiB, 2 passes). */
export const argon2Hasher: PasswordHasher = {
  hash: (password) => hash(password, { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 }),
  verify: (hashed, password) => verify(hashed, password),
};

export function loginDeps(deps: AppDeps): LoginDeps {
  return {
    repo: accountsRepo(deps.store.db),
    hasher: argon2Hasher,
    tokens,
    now: deps.now,
    sessionDays: deps.config.SESSION_DAYS,
  };
}

const limiters = new WeakMap<AppDeps, LoginLimiter>();

/** The failure limiter of one app (login and password checks): shared by every process on PostgreSQL. */
export function failureLimiter(deps: AppDeps): LoginLimiter {
  let limiter = limiters.get(deps);
  if (!limiter) {
    limiter = new LoginLimiter(
      () => deps.now().getTime(),
      (namespace) => limiterStoreFor(deps.store, namespace),
    );
    limiters.set(deps, limiter);
  }
  return limiter;
}
