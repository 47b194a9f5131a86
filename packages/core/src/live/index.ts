export * from './commands';
export * from './join';
export * from './keyword';
export * from './protocol';
export * from './room';
export * from './ports';
export * from './roster';
