import { z } from 'zod';
import { type EndpointMap, endpoint } from '../shared/endpoint';
import { joinBody, joinCodeSchema } from './join';
import { KEYWORD_MAX_LENGTH, MAX_WORDS_PER_PERSON } from './keyword';
import { activityKinds, COLLECTIVE_NAME_MAX_LENGTH, IDEA_MAX_LENGTH, pollKinds, proposalDecisions, SYNTHESIS_MAX_LENGTH } from './protocol';
import { registeredJoinBody } from './roster';
import { consoleRoomSchema } from './views';

const uuid = z.uuid('identifiant invalide');
const roomParams = z.object({ roomId: uuid });
const activityParams = z.object({ roomId: uuid, activityId: uuid });
/** What a facilitator's command answers: the sequence number of what it stored. */
const seqResponse = z.object({ seq: z.number() });

const roomSummary = z.object({ id: z.string(), code: z.string(), title: z.string(), territoryId: z.string(), joinPath: z.string() });

const codeParams = z.object({ code: joinCodeSchema });

/** A new activity of a room: its kind, prompt, and what its kind needs (poll answers, café tables, idea themes…). */
export const newActivityBody = z.object({
  kind: z.enum(activityKinds),
  prompt: z.string().trim().min(1, 'obligatoire').max(300, 'au plus 300 caractères'),
  mode: z.enum(['person', 'group']).optional(),
  /** keyword: words asked of each person (or group), 1 to 3. */
  wordsPerPerson: z
    .number()
    .int()
    .min(1, 'au moins 1 mot')
    .max(MAX_WORDS_PER_PERSON, `au plus ${MAX_WORDS_PER_PERSON} mots par personne`)
    .optional(),
  pollKind: z.enum(pollKinds).optional(),
  options: z.array(z.string().trim().min(1, 'réponse vide').max(120)).max(20, 'au plus 20 réponses').optional(),
  tables: z
    .array(z.object({ theme: z.string().trim().min(1, 'thème vide').max(120), place: z.string().trim().max(80).optional() }))
    .max(40, 'au plus 40 tables')
    .optional(),
  rounds: z.number().int().min(1, 'au moins 1 tour').max(8, 'au plus 8 tours').optional(),
  minutes: z.number().int().min(3, 'au moins 3 minutes').max(90, 'au plus 90 minutes').optional(),
});

/** A room as the list of a territory's or a session's rooms shows it. */
export const listedRoomView = z.object({
  id: z.string(),
  code: z.string(),
  title: z.string(),
  territoryId: z.string(),
  eventSessionId: z.string().nullable(),
  createdAt: z.string(),
  closedAt: z.string().nullable(),
  participants: z.number(),
  joinPath: z.string(),
  consolePath: z.string(),
});

export type ListedRoomView = z.output<typeof listedRoomView>;

/** Someone in a room, for the facilitator (presence, group, registered or not). */
export const roomParticipantView = z.object({
  id: z.string(),
  name: z.string(),
  organisationKind: z.string().nullable(),
  territory: z.string().nullable(),
  present: z.boolean(),
  group: z.number().nullable(),
  registered: z.boolean(),
});
export type RoomParticipantView = z.output<typeof roomParticipantView>;
/** The facilitator console's view of a room (`GET /api/live/rooms/:roomId`). */
export type ConsoleRoomView = z.output<typeof consoleRoomSchema>;

/** The paper fallback of a room (PDF), for one activity or all of them. */
const paperEndpoint = <const W extends 'slips' | 'tables' | 'sheets'>(what: W) =>
  endpoint({
    method: 'GET',
    url: `/api/live/rooms/:roomId/paper/${what}.pdf`,
    params: roomParams,
    query: z.object({ activityId: z.uuid('activité invalide').optional() }),
    produces: 'application/pdf',
  });

