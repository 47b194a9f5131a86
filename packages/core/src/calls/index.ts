export * from './api';
export * from './budget';
export * from './model';
export * from './permissions';
export * from './calendar';
export * from './committee';
export * from './review';
