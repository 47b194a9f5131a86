import { z } from 'zod';
import { type EndpointMap, endpoint } from '../shared/endpoint';
import {
  acquaintanceBody,
  assessmentBody,
  directoryQuery,
  exportQuery,
  idParams,
  importBody,
  mapQuery,
  mergeBody,
  mobiliseQuery,
  organisationBody,
  pairParams,
  personBody,
  territoryQuery,
  themeBody,
} from './schemas';
import {
  assessmentCreatedView,
  directoryView,
  duplicatePairsView,
  ecosystemDashboardView,
  ecosystemDoneView,
  ecosystemMapView,
  importConfirmedView,
  importPreviewView,
  mobiliseView,
  organisationMergedView,
  organisationSavedView,
  organisationView,
  personContactView,
  personCreatedView,
  personView,
  personalDataExportView,
  relationView,
  themeCreatedView,
  themeListView,
} from './views';

/**
 * The routes of the ecosystem (themes, directory, organisations, people, relations, map, dashboard,
 * import, export): method, path, what they take and answer.
 */
export const ecosystemEndpoints = {
  listThemes: endpoint({
    method: 'GET',
    url: '/api/ecosystem/themes',
    query: z.object({ territoryId: z.uuid('identifiant invalide').optional() }),
    response: themeListView,
  }),
  addTheme: endpoint({ method: 'POST', url: '/api/ecosystem/themes', body: themeBody, response: themeCreatedView }),
  directory: endpoint({ method: 'GET', url: '/api/ecosystem/directory', query: directoryQuery, response: directoryView }),
  createOrganisation: endpoint({
    method: 'POST',
    url: '/api/ecosystem/organisations',
    body: organisationBody,
    response: organisationSavedView,
  }),
  organisation: endpoint({ method: 'GET', url: '/api/ecosystem/organisations/:id', params: idParams, response: organisationView }),
  updateOrganisation: endpoint({
    method: 'PUT',
    url: '/api/ecosystem/organisations/:id',
    params: idParams,
    body: organisationBody,
    response: organisationSavedView,
  }),
  duplicates: endpoint({ method: 'GET', url: '/api/ecosystem/duplicates', query: territoryQuery, response: duplicatePairsView }),
  merge: endpoint({
    method: 'POST',
    url: '/api/ecosystem/organisations/:id/merge',
    params: idParams,
    body: mergeBody,
    status: 200,
    response: organisationMergedView,
  }),
  createPerson: endpoint({ method: 'POST', url: '/api/ecosystem/people', body: personBody, response: personCreatedView }),
  person: endpoint({ method: 'GET', url: '/api/ecosystem/people/:id', params: idParams, response: personView }),
  personContact: endpoint({ method: 'GET', url: '/api/ecosystem/people/:id/contact', params: idParams, response: personContactView }),
  personExport: endpoint({ method: 'GET', url: '/api/ecosystem/people/:id/export', params: idParams, response: personalDataExportView }),
  personErase: endpoint({ method: 'DELETE', url: '/api/ecosystem/people/:id', params: idParams, response: ecosystemDoneView }),
  acquaintance: endpoint({ method: 'POST', url: '/api/ecosystem/acquaintances', body: acquaintanceBody, response: ecosystemDoneView }),
  assess: endpoint({ method: 'POST', url: '/api/ecosystem/assessments', body: assessmentBody, response: assessmentCreatedView }),
  relation: endpoint({ method: 'GET', url: '/api/ecosystem/relations/:a/:b', params: pairParams, response: relationView }),
  map: endpoint({ method: 'GET', url: '/api/ecosystem/map', query: mapQuery, response: ecosystemMapView }),
  dashboard: endpoint({ method: 'GET', url: '/api/ecosystem/dashboard', query: territoryQuery, response: ecosystemDashboardView }),
  mobilise: endpoint({ method: 'GET', url: '/api/ecosystem/mobilise', query: mobiliseQuery, response: mobiliseView }),
  importPreview: endpoint({
    method: 'POST',
    url: '/api/ecosystem/import/preview',
    body: importBody,
    status: 200,
    response: importPreviewView,
  }),
  importConfirm: endpoint({ method: 'POST', url: '/api/ecosystem/import/confirm', body: importBody, response: importConfirmedView }),
  export: endpoint({
    method: 'GET',
    url: '/api/ecosystem/export',
    query: exportQuery.extend({ what: z.enum(['organisations', 'people']).default('organisations') }),
    produces: 'text/csv',
  }),
};

export type EcosystemApi = EndpointMap<typeof ecosystemEndpoints>;
