export * from './identifiers';
export * from './import-plan';
export * from './mobilise';
export * from './model';
export * from './permissions';
export * from './ports';
export * from './schemas';
export * from './use-cases';
