export { openStore, type Store, type StoreKind, type StoreOptions, storeOnThread } from './client';
export { DataDirLockedError } from './lock';
export {
  backupDataDir,
  controlSocketPath,
  DataDirNotEmptyError,
  dumpStore,
  requestBackupFromServer,
  restoreDataDir,
  serveBackups,
  writeFileAtomically,
} from './backup';
export { migrate, readMigrations } from './migrate';
export { prepareStore, type PrepareReport } from './prepare';
export type { DB } from './schema';
export { accountsRepo, loadGrants, territoryScope, withAudit, writeAudit } from './accounts/store';
export { personIdOfUser, type TodayQuery, todayOf } from './accounts/today';
export type { DemoAccount, DemoContext, DemoExtender, DemoReport } from './demo/seed';
export { demoExtenders, seedDemo } from './demo/seed-demo';
export { loadOfficialTerritories, officialDatasetVersion } from './territories/official';
export { territoriesRepo } from './territories/store';
export { eventsRepo } from './events/store';
export { liveRepo } from './live/store';
export { closeLiveRoom } from './live/close-store';
export { answerCollective, createCollectives, findCollective, listCollectives } from './collectives/store';
export { collectiveContext, collectivesWorkspaceRepo, progressInputs } from './collectives/workspace-store';
export { rosterRepo } from './live/roster-store';
export { findCodevRecord, listCodevRecords, type NewCodevRecord, saveCodevRecord } from './collectives/codev-store';
export { addDemoCodevRecord } from './demo/codev';
export { ecosystemRepo } from './ecosystem/repo';
export * from './calls/context';
export * from './calls/applications-store';
export * from './calls/documents-store';
// Two stores name their result type alike: the package's root names the applicant side's (the funder side's is imported from its module).
export type { StoreFailure, StoreResult } from './calls/applications-store';
export * from './ecosystem/territory-context';
export * from './ecosystem/directory';
export * from './ecosystem/organisations';
export * from './ecosystem/proposals';
export * from './ecosystem/relations';
export * from './ecosystem/import';
export * from './ecosystem/people';
export * from './ecosystem/themes';
export * from './ecosystem/export';
export type {
  AssessmentRow,
  DirectoryFilters,
  DirectoryOrganisation,
  DirectoryPerson,
  DuplicateSide,
  MapData,
  OrganisationRecord,
} from '@maillage/core';
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
export { type RateLimitsRepo, rateLimitsRepo, type StoredFailureCount } from './shared/rate-limits';
export {
  OUTBOX_FIRST_RETRY_MS,
  OUTBOX_MAX_ATTEMPTS,
  type OutboxFailure,
  type OutboxMail,
  outboxRepo,
  outboxRetryDelayMs,
} from './shared/outbox';
export * from './evaluation/store';
export * from './evaluation/observed-store';
export * from './evaluation/barometer-store';
export * from './evaluation/quiz-store';
export * from './evaluation/questionnaire-store';
export * from './calls/calls-store';
export * from './calls/reviews-store';
export * from './venue/index';
