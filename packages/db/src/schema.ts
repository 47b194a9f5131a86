import type { Kysely, Transaction } from 'kysely';
import type { AccountsTables } from './accounts/tables';
import type { CallsTables } from './calls/tables';
import type { ChangeTables } from './change/tables';
import type { CodevTables } from './collectives/codev-tables';
import type { CollectivesTables } from './collectives/tables';
import type { EcosystemTables } from './ecosystem/tables';
import type { EvaluationTables } from './evaluation/tables';
import type { EventsTables } from './events/tables';
import type { LiveTables } from './live/tables';
import type { FoundationTables } from './shared/tables';
import type { TerritoriesTables } from './territories/tables';

/**
 * The whole database as Kysely sees it: one interface per capability, composed here.
 * A capability adds its tables in `<capability>/tables.ts` and one `extends` below.
 */
export interface DB
  extends FoundationTables,
    AccountsTables,
    TerritoriesTables,
    EventsTables,
    EcosystemTables,
    LiveTables,
    CollectivesTables,
    ChangeTables,
    CodevTables,
    EvaluationTables,
    CallsTables {}

/** The database or a transaction in it: what a query that may join its caller's transaction takes. */
export type Db = Kysely<DB> | Transaction<DB>;
