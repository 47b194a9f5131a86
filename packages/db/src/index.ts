export { openStore, type Store, type StoreKind, type StoreOptions } from './client';
export { DataDirLockedError } from './lock';
export { migrate, readMigrations } from './migrate';
export { prepareStore, type PrepareReport } from './prepare';
export type { DB } from './schema';
export { accountsRepo, loadGrants, territoryScope, writeAudit } from './accounts/store';
export { type DemoAccount, type DemoReport, seedDemo } from './demo/seed';
export { eventsRepo } from './events/store';
export { liveRepo } from './live/store';
