import { z } from 'zod';
import { type EndpointMap, endpoint } from '../shared/endpoint';
import {
  actionBody,
  changeBody,
  changeUpdateBody,
  createPathwayBody,
  HORIZONS,
  indicatorBody,
  journalBody,
  LIGHTS,
  linkBody,
  MARKER_LEVELS,
  reviewBody,
  visionBody,
} from './model';

/** Who a pathway belongs to: a territory (projet de quartier, contrat de ville) or a collective. */
export const pathwayOwnerView = z.object({ kind: z.enum(['territory', 'collective']), id: z.string(), name: z.string() });

export const pathwaySummaryView = z.object({
  id: z.string(),
  title: z.string(),
  owner: pathwayOwnerView,
  territoryId: z.string(),
  changes: z.number(),
  /** Changes with no path to the vision. */
  detached: z.number(),
  lastReviewOn: z.string().nullable(),
  version: z.number(),
  updatedAt: z.string(),
});
export type PathwaySummaryView = z.output<typeof pathwaySummaryView>;

export const indicatorView = z.object({
  id: z.string(),
  changeId: z.string().nullable(),
  name: z.string(),
  unit: z.string(),
  source: z.string(),
  method: z.string(),
  frequency: z.string(),
  reporter: z.string(),
  baselineValue: z.number().nullable(),
  baselineYear: z.number().nullable(),
  targetValue: z.number().nullable(),
  targetYear: z.number().nullable(),
});
export type IndicatorView = z.output<typeof indicatorView>;

export const pathwayChangeView = z.object({
  id: z.string(),
  horizon: z.enum(HORIZONS),
  text: z.string(),
  actors: z.object({ organisations: z.array(z.object({ id: z.string(), name: z.string() })), kinds: z.array(z.string()) }),
  markers: z.array(z.object({ level: z.enum(MARKER_LEVELS), text: z.string() })),
  /** Changes of the territory's pathway this change contributes to (a collective's pathway). */
  contributesTo: z.array(z.object({ id: z.string(), text: z.string(), pathwayId: z.string() })),
  /** Collectives' changes that contribute to this one (a territory's pathway). */
  carriedBy: z.array(z.object({ id: z.string(), text: z.string(), pathwayId: z.string(), ownerName: z.string() })),
  /** No path from this change to the vision. */
  detached: z.boolean(),
  lastLight: z.enum(LIGHTS).nullable(),
});
export type PathwayChangeView = z.output<typeof pathwayChangeView>;

export const pathwayView = z.object({
  id: z.string(),
  title: z.string(),
  owner: pathwayOwnerView,
  territoryId: z.string(),
  vision: z.object({ sentence: z.string(), frontPageTitle: z.string(), frontPageStory: z.string() }),
  changes: z.array(pathwayChangeView),
  links: z.array(z.object({ id: z.string(), from: z.string(), to: z.string().nullable(), rationale: z.string(), assumptions: z.string() })),
  actions: z.array(
    z.object({
      id: z.string(),
      changeId: z.string(),
      text: z.string(),
      by: z.object({ kind: z.enum(['collective', 'organisation', 'other']), id: z.string().nullable(), name: z.string() }),
    }),
  ),
  indicators: z.array(indicatorView),
  reviews: z.array(
    z.object({
      id: z.string(),
      heldOn: z.string(),
      summary: z.string(),
      lights: z.array(z.object({ changeId: z.string(), light: z.enum(LIGHTS), comment: z.string() })),
    }),
  ),
  journal: z.array(z.object({ id: z.string(), on: z.string(), text: z.string(), author: z.string().nullable() })),
  /** Every change to the pathway makes a new version; any version can be read back. */
  version: z.number(),
  updatedAt: z.string(),
  may: z.object({ edit: z.boolean() }),
});
export type PathwayView = z.output<typeof pathwayView>;

export const pathwayVersionView = z.object({ version: z.number(), at: z.string(), author: z.string().nullable(), summary: z.string() });

const idParams = z.object({ id: z.uuid('identifiant invalide') });
const changeParams = idParams.extend({ changeId: z.uuid('changement invalide') });
const planQuery = z.object({ format: z.enum(['A4', 'A3'], 'format A4 ou A3').default('A4') });

