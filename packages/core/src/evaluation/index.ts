export * from './api';
export * from './barometer';
export * from './barometer-runs';
export * from './indicators';
export * from './quiz';
export * from './measurements';
export * from './observed-changes';
export * from './permissions';
