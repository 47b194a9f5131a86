export * from './barometer';
export * from './quiz';
export * from './measurements';
