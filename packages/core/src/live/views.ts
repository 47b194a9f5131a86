import { z } from 'zod';
import { MOTIVATIONS } from '../collectives/index';
import { PROFILES } from '../evaluation/index';
import { codevStepKinds, codevSubjectTypes } from './codev';
import { type ActivityResults, activityKinds, pollKinds, proposalDecisions, type RoomView } from './protocol';

/**
 * Schemas of what the facilitator's console reads about a room (`GET /api/live/rooms/:roomId`):
 * the same shapes as the protocol's views, as JSON. The assignments at the end make the compiler
 * refuse a protocol view that a schema would not accept.
 */

/** A list as the views hold it (read-only arrays accept the protocol's readonly lists). */
const list = <T extends z.ZodType>(item: T) => z.array(item).readonly();

/** Co-development: the steps, the current one, the porteur (see `CodevActivityView`). */
export const codevActivityViewSchema = z.object({
  subjectType: z.enum(codevSubjectTypes),
  steps: list(z.object({ kind: z.enum(codevStepKinds), label: z.string(), minutes: z.number() })),
  step: z.number(),
  porteurId: z.string().nullable(),
  porteur: z.string().nullable(),
  pausedMs: z.number().nullable(),
  collectiveId: z.string().nullable(),
});

const cafeTable = z.object({ id: z.string(), number: z.number(), theme: z.string(), place: z.string() });

export const activityViewSchema = z.object({
  id: z.string(),
  kind: z.enum(activityKinds),
  prompt: z.string(),
  open: z.boolean(),
  mode: z.enum(['person', 'group']).optional(),
  wordsPerPerson: z.number().optional(),
  pollKind: z.enum(pollKinds).optional(),
  options: list(z.string()).optional(),
  tables: list(cafeTable).optional(),
  rounds: z.number().optional(),
  minutes: z.number().optional(),
  round: z.number().optional(),
  codev: codevActivityViewSchema.optional(),
});

export const roomViewSchema = z.object({
  code: z.string(),
  title: z.string(),
  closed: z.boolean().optional(),
  participants: z.number(),
  activity: activityViewSchema.nullable(),
  timer: z.object({ startedAt: z.number(), endsAt: z.number(), warnBeforeMs: z.number() }).nullable(),
});

export const activityResultsSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('cloud'),
    total: z.number(),
    words: list(z.object({ key: z.string(), label: z.string(), count: z.number(), hidden: z.boolean().optional() })),
  }),
  z.object({ kind: z.literal('tally'), voters: z.number(), counts: list(z.number()) }),
  z.object({ kind: z.literal('groups'), groups: z.number(), seated: z.number() }),
  z.object({
    kind: z.literal('worldcafe'),
    round: z.number(),
    rounds: z.number(),
    planned: z.boolean(),
    tables: list(
      z.object({
        id: z.string(),
        host: z.string().nullable(),
        seated: z.number(),
        syntheses: list(z.object({ round: z.number(), text: z.string() })),
      }),
    ),
  }),
  z.object({
    kind: z.literal('ideas'),
    themes: list(z.string()),
    total: z.number(),
    ideas: list(
      z.object({
        id: z.number(),
        theme: z.number(),
        text: z.string(),
        votes: z.number(),
        group: z.number().nullable(),
        hidden: z.boolean().optional(),
        decision: z.object({ decision: z.enum(proposalDecisions), into: z.string() }).optional(),
      }),
    ),
    groups: list(z.object({ id: z.number(), label: z.string(), votes: z.number() })),
  }),
  z.object({
    kind: z.literal('collectives'),
    declared: z.number(),
    created: z.boolean(),
    collectives: list(
      z.object({
        number: z.number(),
        name: z.string(),
        themes: list(z.string()),
        members: list(z.object({ id: z.string(), name: z.string(), accepted: z.boolean(), urgency: z.string().nullable() })),
        collectiveId: z.string().nullable(),
      }),
    ),
  }),
  z.object({
    kind: z.literal('codev'),
    step: z.number(),
    subject: z.string().nullable(),
    contract: z.string().nullable(),
    proposals: list(z.object({ id: z.number(), text: z.string(), name: z.string().nullable() })),
    actionPlan: z.string().nullable(),
    followUp: z.string().nullable(),
    learnings: list(z.string()),
  }),
  z.object({
    kind: z.literal('quiz'),
    people: z.number(),
    profiles: z.record(z.enum(PROFILES), z.number()),
    firstMotivation: z.record(z.enum(MOTIVATIONS), z.number()),
    motivations: list(z.enum(MOTIVATIONS)),
  }),
]);

/** The console's view of a room: its log position, what everyone sees, each activity, all results. */
export const consoleRoomSchema = z.object({
  id: z.string(),
  code: z.string(),
  seq: z.number(),
  room: roomViewSchema,
  activities: list(
    z.object({
      id: z.string(),
      kind: activityViewSchema.shape.kind,
      prompt: z.string(),
      open: z.boolean(),
      mode: z.enum(['person', 'group']).optional(),
      wordsPerPerson: z.number().optional(),
      pollKind: z.enum(pollKinds).nullable(),
      options: list(z.string()).optional(),
      groups: z.number().nullable(),
      cafe: z
        .object({
          tables: list(z.object({ id: z.string(), theme: z.string(), place: z.string() })),
          rounds: z.number(),
          minutes: z.number(),
          round: z.number(),
          hosts: z.record(z.string(), z.string()),
          plan: list(list(z.object({ table: z.string(), members: list(z.string()) }))).nullable(),
        })
        .optional(),
      codev: codevActivityViewSchema.optional(),
    }),
  ),
  results: z.record(z.string(), activityResultsSchema),
});

// The protocol's views must be accepted by their schemas (checked by the compiler).
const _room: z.input<typeof roomViewSchema> = {} as RoomView;
const _results: z.input<typeof activityResultsSchema> = {} as ActivityResults;
void _room;
void _results;
