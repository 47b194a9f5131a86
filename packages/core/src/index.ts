export * from './accounts/index';
export * from './ecosystem/index';
export * from './events/index';
export * from './live/index';
export { type Action, actions, can, type PolicyContext, type Rule, rules } from './policy';
export * from './shared/csv';
export * from './shared/result';
export * from './shared/text';
export * from './territories/index';
