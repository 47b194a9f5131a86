import type { Kysely } from 'kysely';
import { seedEcosystemDemo } from '../ecosystem/demo';
import type { DB } from '../schema';
import { type DemoAccount, type DemoContext, demoAccounts, demoTerritoryName, seedDemoTerritory } from './territory';

export type { DemoAccount, DemoContext };

export interface DemoReport {
  readonly territoryName: string;
  readonly created: boolean;
  readonly accounts: readonly DemoAccount[];
}

/**
 * A capability's part of the demo: organisations and people, a cooperation day… It receives the
 * ids of the fictional territory and accounts, and MUST be idempotent: `npm run demo` runs every
 * extender on every start, so an extender checks what already exists before creating anything
 * (the base territory may have been created by an earlier run, before the extender existed).
 */
export type DemoExtender = (db: Kysely<DB>, ctx: DemoContext) => Promise<void>;

/**
 * The demo extenders, in order. A capability adds ONE line here (and its import above), e.g.
 * `seedEcosystemDemo` from `../ecosystem/demo`.
 */
export const demoExtenders: DemoExtender[] = [seedEcosystemDemo];

/**
 * Creates the fictional demo territory and accounts (idempotent), then runs every extender.
 */
export async function seedDemo(db: Kysely<DB>): Promise<DemoReport> {
  const ctx = await seedDemoTerritory(db);
  for (const extend of demoExtenders) await extend(db, ctx);
  return { territoryName: demoTerritoryName, created: ctx.created, accounts: demoAccounts };
}
