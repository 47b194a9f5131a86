import type { LiveEvent, Result, RoomState } from '@maillage/core';
import { liveRepo } from '@maillage/db';
import { z } from 'zod';
import type { AppDeps } from '../deps';
import { Problem } from '../http/problem';
import { defineRoute, type RouteContext } from '../http/route';
import type { LiveRoomRuntime } from './hub';

/** What the live routes share: their parameters, the room's policy context, running a command. */

export const uuid = z.uuid('identifiant invalide');
export const roomParams = z.object({ roomId: uuid });
export const activityParams = z.object({ roomId: uuid, activityId: uuid });
export const seqResponse = z.object({ seq: z.number() });
export const tags = ['animation en direct'];

/** The policy context of a room: its territory. */
export async function roomContext({ params }: { params: { roomId: string } }, deps: AppDeps) {
  const room = await liveRepo(deps.store.db).findRoomById(params.roomId);
  return room ? { territoryId: room.territoryId } : {};
}

export async function loadedRoom(ctx: RouteContext, roomId: string): Promise<LiveRoomRuntime> {
  const rt = await ctx.request.server.live.room(roomId);
  if (!rt) throw new Problem('live_room_not_found');
  return rt;
}

/** Runs a facilitator command on a loaded room; a failure becomes the problem `live_<code>`. */
export async function runCommand<E extends string>(
  ctx: RouteContext,
  roomId: string,
  decide: (state: RoomState) => Result<LiveEvent[], E>,
): Promise<{ seq: number }> {
  const rt = await loadedRoom(ctx, roomId);
  const result = await ctx.request.server.live.command(rt, decide);
  if (!result.ok) throw new Problem(`live_${result.error}`);
  return { seq: result.value };
}

/** A seed from the clock: two plans of the same room differ, a plan replays from its seed. */
export const seedOf = (ctx: RouteContext) => ctx.deps.now().getTime() % 2 ** 31;

/**
 * A facilitator's command on a room: parsed, authorised on the room's territory, decided on the
 * room's state, stored; it answers the sequence number of what it stored.
 */
export function commandRoute<P extends { roomId: string }, B = undefined>(spec: {
  method: 'POST' | 'PUT' | 'DELETE';
  url: string;
  summary: string;
  params: z.ZodType<P>;
  body?: z.ZodType<B>;
  decide: (input: { params: P; body: B }, ctx: RouteContext) => (state: RoomState) => Result<LiveEvent[], string>;
}) {
  return defineRoute<B, undefined, P, { seq: number }>({
    method: spec.method,
    url: spec.url,
    summary: spec.summary,
    tags,
    action: 'live.room.facilitate',
    params: spec.params,
    ...(spec.body ? { body: spec.body } : {}),
    response: seqResponse,
    status: 200,
    context: roomContext,
    handler: ({ params, body }, ctx) => runCommand(ctx, params.roomId, spec.decide({ params, body }, ctx)),
  });
}
