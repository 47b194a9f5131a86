import type { Kysely } from 'kysely';
import type { DB } from '../schema';

export interface DemoAccount {
  readonly label: string;
  readonly email: string;
  readonly password: string;
}

export interface DemoReport {
  readonly territoryName: string;
  readonly created: boolean;
  readonly accounts: readonly DemoAccount[];
}

/**
 * Creates the fictional demo territory (idempotent). Later capabilities extend it from here.
 */
export async function seedDemo(_db: Kysely<DB>): Promise<DemoReport> {
  return { territoryName: 'Agglomération de Val-de-Lys (fictive)', created: false, accounts: [] };
}
