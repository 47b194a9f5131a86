export * from './api';
export * from './model';
export * from './permissions';
export * from './workspace';
export * from './ports';
export * from './use-cases';
