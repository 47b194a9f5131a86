export * from './api';
export * from './model';
export * from './permissions';
export * from './workspace';
