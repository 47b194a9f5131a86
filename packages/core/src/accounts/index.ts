export * from './api';
export * from './actor';
export * from './invitations';
export * from './login';
export * from './password';
export * from './ports';
export * from './schemas';
export * from './users';
