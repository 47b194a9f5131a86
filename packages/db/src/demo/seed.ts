import type { Kysely } from 'kysely';
import type { DB } from '../schema';
import type { DemoAccount, DemoContext } from './territory';

/**
 * The demo's shared types. An extender imports them from here; the demo itself runs from
 * `seed-demo.ts`, where extenders are listed (kept apart so that importing these types never
 * makes a cycle through the list of extenders).
 */
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
