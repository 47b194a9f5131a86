export * from './model';
export { applyPresenceChanges, explainFr, planMixing, replanMixing, toMixingMetrics } from './plan-mixing';
export type { MixingOptions, PresenceChanges } from './plan-mixing';
export { CSV_COLUMNS, fromClassic, parseMixingJson, problemFromCsv } from './parse-problem';
export type { CsvProblemOptions, ParseErrorCode } from './parse-problem';
export { classicInstanceSchema, describeIssues, mixingPlanSchema, workshopInstanceSchema } from './schemas';
export type { ClassicInstance, WorkshopInstance } from './schemas';
export { fromSolverPlan, toSolverProblem } from './to-solver';
export type { SolverMapping } from './to-solver';
