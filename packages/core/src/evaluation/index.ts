export * from './barometer';
export * from './quiz';