/** The routes of live rooms (facilitators' commands, joining, paper fallback): method, path, what they take and answer. */
export const liveEndpoints = {
  createRoom: endpoint({
    method: 'POST',
    url: '/api/live/rooms',
    body: z.object({
      title: z.string().trim().min(1, 'obligatoire').max(120, 'au plus 120 caractères'),
      territoryId: uuid,
      eventSessionId: uuid.nullable().optional(),
    }),
    response: roomSummary,
  }),
  getRoom: endpoint({ method: 'GET', url: '/api/live/rooms/:roomId', params: roomParams, response: consoleRoomSchema }),
  startActivity: endpoint({
    method: 'POST',
    url: '/api/live/rooms/:roomId/activities/:activityId/start',
    params: activityParams,
    response: seqResponse,
    status: 200,
  }),
  closeActivity: endpoint({
    method: 'POST',
    url: '/api/live/rooms/:roomId/activities/:activityId/close',
    params: activityParams,
    response: seqResponse,
    status: 200,
  }),
  formGroups: endpoint({
    method: 'POST',
    url: '/api/live/rooms/:roomId/activities/:activityId/groups',
    params: activityParams,
    body: z.object({
      size: z.number().int().min(2, 'au moins 2').max(12, 'au plus 12'),
      places: z.array(z.string().trim().max(80)).max(200).optional(),
    }),
    response: seqResponse,
    status: 200,
  }),
  startTimer: endpoint({
    method: 'POST',
    url: '/api/live/rooms/:roomId/timer',
    params: roomParams,
    body: z.object({
      seconds: z
        .number()
        .int()
        .min(5, 'au moins 5 secondes')
        .max(4 * 3600, 'au plus 4 heures'),
      warnSeconds: z.number().int().min(0).max(3600).default(60),
    }),
    response: seqResponse,
    status: 200,
  }),
  stopTimer: endpoint({ method: 'DELETE', url: '/api/live/rooms/:roomId/timer', params: roomParams, response: seqResponse, status: 200 }),
  mergeWords: endpoint({
    method: 'POST',
    url: '/api/live/rooms/:roomId/activities/:activityId/merge',
    params: activityParams,
    body: z.object({ from: z.string().trim().min(1, 'obligatoire').max(80), into: z.string().trim().min(1, 'obligatoire').max(80) }),
    response: seqResponse,
    status: 200,
  }),
  hideWord: endpoint({
    method: 'POST',
    url: '/api/live/rooms/:roomId/activities/:activityId/hide',
    params: activityParams,
    body: z.object({ word: z.string().trim().min(1, 'obligatoire').max(80), hidden: z.boolean() }),
    response: seqResponse,
    status: 200,
  }),
  exportKeywords: endpoint({
    method: 'GET',
    url: '/api/live/rooms/:roomId/activities/:activityId/keywords.csv',
    params: activityParams,
    produces: 'text/csv',
  }),
  join: endpoint({
    method: 'POST',
    url: '/api/live/join/:code',
    params: codeParams,
    body: joinBody,
    response: z.object({ roomId: z.string(), code: z.string(), title: z.string(), participantId: z.string(), token: z.string() }),
  }),
  /** Before the join form: does this code name a room, and is it still open? (404 `live_room_not_found` otherwise.) */
  checkCode: endpoint({
    method: 'GET',
    url: '/api/live/join/:code',
    params: codeParams,
    response: z.object({ code: z.string(), title: z.string(), closed: z.boolean() }),
  }),
  qr: endpoint({ method: 'GET', url: '/api/live/join/:code/qr.svg', params: codeParams, produces: 'image/svg+xml' }),
  addActivity: endpoint({
    method: 'POST',
    url: '/api/live/rooms/:roomId/activities',
    params: roomParams,
    body: newActivityBody,
    response: z.object({ id: z.string(), seq: z.number() }),
  }),
  setHosts: endpoint({
    method: 'PUT',
    url: '/api/live/rooms/:roomId/activities/:activityId/hosts',
    params: activityParams,
    body: z.object({ hosts: z.array(z.object({ table: z.string().min(1).max(10), participantId: uuid.nullable() })).max(40) }),
    response: seqResponse,
    status: 200,
  }),
  planCafe: endpoint({
    method: 'POST',
    url: '/api/live/rooms/:roomId/activities/:activityId/plan',
    params: activityParams,
    response: seqResponse,
    status: 200,
  }),
  startRound: endpoint({
    method: 'POST',
    url: '/api/live/rooms/:roomId/activities/:activityId/rounds/:round/start',
    params: activityParams.extend({ round: z.coerce.number().int().min(0).max(7) }),
    response: seqResponse,
    status: 200,
  }),
  typedSynthesis: endpoint({
    method: 'POST',
    url: '/api/live/rooms/:roomId/activities/:activityId/syntheses',
    params: activityParams,
    body: z.object({
      table: z.string().min(1).max(10),
      round: z.number().int().min(0).max(7),
      text: z.string().trim().min(1, 'obligatoire').max(SYNTHESIS_MAX_LENGTH, `au plus ${SYNTHESIS_MAX_LENGTH} caractères`),
    }),
    response: seqResponse,
    status: 200,
  }),
  presence: endpoint({
    method: 'PUT',
    url: '/api/live/rooms/:roomId/participants/:participantId/presence',
    params: roomParams.extend({ participantId: uuid }),
    body: z.object({ present: z.boolean() }),
    response: seqResponse,
    status: 200,
  }),
  groupIdeas: endpoint({
    method: 'POST',
    url: '/api/live/rooms/:roomId/activities/:activityId/ideas/groups',
    params: activityParams,
    body: z.object({
      ideas: z.array(z.number().int().min(1)).min(1, 'aucune idée choisie').max(200),
      label: z.string().trim().min(1, 'obligatoire').max(120, 'au plus 120 caractères'),
    }),
    response: seqResponse,
    status: 200,
  }),
  ungroupIdeas: endpoint({
    method: 'DELETE',
    url: '/api/live/rooms/:roomId/activities/:activityId/ideas/groups/:group',
    params: activityParams.extend({ group: z.coerce.number().int().min(1) }),
    response: seqResponse,
    status: 200,
  }),
  hideIdea: endpoint({
    method: 'POST',
    url: '/api/live/rooms/:roomId/activities/:activityId/ideas/:idea/hide',
    params: activityParams.extend({ idea: z.coerce.number().int().min(1) }),
    body: z.object({ hidden: z.boolean() }),
    response: seqResponse,
    status: 200,
  }),
  /** Pathway workshop: accept a proposal (after the console added it to the pathway), merge it into a change, or discard it. */
  decideProposal: endpoint({
    method: 'POST',
    url: '/api/live/rooms/:roomId/activities/:activityId/proposals/:idea/decision',
    params: activityParams.extend({ idea: z.coerce.number().int().min(1) }),
    body: z.object({
      decision: z.enum(proposalDecisions, 'décision inconnue (accepted, merged ou discarded)'),
      /** The text of the change it became or was merged into. */
      into: z.string().trim().max(400, 'au plus 400 caractères').default(''),
    }),
    response: seqResponse,
    status: 200,
  }),
  typedIdeas: endpoint({
    method: 'POST',
    url: '/api/live/rooms/:roomId/activities/:activityId/ideas/typed',
    params: activityParams,
    body: z.object({
      ideas: z
        .array(
          z.object({
            theme: z.number().int().min(0).max(49),
            text: z.string().trim().min(2, 'idée trop courte').max(IDEA_MAX_LENGTH, `au plus ${IDEA_MAX_LENGTH} caractères`),
          }),
        )
        .min(1, 'aucune idée')
        .max(500),
    }),
    response: seqResponse,
    status: 200,
  }),
  typedKeywords: endpoint({
    method: 'POST',
    url: '/api/live/rooms/:roomId/activities/:activityId/keywords/typed',
    params: activityParams,
    body: z.object({
      keywords: z
        .array(
          z.object({
            group: z.number().int().min(1).max(999).nullable(),
            text: z.string().trim().min(1, 'mot vide').max(KEYWORD_MAX_LENGTH, `au plus ${KEYWORD_MAX_LENGTH} caractères`),
          }),
        )
        .min(1, 'aucun mot')
        .max(1000),
    }),
    response: seqResponse,
    status: 200,
  }),
  proposeCollectives: endpoint({
    method: 'POST',
    url: '/api/live/rooms/:roomId/activities/:activityId/collectives/propose',
    params: activityParams,
    response: seqResponse,
    status: 200,
  }),
  renameCollective: endpoint({
    method: 'PUT',
    url: '/api/live/rooms/:roomId/activities/:activityId/collectives/:number/name',
    params: activityParams.extend({
      number: z.coerce.number().int().min(1, 'numéro de collectif invalide').max(999, 'numéro de collectif invalide'),
    }),
    body: z.object({
      name: z
        .string()
        .trim()
        .min(1, 'le nom du collectif est vide')
        .max(COLLECTIVE_NAME_MAX_LENGTH, `le nom du collectif : au plus ${COLLECTIVE_NAME_MAX_LENGTH} caractères`),
    }),
    response: seqResponse,
    status: 200,
  }),
  createFromRoom: endpoint({
    method: 'POST',
    url: '/api/live/rooms/:roomId/activities/:activityId/collectives/create',
    params: activityParams,
    response: z.object({ seq: z.number(), collectives: z.array(z.object({ number: z.number(), id: z.string() })) }),
    status: 200,
  }),
  participants: endpoint({
    method: 'GET',
    url: '/api/live/rooms/:roomId/participants',
    params: roomParams,
    response: z.array(roomParticipantView),
  }),
  closeRoom: endpoint({
    method: 'POST',
    url: '/api/live/rooms/:roomId/close',
    params: roomParams,
    response: z.object({ seq: z.number(), acquaintances: z.number() }),
    status: 200,
  }),
  exportRoom: endpoint({ method: 'GET', url: '/api/live/rooms/:roomId/export.json', params: roomParams, produces: 'application/json' }),
  listRooms: endpoint({
    method: 'GET',
    url: '/api/live/rooms',
    query: z
      .object({ territoryId: uuid.optional(), eventSessionId: uuid.optional() })
      .refine((q) => Boolean(q.territoryId) || Boolean(q.eventSessionId), {
        message: 'indiquez territoryId ou eventSessionId',
        path: ['territoryId'],
      }),
    response: z.array(listedRoomView),
  }),
  joinRegistered: endpoint({
    method: 'POST',
    url: '/api/live/join/:code/registered',
    params: z.object({ code: z.string().trim().min(1, 'obligatoire').max(20) }),
    body: registeredJoinBody,
    response: z.object({
      roomId: z.string(),
      code: z.string(),
      title: z.string(),
      participantId: z.string(),
      name: z.string(),
      token: z.string(),
    }),
  }),
  addCheckedIn: endpoint({
    method: 'POST',
    url: '/api/live/rooms/:roomId/roster/checked-in',
    params: roomParams,
    response: z.object({ added: z.number(), alreadyThere: z.number() }),
    status: 200,
  }),
  paperSlips: paperEndpoint('slips'),
  paperTables: paperEndpoint('tables'),
  paperSheets: paperEndpoint('sheets'),
};

export type LiveApi = EndpointMap<typeof liveEndpoints>;
