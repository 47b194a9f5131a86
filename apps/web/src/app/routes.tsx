import type { ComponentType } from 'preact';
import { HomePage } from '../features/home/home-page';
import type { Need } from '../shared/roles';
import { lazyPage } from './lazy';

export interface PageRoute {
  readonly path: string;
  readonly component: ComponentType<{ params: Record<string, string> }>;
  /** Pages that need a logged-in user send anonymous visitors to the login page. */
  readonly auth?: boolean;
  /** Full-screen pages (the projector): no site header, navigation or footer, only a main landmark. */
  readonly bare?: boolean;
  /**
   * What the page needs beyond being logged in (a role, or administration): anyone else is told
   * "Vous n'avez pas accès à cette page" instead of meeting forms they cannot use.
   */
  readonly need?: Need;
  /** The kind of page (message key) said before its heading in the tab's title: "Projecteur · Atelier — maillage". */
  readonly kind?: string;
}

/** Every page of the app. Features add their pages here, loaded lazily. */
export const routes: PageRoute[] = [
  { path: '/', component: HomePage },
  { path: '/connexion', component: lazyPage(() => import('../features/accounts/login-page')) },
  { path: '/premier-lancement', component: lazyPage(() => import('../features/accounts/setup-page')) },
  { path: '/invitation/:token', component: lazyPage(() => import('../features/accounts/accept-page')) },
  { path: '/invitations', component: lazyPage(() => import('../features/accounts/invite-page')), auth: true, need: 'coordinator' },
  { path: '/compte', component: lazyPage(() => import('../features/accounts/account-page')), auth: true },
  { path: '/admin/utilisateurs', component: lazyPage(() => import('../features/accounts/users-page')), auth: true, need: 'admin' },
  { path: '/journal', component: lazyPage(() => import('../features/accounts/audit-page')), auth: true, need: 'coordinator' },
  { path: '/journees', component: lazyPage(() => import('../features/events/events-page')), auth: true },
  {
    path: '/journees/:id/preparer',
    component: lazyPage(() => import('../features/events/editor-page')),
    auth: true,
    kind: 'page.kind.prepare',
  },
  {
    path: '/journees/:id/inscriptions',
    component: lazyPage(() => import('../features/events/registrations-page')),
    auth: true,
    kind: 'page.kind.registrations',
  },
  {
    path: '/journees/:id/accueil',
    component: lazyPage(() => import('../features/events/checkin-page')),
    auth: true,
    kind: 'page.kind.checkin',
  },
  { path: '/journees/:slug', component: lazyPage(() => import('../features/events/public-page')) },
  { path: '/inscription/:token', component: lazyPage(() => import('../features/events/registration-page')) },
  { path: '/territoires', component: lazyPage(() => import('../features/territories/search-page')) },
  {
    path: '/territoires/nouveau',
    component: lazyPage(() => import('../features/territories/create-page')),
    auth: true,
    need: 'coordinator',
  },
  { path: '/territoires/:slug', component: lazyPage(() => import('../features/territories/territory-page')) },
  { path: '/territoires/:slug/modifier', component: lazyPage(() => import('../features/territories/edit-page')), auth: true },
  { path: '/j', component: lazyPage(() => import('../features/home/join-page')) },
  { path: '/j/:code', component: lazyPage(() => import('../features/live/participant-page')) },
  {
    path: '/projecteur/:code',
    component: lazyPage(() => import('../features/live/projector-page')),
    bare: true,
    kind: 'page.kind.projector',
  },
  {
    path: '/animation',
    component: lazyPage(() => import('../features/live/console-page')),
    auth: true,
    need: 'facilitator',
    kind: 'page.kind.rooms',
  },
  {
    path: '/animation/:roomId',
    component: lazyPage(() => import('../features/live/console-page')),
    auth: true,
    need: 'facilitator',
    kind: 'page.kind.console',
  },
  { path: '/collectifs', component: lazyPage(() => import('../features/collectives/list-page')), auth: true },
  { path: '/collectifs/demandes', component: lazyPage(() => import('../features/collectives/requests-page')), auth: true },
  { path: '/collectifs/:id', component: lazyPage(() => import('../features/collectives/collective-page')), auth: true },
  { path: '/chemins', component: lazyPage(() => import('../features/pathways/list-page')), auth: true },
  { path: '/chemins/:id/canevas', component: lazyPage(() => import('../features/pathways/canvas-page')), auth: true, bare: true },
  { path: '/chemins/:id', component: lazyPage(() => import('../features/pathways/editor-page')), auth: true },
  { path: '/indicateurs', component: lazyPage(() => import('../features/evaluation/indicators-page')), auth: true },
  { path: '/indicateurs/import', component: lazyPage(() => import('../features/evaluation/import-page')), auth: true },
  { path: '/indicateurs/tableau-de-bord', component: lazyPage(() => import('../features/evaluation/dashboard-page')), auth: true },
  { path: '/indicateurs/changements-observes', component: lazyPage(() => import('../features/evaluation/observed-page')), auth: true },
  { path: '/indicateurs/continuum', component: lazyPage(() => import('../features/evaluation/continuum-page')), auth: true },
  { path: '/indicateurs/:id', component: lazyPage(() => import('../features/evaluation/indicator-page')), auth: true },
  { path: '/barometre/resultats/:runId', component: lazyPage(() => import('../features/evaluation/barometer-results-page')), auth: true },
  { path: '/barometre/:code', component: lazyPage(() => import('../features/evaluation/barometer-page')) },
  { path: '/quiz', component: lazyPage(() => import('../features/evaluation/quiz-page')) },
  { path: '/quiz/:token', component: lazyPage(() => import('../features/evaluation/quiz-page')) },
  { path: '/appels', component: lazyPage(() => import('../features/calls/list-page')), auth: true },
  { path: '/appels/:callId', component: lazyPage(() => import('../features/calls/call-page')), auth: true },
  { path: '/appels/:callId/comite', component: lazyPage(() => import('../features/calls/committee-page')), auth: true },
  { path: '/appels/:callId/demandes/:applicationId', component: lazyPage(() => import('../features/calls/application-page')), auth: true },
  { path: '/ecosysteme', component: lazyPage(() => import('../features/ecosystem/directory-page')), auth: true },
  { path: '/ecosysteme/carte', component: lazyPage(() => import('../features/ecosystem/map-page')), auth: true },
  { path: '/ecosysteme/tableau-de-bord', component: lazyPage(() => import('../features/ecosystem/dashboard-page')), auth: true },
  { path: '/ecosysteme/mobiliser', component: lazyPage(() => import('../features/ecosystem/mobilise-page')), auth: true },
  { path: '/ecosysteme/import', component: lazyPage(() => import('../features/ecosystem/import-page')), auth: true, need: 'coordinator' },
  { path: '/ecosysteme/gestion', component: lazyPage(() => import('../features/ecosystem/curate-page')), auth: true, need: 'coordinator' },
  { path: '/ecosysteme/personnes/nouvelle', component: lazyPage(() => import('../features/ecosystem/person-create-page')), auth: true },
  { path: '/ecosysteme/personnes/:id', component: lazyPage(() => import('../features/ecosystem/person-page')), auth: true },
  { path: '/ecosysteme/organisations/nouvelle', component: lazyPage(() => import('../features/ecosystem/create-page')), auth: true },
  { path: '/ecosysteme/organisations/:id/modifier', component: lazyPage(() => import('../features/ecosystem/edit-page')), auth: true },
  { path: '/ecosysteme/organisations/:id/proposer', component: lazyPage(() => import('../features/ecosystem/edit-page')), auth: true },
  { path: '/ecosysteme/organisations/:id', component: lazyPage(() => import('../features/ecosystem/organisation-page')), auth: true },
];