/** The routes of change pathways. Every write answers the whole pathway (its new version). */
export const pathwaysEndpoints = {
  list: endpoint({
    method: 'GET',
    url: '/api/pathways',
    query: z.object({ territoryId: z.uuid('territoire invalide').optional() }),
    response: z.array(pathwaySummaryView),
  }),
  create: endpoint({ method: 'POST', url: '/api/pathways', body: createPathwayBody, response: pathwayView }),
  get: endpoint({ method: 'GET', url: '/api/pathways/:id', params: idParams, response: pathwayView }),
  rename: endpoint({
    method: 'PATCH',
    url: '/api/pathways/:id',
    params: idParams,
    body: z.object({ title: z.string().trim().min(1, 'le titre est requis').max(160, 'titre : au plus 160 caractères') }),
    response: pathwayView,
  }),
  vision: endpoint({
    method: 'PUT',
    url: '/api/pathways/:id/vision',
    params: idParams,
    body: visionBody,
    response: pathwayView,
    status: 200,
  }),
  addChange: endpoint({ method: 'POST', url: '/api/pathways/:id/changes', params: idParams, body: changeBody, response: pathwayView }),
  updateChange: endpoint({
    method: 'PATCH',
    url: '/api/pathways/:id/changes/:changeId',
    params: changeParams,
    body: changeUpdateBody,
    response: pathwayView,
  }),
  deleteChange: endpoint({ method: 'DELETE', url: '/api/pathways/:id/changes/:changeId', params: changeParams, response: pathwayView }),
  addLink: endpoint({ method: 'POST', url: '/api/pathways/:id/links', params: idParams, body: linkBody, response: pathwayView }),
  deleteLink: endpoint({
    method: 'DELETE',
    url: '/api/pathways/:id/links/:linkId',
    params: idParams.extend({ linkId: z.uuid('lien invalide') }),
    response: pathwayView,
  }),
  addAction: endpoint({ method: 'POST', url: '/api/pathways/:id/actions', params: idParams, body: actionBody, response: pathwayView }),
  deleteAction: endpoint({
    method: 'DELETE',
    url: '/api/pathways/:id/actions/:actionId',
    params: idParams.extend({ actionId: z.uuid('action invalide') }),
    response: pathwayView,
  }),
  addIndicator: endpoint({
    method: 'POST',
    url: '/api/pathways/:id/indicators',
    params: idParams,
    body: indicatorBody,
    response: pathwayView,
  }),
  updateIndicator: endpoint({
    method: 'PUT',
    url: '/api/pathways/:id/indicators/:indicatorId',
    params: idParams.extend({ indicatorId: z.uuid('indicateur invalide') }),
    body: indicatorBody,
    response: pathwayView,
    status: 200,
  }),
  deleteIndicator: endpoint({
    method: 'DELETE',
    url: '/api/pathways/:id/indicators/:indicatorId',
    params: idParams.extend({ indicatorId: z.uuid('indicateur invalide') }),
    response: pathwayView,
  }),
  addReview: endpoint({ method: 'POST', url: '/api/pathways/:id/reviews', params: idParams, body: reviewBody, response: pathwayView }),
  addJournal: endpoint({ method: 'POST', url: '/api/pathways/:id/journal', params: idParams, body: journalBody, response: pathwayView }),
  versions: endpoint({ method: 'GET', url: '/api/pathways/:id/versions', params: idParams, response: z.array(pathwayVersionView) }),
  version: endpoint({
    method: 'GET',
    url: '/api/pathways/:id/versions/:version',
    params: idParams.extend({ version: z.coerce.number('version invalide').int().positive('version invalide') }),
    response: pathwayView,
  }),
  /** The whole pathway on exactly one landscape page; 422 `plan_too_large` rather than a cut plan. */
  planPdf: endpoint({ method: 'GET', url: '/api/pathways/:id/plan.pdf', params: idParams, query: planQuery, produces: 'application/pdf' }),
  planSvg: endpoint({ method: 'GET', url: '/api/pathways/:id/plan.svg', params: idParams, query: planQuery, produces: 'image/svg+xml' }),
  /** One line per change: horizon, links, actors, indicators with baseline and target, last light. */
  changesCsv: endpoint({ method: 'GET', url: '/api/pathways/:id/changes.csv', params: idParams, produces: 'text/csv' }),
};

export type PathwaysApi = EndpointMap<typeof pathwaysEndpoints>;
