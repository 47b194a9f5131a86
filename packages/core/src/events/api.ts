import { z } from 'zod';
import { type EndpointMap, endpoint } from '../shared/endpoint';
import {
  checkInBody,
  createEventBody,
  ecosystemCreationBody,
  eventStatusBody,
  organisationSearchQuery,
  programmeBody,
  registrationBody,
  registrationPatch,
  registrationsQuery,
  takeawaysBody,
  updateEventBody,
  walkInBody,
} from './schemas';
import {
  attendanceView,
  checkInView,
  ecosystemCreationView,
  ecosystemLinkView,
  eventDetailView,
  eventListItemView,
  eventView,
  myRegistrationView,
  organisationChoicesView,
  programmeCheckView,
  programmeTemplateView,
  registrationCancelledView,
  registrationChangedView,
  registrationCreatedView,
  registrationListView,
  registrationView,
  savedProgrammeView,
} from './views';

const idParams = z.object({ id: z.string().min(1).max(120) });

const tokenParams = z.object({ token: z.string().min(20, 'lien invalide').max(100, 'lien invalide') });

/** A printable of a day (PDF), for one session or the whole day. */
const pdfQuery = z.object({ sessionId: z.uuid('séquence invalide').optional() });
const pdfEndpoint = <const W extends string>(what: W) =>
  endpoint({ method: 'GET', url: `/api/events/:id/${what}.pdf`, params: idParams, query: pdfQuery, produces: 'application/pdf' });

/** The routes of cooperation days (days, programme, registrations, check-in, printables): method, path, what they take and answer. */
export const eventsEndpoints = {
  listTemplates: endpoint({ method: 'GET', url: '/api/event-templates', response: z.array(programmeTemplateView) }),
  listEvents: endpoint({
    method: 'GET',
    url: '/api/events',
    query: z.object({ territoryId: z.uuid('territoire invalide').optional() }),
    response: z.array(eventListItemView),
  }),
  postEvent: endpoint({ method: 'POST', url: '/api/events', body: createEventBody, response: eventView }),
  getEvent: endpoint({ method: 'GET', url: '/api/events/:id', params: idParams, response: eventDetailView }),
  patchEvent: endpoint({ method: 'PATCH', url: '/api/events/:id', params: idParams, body: updateEventBody, response: eventView }),
  putProgramme: endpoint({
    method: 'PUT',
    url: '/api/events/:id/programme',
    params: idParams,
    body: programmeBody,
    response: savedProgrammeView,
  }),
  checkProgramme: endpoint({
    method: 'POST',
    url: '/api/events/:id/programme/check',
    params: idParams,
    body: programmeBody,
    status: 200,
    response: programmeCheckView,
  }),
  postStatus: endpoint({
    method: 'POST',
    url: '/api/events/:id/status',
    params: idParams,
    body: eventStatusBody,
    status: 200,
    response: eventView,
  }),
  putTakeaways: endpoint({ method: 'PUT', url: '/api/events/:id/takeaways', params: idParams, body: takeawaysBody, response: eventView }),
  linkEcosystem: endpoint({
    method: 'POST',
    url: '/api/events/:id/registrations/link-ecosystem',
    params: idParams,
    status: 200,
    response: ecosystemLinkView,
  }),
  listRegistrations: endpoint({
    method: 'GET',
    url: '/api/events/:id/registrations',
    params: idParams,
    query: registrationsQuery,
    response: registrationListView,
  }),
  moveRegistration: endpoint({
    method: 'POST',
    url: '/api/events/:id/registrations/:registrationId/move',
    params: z.object({ id: z.string().min(1).max(120), registrationId: z.uuid('inscription invalide') }),
    body: z.strictObject({
      fromSessionId: z.uuid('atelier de départ invalide'),
      toSessionId: z.uuid('atelier d’arrivée invalide'),
    }),
    status: 200,
    response: registrationView,
  }),
  exportRegistrations: endpoint({
    method: 'GET',
    url: '/api/events/:id/registrations.csv',
    params: idParams,
    query: registrationsQuery,
    produces: 'text/csv',
  }),
  postRegistration: endpoint({
    method: 'POST',
    url: '/api/events/:id/registrations',
    params: idParams,
    body: registrationBody,
    response: registrationCreatedView,
  }),
  getMyRegistration: endpoint({ method: 'GET', url: '/api/registrations/:token', params: tokenParams, response: myRegistrationView }),
  patchMyRegistration: endpoint({
    method: 'PATCH',
    url: '/api/registrations/:token',
    params: tokenParams,
    body: registrationPatch,
    response: registrationChangedView,
  }),
  deleteMyRegistration: endpoint({
    method: 'DELETE',
    url: '/api/registrations/:token',
    params: tokenParams,
    response: registrationCancelledView,
  }),
  getMyCalendar: endpoint({ method: 'GET', url: '/api/registrations/:token/calendar.ics', params: tokenParams, produces: 'text/calendar' }),
  postCheckIn: endpoint({
    method: 'POST',
    url: '/api/events/:id/check-ins',
    params: idParams,
    body: checkInBody,
    status: 200,
    response: checkInView,
  }),
  postWalkIn: endpoint({ method: 'POST', url: '/api/events/:id/walk-ins', params: idParams, body: walkInBody, response: checkInView }),
  getAttendance: endpoint({ method: 'GET', url: '/api/events/:id/attendance', params: idParams, response: attendanceView }),
  searchOrganisations: endpoint({
    method: 'GET',
    url: '/api/events/:id/organisations',
    params: idParams,
    query: organisationSearchQuery,
    response: organisationChoicesView,
  }),
  createInEcosystem: endpoint({
    method: 'POST',
    url: '/api/events/:id/registrations/ecosystem',
    params: idParams,
    body: ecosystemCreationBody,
    status: 200,
    response: ecosystemCreationView,
  }),
  streamAttendance: endpoint({
    method: 'GET',
    url: '/api/events/:id/attendance/stream',
    params: idParams,
    query: z.object({ once: z.enum(['true', 'false']).default('false') }),
    produces: 'text/event-stream',
  }),
  programmePdf: pdfEndpoint('programme'),
  badgesPdf: pdfEndpoint('badges'),
  roomSignsPdf: pdfEndpoint('salles'),
  attendanceSheetPdf: pdfEndpoint('emargement'),
};

export type EventsApi = EndpointMap<typeof eventsEndpoints>;
