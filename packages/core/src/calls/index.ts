export * from './api';
export * from './budget';
export * from './model';
export * from './permissions';
export * from './applications';
export * from './eligibility';
export * from './prefill';
