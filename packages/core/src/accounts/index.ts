export * from './actor';
export * from './login';
export * from './ports';
export * from './schemas';
