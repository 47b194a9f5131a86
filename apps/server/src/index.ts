export { buildApp, allRoutes } from './app';
export { readConfig, type Config } from './config';
