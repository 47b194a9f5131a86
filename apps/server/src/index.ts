export { buildApp, allRoutes } from './app';
export { readConfig, type Config } from './config';
export { createMailer, type Mailer } from './system/mailer';
