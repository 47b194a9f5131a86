export * from './api';
export * from './budget';
export * from './model';
export * from './permissions';
