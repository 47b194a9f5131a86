import fastifyCookie from '@fastify/cookie';
import Fastify, { type FastifyInstance } from 'fastify';
import { z } from 'zod';
import { accountsRoutes } from './accounts/routes';
import { callsRoutes } from './calls/calls-routes';
import { reviewRoutes } from './calls/review-routes';
import { applicationRoutes } from './calls/application-routes';
import { changeRoutes } from './change/routes';
import { collectivesRoutes } from './collectives/routes';
import { ecosystemRoutes } from './ecosystem/routes';
import { evaluationRoutes } from './evaluation/routes';
import { fastifyTrustProxy } from './config';
import type { AppDeps } from './deps';
import { attendanceHub } from './events/attendance-hub';
import { eventsRoutes } from './events/routes';
import { venueRoutes } from './events/venue-routes';
import { registerErrorHandling } from './http/errors';
import { refuseNulCharacters } from './http/input';
import { registerRoutes, type RouteSpec } from './http/route';
import { liveRoutes } from './live/routes';
import { type LiveOptions, registerLive } from './live/socket';
import { securityHeaders } from './http/security';
import { sessionPlugin } from './http/session';
import { loggerOptions } from './system/log';
import { registerDocs } from './system/openapi';
import { pgChannel } from './system/pg-channel';
import { systemRoutes } from './system/routes';
import { defaultWebDist, registerWeb } from './system/static';
import { territoriesRoutes } from './territories/routes';

z.config(z.locales.fr());

declare module 'fastify' {
  interface FastifyInstance {
    routeSpecs: RouteSpec[];
  }
}

/** Every API route of maillage, by capability. */
export const allRoutes: readonly RouteSpec[] = [
  ...systemRoutes,
  ...accountsRoutes,
  ...collectivesRoutes,
  ...changeRoutes,
  ...territoriesRoutes,
  ...eventsRoutes,
  ...venueRoutes,
  ...liveRoutes,
  ...ecosystemRoutes,
  ...evaluationRoutes,
  ...callsRoutes,
  ...reviewRoutes,
  ...applicationRoutes,
];

export interface BuildOptions {
  /** pino logger options, or false to keep tests quiet. */
  readonly logger?: boolean | Record<string, unknown>;
  /** Live sockets' greeting timeout and timer (tests fire it by hand). */
  readonly live?: LiveOptions;
}

/** Builds the app from its dependencies. Nothing here reads process.env. */
export async function buildApp(deps: AppDeps, options: BuildOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? loggerOptions(deps.config.LOG_LEVEL),
    bodyLimit: deps.config.BODY_LIMIT_KB * 1024,
    trustProxy: fastifyTrustProxy(deps.config.TRUST_PROXY),
    return503OnClosing: true,
    forceCloseConnections: 'idle',
  });
  app.decorate('routeSpecs', []);
  await app.register(fastifyCookie);
  app.addHook('onRequest', securityHeaders);
  registerErrorHandling(app);
  refuseNulCharacters(app);
  sessionPlugin(app, deps);
  await registerLive(app, deps, options.live);
  registerRoutes(app, deps, allRoutes);
  // Live attendance streams (server-sent events) end when the server stops, so closing does not wait on them.
  const attendance = attendanceHub(deps);
  app.addHook('preClose', async () => attendance.closeAll());
  if (deps.store.kind === 'postgres') {
    // Several processes on one PostgreSQL: a check-in on one reaches the phones of the others.
    attendance.useChannel(
      await pgChannel(
        deps.store.pool as never,
        'maillage_attendance',
        (eventId) => attendance.heard(eventId),
        () => attendance.heardAll(),
        app.log,
      ),
      app.log,
    );
    app.addHook('onClose', async () => attendance.closeChannel());
  }
  registerDocs(app, deps.version);
  await registerWeb(app, deps.config.MAILLAGE_WEB_DIST ?? defaultWebDist);
  return app;
}
