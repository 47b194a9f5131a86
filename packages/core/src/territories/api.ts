import { z } from 'zod';
import { type EndpointMap, endpoint } from '../shared/endpoint';
import {
  createTerritoryBody,
  territoryChildrenQuery,
  territoryDetailView,
  territoryIdParams,
  territoryListView,
  territorySearchQuery,
  territorySlugParams,
  territorySummaryView,
  updateTerritoryBody,
} from './schemas';

/** The routes of territories: method, path, what they take and answer. */
export const territoriesEndpoints = {
  search: endpoint({
    method: 'GET',
    url: '/api/territories',
    query: territorySearchQuery,
    response: z.object({ items: z.array(territorySummaryView) }),
  }),
  getById: endpoint({ method: 'GET', url: '/api/territories/:id', params: territoryIdParams, response: territoryDetailView }),
  getBySlug: endpoint({ method: 'GET', url: '/api/territories/by-slug/:slug', params: territorySlugParams, response: territoryDetailView }),
  children: endpoint({
    method: 'GET',
    url: '/api/territories/:id/children',
    params: territoryIdParams,
    query: territoryChildrenQuery,
    response: territoryListView,
  }),
  create: endpoint({ method: 'POST', url: '/api/territories', body: createTerritoryBody, response: territoryDetailView }),
  update: endpoint({
    method: 'PATCH',
    url: '/api/territories/:id',
    params: territoryIdParams,
    body: updateTerritoryBody,
    response: territoryDetailView,
  }),
  remove: endpoint({ method: 'DELETE', url: '/api/territories/:id', params: territoryIdParams, response: z.object({ id: z.string() }) }),
};

export type TerritoriesApi = EndpointMap<typeof territoriesEndpoints>;
