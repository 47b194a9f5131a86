export * from './api';
export * from './graph';
export * from './model';
export * from './permissions';
export * from './plan-layout';
export * from './template';
export * from './ports';
export * from './use-cases';
