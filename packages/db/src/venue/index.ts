export { foreignKeys, tableColumns, venueTableOrder } from './catalogue';
export { decideVenueConflict, decideVenueDuplicate, type VenueDecisionInput, venueDecisions } from './decisions';
export { exportDay, extractDay, schemaVersion } from './extract';
export { type VenueConflict, type VenueDuplicate, type VenueImportReport, VenueUnknownEventError, importDay } from './import';
export { loadDay, VenueStoreNotEmptyError } from './load';
export { openVenue, sealVenue, VenueFileProblem } from './seal';
