import type { RouteSpec } from '../http/route';

/** Routes of the territories capability. */
export const territoriesRoutes: RouteSpec<any, any, any, any>[] = [];
