import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'packages/*/src/**/*.test.ts',
      'apps/*/src/**/*.test.{ts,tsx}',
      'e2e/src/**/*.test.ts',
      'bench/src/**/*.test.ts',
      'scripts/**/*.test.ts',
    ],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    maxWorkers: 2,
    fileParallelism: true,
    // expect.poll waits for a condition, not for a time: its timeout (1 s by default) only ends a
    // wait that will never succeed, and must not fail a slow but correct run on a loaded machine.
    expect: { poll: { timeout: 30_000 } },
  },
});
