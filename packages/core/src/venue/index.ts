export * from './format';
export * from './merge';
export * from './payload';
export * from './api';
export * from './decisions';
