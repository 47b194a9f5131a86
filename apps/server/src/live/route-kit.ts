import type { LiveEvent, Result, RoomState } from '@maillage/core';
import type { z } from 'zod';
import { Problem } from '../http/problem';
import type { ProblemCode } from '../http/problems';
import type { RefDecl, RefPath } from '../http/refs';
import { defineRoute, type RouteContext } from '../http/route';
import type { LiveRoomRuntime } from './hub';

/** What the live routes share: their parameters, the room's policy context, running a command. */

export const tags = ['animation en direct'];

const insideRoom = 'looked up in the room’s own state: an id of another room names nothing';

/**
 * What a room's route names: the room (authorised on its territory), and the ids looked up inside
 * it, read from the route's path (`:activityId`, `:participantId`), plus `more` (body fields).
 */
export function roomRefs(url: string, ...more: RefDecl[]): RefDecl[] {
  return [
    { at: 'params.roomId', kind: 'room' },
    ...(url.includes(':activityId') ? [{ at: 'params.activityId', checkedBy: insideRoom } as const] : []),
    ...(url.includes(':participantId') ? [{ at: 'params.participantId', checkedBy: insideRoom } as const] : []),
    ...more,
  ];
}

/** An id of the body looked up in the room's own state. */
export const insideRoomRef = (at: RefPath): RefDecl => ({ at, checkedBy: insideRoom });

export async function loadedRoom(ctx: RouteContext, roomId: string): Promise<LiveRoomRuntime> {
  const rt = await ctx.request.server.live.room(roomId);
  if (!rt) throw new Problem('live_room_not_found');
  return rt;
}

/** The core's live error codes that have an entry `live_<code>` in the problem tables. */
export type LiveErrorCode = ProblemCode extends infer C ? (C extends `live_${infer S}` ? S : never) : never;

/** The problem `live_<code>` of a live use case's failure (a code without an entry does not compile). */
export function liveProblem(code: LiveErrorCode): Problem {
  return new Problem(`live_${code}` as ProblemCode);
}

/** Runs a facilitator command on a loaded room; a failure becomes the problem `live_<code>`. */
export async function runCommand<E extends LiveErrorCode>(
  ctx: RouteContext,
  roomId: string,
  decide: (state: RoomState) => Result<LiveEvent[], E>,
): Promise<{ seq: number }> {
  const rt = await loadedRoom(ctx, roomId);
  const result = await ctx.request.server.live.command(rt, decide);
  if (!result.ok) throw liveProblem(result.error);
  return { seq: result.value };
}

/** A seed from the clock: two plans of the same room differ, a plan replays from its seed. */
export const seedOf = (ctx: RouteContext) => ctx.deps.now().getTime() % 2 ** 31;

/**
 * The solver's budget for a facilitator's command: a seed from the clock and a time box on the
 * process's monotonic clock (the solver reads none of its own).
 */
export const solverBudget = (ctx: RouteContext, timeLimitMs: number) => ({ seed: seedOf(ctx), timeLimitMs, now: () => performance.now() });

/**
 * A facilitator's command on a room: parsed, authorised on the room's territory, decided on the
 * room's state, stored; it answers the sequence number of what it stored. Its method, path and
 * schemas come from its endpoint in core (`liveEndpoints`).
 */
export function commandRoute<P extends { roomId: string }, B = undefined>(spec: {
  method: 'POST' | 'PUT' | 'DELETE';
  url: string;
  summary: string;
  params: z.ZodType<P>;
  body?: z.ZodType<B>;
  response: z.ZodType<{ seq: number }>;
  status: number;
  /** Ids of the body, looked up inside the room (the room and path ids are declared already). */
  bodyRefs?: readonly RefDecl[];
  decide: (input: { params: P; body: B }, ctx: RouteContext) => (state: RoomState) => Result<LiveEvent[], LiveErrorCode>;
}) {
  return defineRoute<B, undefined, P, { seq: number }>({
    method: spec.method,
    url: spec.url,
    summary: spec.summary,
    tags,
    action: 'live.room.facilitate',
    params: spec.params,
    ...(spec.body ? { body: spec.body } : {}),
    response: spec.response,
    status: spec.status,
    refs: roomRefs(spec.url, ...(spec.bodyRefs ?? [])),
    handler: ({ params, body }, ctx) => runCommand(ctx, params.roomId, spec.decide({ params, body }, ctx)),
  });
}
