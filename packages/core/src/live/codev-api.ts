import { z } from 'zod';
import { type EndpointMap, endpoint } from '../shared/endpoint';
import { CODEV_MAX_STEPS, codevPresets, codevStepKinds, codevSubjectTypes } from './codev';

/** The routes of co-development sessions: method, path, what they take and what they answer. */

const uuid = z.uuid('identifiant invalide');
const roomParams = z.object({ roomId: uuid });
const activityParams = z.object({ roomId: uuid, activityId: uuid });
const seqResponse = z.object({ seq: z.number() });

export const codevStepSchema = z.object({
  kind: z.enum(codevStepKinds),
  label: z.string(),
  minutes: z.number(),
});

/** A finished session's record, as read by the collective's members (never a participant id). */
export const codevRecordView = z.object({
  id: z.string(),
  roomId: z.string().nullable(),
  activityId: z.string(),
  territoryId: z.string(),
  collectiveId: z.string().nullable(),
  subjectType: z.enum(codevSubjectTypes),
  subject: z.string(),
  contract: z.string(),
  proposals: z.array(z.object({ text: z.string(), name: z.string().nullable() })),
  actionPlan: z.string(),
  followUp: z.string().nullable(),
  learnings: z.array(z.string()),
  steps: z.array(codevStepSchema),
  heldAt: z.string(),
});
export type CodevRecordView = z.output<typeof codevRecordView>;

/** Adding a session to a room: the subject type, a preset or custom steps, the porteur, the collective. */
export const newCodevBody = z.object({
  prompt: z.string().trim().max(300, 'au plus 300 caractères').optional(),
  subjectType: z.enum(codevSubjectTypes),
  preset: z.enum(codevPresets).optional(),
  steps: z
    .array(
      z.object({
        label: z.string().trim().min(1, 'étape sans nom').max(80, 'au plus 80 caractères'),
        minutes: z.number().int().min(1, 'au moins 1 minute').max(120, 'au plus 120 minutes'),
        kind: z.enum(codevStepKinds).optional(),
      }),
    )
    .max(CODEV_MAX_STEPS, `au plus ${CODEV_MAX_STEPS} étapes`)
    .optional(),
  porteurId: uuid.nullable().optional(),
  collectiveId: uuid.nullable().optional(),
});

export const codevEndpoints = {
  add: endpoint({
    method: 'POST',
    url: '/api/live/rooms/:roomId/codev',
    params: roomParams,
    body: newCodevBody,
    response: z.object({ id: z.string(), seq: z.number() }),
  }),
  porteur: endpoint({
    method: 'PUT',
    url: '/api/live/rooms/:roomId/activities/:activityId/codev/porteur',
    params: activityParams,
    body: z.object({ participantId: uuid }),
    response: seqResponse,
    status: 200,
  }),
  step: endpoint({
    method: 'POST',
    url: '/api/live/rooms/:roomId/activities/:activityId/codev/step',
    params: activityParams,
    body: z.object({
      step: z
        .number()
        .int()
        .min(0)
        .max(CODEV_MAX_STEPS - 1),
    }),
    response: seqResponse,
    status: 200,
  }),
  timer: endpoint({
    method: 'POST',
    url: '/api/live/rooms/:roomId/activities/:activityId/codev/timer',
    params: activityParams,
    body: z.object({ running: z.boolean() }),
    response: seqResponse,
    status: 200,
  }),
  close: endpoint({
    method: 'POST',
    url: '/api/live/rooms/:roomId/activities/:activityId/codev/close',
    params: activityParams,
    response: z.object({ seq: z.number(), recordId: z.string() }),
    status: 200,
  }),
  paper: endpoint({
    method: 'GET',
    url: '/api/live/rooms/:roomId/activities/:activityId/codev/paper.pdf',
    params: activityParams,
    produces: 'application/pdf',
  }),
  ofCollective: endpoint({
    method: 'GET',
    url: '/api/collectives/:id/codev',
    params: z.object({ id: uuid }),
    response: z.array(codevRecordView),
  }),
  record: endpoint({
    method: 'GET',
    url: '/api/codev/:recordId',
    params: z.object({ recordId: uuid }),
    response: codevRecordView,
  }),
};

export type CodevApi = EndpointMap<typeof codevEndpoints>;
