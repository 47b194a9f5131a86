export * from './conflicts';
export * from './ics';
export * from './model';
export * from './permissions';
export * from './ports';
export * from './schemas';
export * from './templates';
export * from './use-cases';
