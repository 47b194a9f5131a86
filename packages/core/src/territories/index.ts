export * from './api';
export * from './manage-territories';
export * from './model';
export * from './permissions';
export * from './ports';
export * from './read-territories';
export * from './schemas';
