import type { Store } from '@maillage/db';
import type { Config } from './config';
import type { Mailer } from './system/mailer';

/** What the app is built from: injected, so tests build it with their own store and clock. */
export interface AppDeps {
  readonly config: Config;
  readonly store: Store;
  readonly mailer: Mailer;
  readonly now: () => Date;
  readonly version: string;
  /**
   * Tests only: every JSON answer is checked against its route's response schema, as the client
   * receives it (after JSON serialisation); a mismatch answers 500 `response_mismatch` with the
   * schema's issues, so an API test fails where the contract drifted.
   */
  readonly checkResponses?: boolean;
}
