export { openStore, type Store, type StoreKind, type StoreOptions } from './client';
export { DataDirLockedError } from './lock';
export { migrate, readMigrations } from './migrate';
export { prepareStore, type PrepareReport } from './prepare';
export type { DB } from './schema';
export { accountsRepo, loadGrants, territoryScope, withAudit, writeAudit } from './accounts/store';
export type { DemoAccount, DemoContext, DemoExtender, DemoReport } from './demo/seed';
export { demoExtenders, seedDemo } from './demo/seed-demo';
export { loadOfficialTerritories, officialDatasetVersion } from './territories/official';
export { territoriesRepo } from './territories/store';
export { eventsRepo } from './events/store';
export { liveRepo } from './live/store';
export { closeLiveRoom } from './live/close-store';
export { answerCollective, createCollectives, findCollective, listCollectives } from './collectives/store';
export { rosterRepo } from './live/roster-store';
export * from './ecosystem/store';
export { type ErasureReport, erasePerson, exportPersonData } from './privacy/personal-data';
export { personalDataRegistry } from './privacy/registry';
export { ensurePgliteTemplate, readPgliteTemplate } from './template';
export {
  collectiveTerritory,
  listPathways,
  listPathwayVersions,
  loadPathwayView,
  pathwayContext,
  pathwaysRepo,
  readPathwayVersion,
} from './change/store';
export * from './evaluation/store';
export * from './evaluation/observed-store';
export * from './evaluation/barometer-store';
export * from './evaluation/quiz-store';
export * from './evaluation/questionnaire-store';
