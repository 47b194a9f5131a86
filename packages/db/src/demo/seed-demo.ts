import type { Kysely } from 'kysely';
import { callsDemoAccounts, seedCallsDemo } from '../calls/demo';
import { seedChangeDemo } from '../change/demo';
import { seedCollectivesDemo } from '../collectives/demo';
import { seedEcosystemDemo } from '../ecosystem/demo';
import { seedEvaluationDemo } from '../evaluation/demo';
import { seedEventsDemo } from './events';
import type { DB } from '../schema';
import type { DemoExtender, DemoReport } from './seed';
import { demoAccounts, demoTerritoryName, seedDemoTerritory } from './territory';

/**
 * The demo extenders, in order. A capability adds ONE line here (and its import above), and
 * imports `DemoContext` / `DemoExtender` from `./seed`.
 */
export const demoExtenders: DemoExtender[] = [
  seedEcosystemDemo,
  seedEventsDemo,
  seedCollectivesDemo,
  seedChangeDemo,
  seedEvaluationDemo,
  seedCallsDemo,
];

/**
 * Creates the fictional demo territory and accounts (idempotent), then runs every extender.
 */
export async function seedDemo(db: Kysely<DB>): Promise<DemoReport> {
  const ctx = await seedDemoTerritory(db);
  for (const extend of demoExtenders) await extend(db, ctx);
  // The calls' reviewers sign in too: listed when their extender runs.
  const reviewers = demoExtenders.includes(seedCallsDemo)
    ? callsDemoAccounts.map(({ label, email, password }) => ({ label, email, password }))
    : [];
  return { territoryName: demoTerritoryName, created: ctx.created, accounts: [...demoAccounts, ...reviewers] };
}
