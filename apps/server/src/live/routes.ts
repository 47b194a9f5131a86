import { randomBytes } from 'node:crypto';
import {
  cloudOf,
  decideCloseActivity,
  decideFormGroups,
  decideHideWord,
  decideMergeWords,
  decideStartActivity,
  decideStartTimer,
  joinBody,
  joinCodeSchema,
  joinRoom,
  openRoom,
  resultsView,
  roomView,
  writeCsv,
} from '@maillage/core';
import { liveRepo } from '@maillage/db';
import QRCode from 'qrcode';
import { z } from 'zod';
import type { AppDeps } from '../deps';
import { Problem } from '../http/problem';
import { defineRoute, type RouteContext } from '../http/route';
import { acquaintedInRoom, activityRoutes } from './activity-routes';
import type { LiveRoomRuntime } from './hub';
import { paperRoutes } from './paper-routes';
import { assertRoomSession, rosterRoutes } from './roster-routes';
import { hashParticipantToken } from './socket';

const uuid = z.uuid('identifiant invalide');
const roomParams = z.object({ roomId: uuid });
const activityParams = z.object({ roomId: uuid, activityId: uuid });
const codeParams = z.object({ code: joinCodeSchema });

/** The policy context of a room: its territory. */
async function roomContext({ params }: { params: { roomId: string } }, deps: AppDeps) {
  const room = await liveRepo(deps.store.db).findRoomById(params.roomId);
  return room ? { territoryId: room.territoryId } : {};
}

async function loaded(ctx: RouteContext, roomId: string): Promise<LiveRoomRuntime> {
  const rt = await ctx.request.server.live.room(roomId);
  if (!rt) throw new Problem('live_room_not_found');
  return rt;
}

/** Turns a use case's failure into the API's problem (`live_<code>`). */
function orProblem<T>(result: { ok: true; value: T } | { ok: false; error: string }): T {
  if (!result.ok) throw new Problem(`live_${result.error}`);
  return result.value;
}

const roomSummary = z.object({ id: z.string(), code: z.string(), title: z.string(), territoryId: z.string(), joinPath: z.string() });

const createRoom = defineRoute({
  method: 'POST',
  url: '/api/live/rooms',
  summary: 'Ouvrir une salle d’animation en direct',
  tags: ['animation en direct'],
  action: 'live.room.create',
  body: z.object({
    title: z.string().trim().min(1, 'obligatoire').max(120, 'au plus 120 caractères'),
    territoryId: uuid,
    eventSessionId: uuid.nullable().optional(),
  }),
  response: roomSummary,
  context: ({ body }) => ({ territoryId: body.territoryId }),
  async handler({ body }, { deps, actor }) {
    await assertRoomSession(deps, body);
    const room = orProblem(
      await openRoom(
        { repo: liveRepo(deps.store.db), randomBytes: (n) => new Uint8Array(randomBytes(n)) },
        {
          title: body.title,
          territoryId: body.territoryId,
          eventSessionId: body.eventSessionId ?? null,
          createdBy: actor.kind === 'user' ? actor.userId : null,
        },
      ),
    );
    return { id: room.id, code: room.code, title: room.title, territoryId: room.territoryId, joinPath: `/j/${room.code}` };
  },
});

const getRoom = defineRoute({
  method: 'GET',
  url: '/api/live/rooms/:roomId',
  summary: 'Une salle, pour la console d’animation : activités, minuteur, résultats (mots masqués compris)',
  tags: ['animation en direct'],
  action: 'live.room.facilitate',
  params: roomParams,
  context: roomContext,
  async handler({ params }, ctx) {
    const rt = await loaded(ctx, params.roomId);
    await rt.chain;
    return {
      id: rt.record.id,
      code: rt.record.code,
      seq: rt.state.seq,
      room: roomView(rt.state),
      activities: [...rt.state.activities.values()].map((a) => ({
        id: a.id,
        kind: a.kind,
        prompt: a.prompt,
        open: a.open,
        mode: a.mode,
        pollKind: a.pollKind ?? null,
        options: a.options,
        groups: a.groups?.length ?? null,
        ...(a.cafe
          ? {
              cafe: {
                tables: a.cafe.tables,
                rounds: a.cafe.rounds,
                minutes: a.cafe.minutes,
                round: a.cafe.round,
                hosts: Object.fromEntries(a.cafe.hosts),
                plan:
                  a.cafe.plan?.map((round) =>
                    round.map((t) => ({ table: t.table, members: t.members.map((m) => rt.state.participants.get(m)?.name ?? '?') })),
                  ) ?? null,
              },
            }
          : {}),
      })),
      results: resultsView(rt.state, { includeHidden: true }),
    };
  },
});

const seqResponse = z.object({ seq: z.number() });

const startActivity = defineRoute({
  method: 'POST',
  url: '/api/live/rooms/:roomId/activities/:activityId/start',
  summary: 'Lancer une activité : elle devient l’activité en cours, ouverte aux réponses',
  tags: ['animation en direct'],
  action: 'live.room.facilitate',
  params: activityParams,
  response: seqResponse,
  status: 200,
  context: roomContext,
  async handler({ params }, ctx) {
    const rt = await loaded(ctx, params.roomId);
    return { seq: orProblem(await ctx.request.server.live.command(rt, (s) => decideStartActivity(s, params.activityId))) };
  },
});

const closeActivity = defineRoute({
  method: 'POST',
  url: '/api/live/rooms/:roomId/activities/:activityId/close',
  summary: 'Clore une activité : plus de réponses',
  tags: ['animation en direct'],
  action: 'live.room.facilitate',
  params: activityParams,
  response: seqResponse,
  status: 200,
  context: roomContext,
  async handler({ params }, ctx) {
    const rt = await loaded(ctx, params.roomId);
    return { seq: orProblem(await ctx.request.server.live.command(rt, (s) => decideCloseActivity(s, params.activityId))) };
  },
});

const formGroups = defineRoute({
  method: 'POST',
  url: '/api/live/rooms/:roomId/activities/:activityId/groups',
  summary: 'Mise en route : former des groupes de personnes qui ne se connaissent pas',
  tags: ['animation en direct'],
  action: 'live.room.facilitate',
  params: activityParams,
  body: z.object({
    size: z.number().int().min(2, 'au moins 2').max(12, 'au plus 12'),
    places: z.array(z.string().trim().max(80)).max(200).optional(),
  }),
  response: seqResponse,
  status: 200,
  context: roomContext,
  async handler({ params, body }, ctx) {
    const rt = await loaded(ctx, params.roomId);
    await rt.chain;
    const acquainted = await acquaintedInRoom(ctx, rt.state);
    const seed = ctx.deps.now().getTime() % 2 ** 31;
    return {
      seq: orProblem(
        await ctx.request.server.live.command(rt, (s) =>
          decideFormGroups(s, params.activityId, { ...body, acquainted }, { seed, timeLimitMs: 1500 }),
        ),
      ),
    };
  },
});

const startTimer = defineRoute({
  method: 'POST',
  url: '/api/live/rooms/:roomId/timer',
  summary: 'Lancer le minuteur',
  tags: ['animation en direct'],
  action: 'live.room.facilitate',
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
  context: roomContext,
  async handler({ params, body }, ctx) {
    const rt = await loaded(ctx, params.roomId);
    const now = ctx.deps.now().getTime();
    return {
      seq: orProblem(
        await ctx.request.server.live.command(rt, () => ({ ok: true, value: decideStartTimer(now, body.seconds, body.warnSeconds) })),
      ),
    };
  },
});

const stopTimer = defineRoute({
  method: 'DELETE',
  url: '/api/live/rooms/:roomId/timer',
  summary: 'Arrêter le minuteur',
  tags: ['animation en direct'],
  action: 'live.room.facilitate',
  params: roomParams,
  response: seqResponse,
  context: roomContext,
  async handler({ params }, ctx) {
    const rt = await loaded(ctx, params.roomId);
    return { seq: orProblem(await ctx.request.server.live.command(rt, () => ({ ok: true, value: [{ type: 'timer.stopped' as const }] }))) };
  },
});

const mergeWords = defineRoute({
  method: 'POST',
  url: '/api/live/rooms/:roomId/activities/:activityId/merge',
  summary: 'Nuage de mots : compter un mot comme un autre',
  tags: ['animation en direct'],
  action: 'live.room.facilitate',
  params: activityParams,
  body: z.object({ from: z.string().trim().min(1, 'obligatoire').max(80), into: z.string().trim().min(1, 'obligatoire').max(80) }),
  response: seqResponse,
  status: 200,
  context: roomContext,
  async handler({ params, body }, ctx) {
    const rt = await loaded(ctx, params.roomId);
    return {
      seq: orProblem(await ctx.request.server.live.command(rt, (s) => decideMergeWords(s, params.activityId, body.from, body.into))),
    };
  },
});

const hideWord = defineRoute({
  method: 'POST',
  url: '/api/live/rooms/:roomId/activities/:activityId/hide',
  summary: 'Nuage de mots : masquer (ou réafficher) un mot',
  tags: ['animation en direct'],
  action: 'live.room.facilitate',
  params: activityParams,
  body: z.object({ word: z.string().trim().min(1, 'obligatoire').max(80), hidden: z.boolean() }),
  response: seqResponse,
  status: 200,
  context: roomContext,
  async handler({ params, body }, ctx) {
    const rt = await loaded(ctx, params.roomId);
    return {
      seq: orProblem(await ctx.request.server.live.command(rt, (s) => decideHideWord(s, params.activityId, body.word, body.hidden))),
    };
  },
});

/** A spreadsheet cell never starts a formula (=, +, -, @): CSV injection. */
const cell = (value: string) => (/^[=+\-@\t\r]/.test(value) ? `'${value}` : value);

const exportKeywords = defineRoute({
  method: 'GET',
  url: '/api/live/rooms/:roomId/activities/:activityId/keywords.csv',
  summary: 'Nuage de mots en CSV : mot, occurrences, masqué',
  tags: ['animation en direct'],
  action: 'live.room.facilitate',
  params: activityParams,
  raw: true,
  produces: 'text/csv',
  context: roomContext,
  async handler({ params }, ctx) {
    const rt = await loaded(ctx, params.roomId);
    await rt.chain;
    const board = rt.state.activities.get(params.activityId)?.board;
    if (!board) throw new Problem('live_activity_not_found');
    const cloud = cloudOf(board, { includeHidden: true, limit: Number.MAX_SAFE_INTEGER });
    const rows = cloud.kind === 'cloud' ? cloud.words.map((w) => [cell(w.label), w.count, w.hidden ? 'oui' : 'non']) : [];
    ctx.reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="mots-cles-${rt.record.code}.csv"`)
      .send(writeCsv(['Mot', 'Occurrences', 'Masqué'], rows));
  },
});

const join = defineRoute({
  method: 'POST',
  url: '/api/live/join/:code',
  summary: 'Rejoindre une salle avec son code (participant, sans compte)',
  tags: ['animation en direct'],
  action: 'live.room.join',
  params: codeParams,
  body: joinBody,
  response: z.object({ roomId: z.string(), code: z.string(), title: z.string(), participantId: z.string(), token: z.string() }),
  async handler({ params, body }, { deps, request }) {
    const result = await joinRoom(
      {
        repo: request.server.live.repo,
        now: deps.now,
        newToken: () => {
          const token = randomBytes(24).toString('base64url');
          return { token, hash: hashParticipantToken(token) };
        },
      },
      { ...body, code: params.code, clientKey: request.ip },
    );
    const { room, participant, token, seq } = orProblem(result);
    await request.server.live.written(room.id, {
      seq,
      event: {
        type: 'participant.joined',
        participantId: participant.id,
        name: participant.name,
        organisationKind: participant.organisationKind,
        territory: participant.territory,
      },
    });
    return { roomId: room.id, code: room.code, title: room.title, participantId: participant.id, token };
  },
});

const qr = defineRoute({
  method: 'GET',
  url: '/api/live/join/:code/qr.svg',
  summary: 'QR code (SVG) du lien pour rejoindre une salle',
  tags: ['animation en direct'],
  action: 'live.room.join',
  params: codeParams,
  raw: true,
  produces: 'image/svg+xml',
  async handler({ params }, { deps, request, reply }) {
    const base = deps.config.PUBLIC_URL ?? `${request.protocol}://${request.headers.host ?? 'localhost'}`;
    const svg = await QRCode.toString(`${base.replace(/\/$/, '')}/j/${params.code}`, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
    reply.type('image/svg+xml; charset=utf-8').header('cache-control', 'public, max-age=3600').send(svg);
  },
});

/** Routes of live facilitation (the WebSocket is in `socket.ts`). */
export const liveRoutes = [
  createRoom,
  getRoom,
  ...activityRoutes,
  startActivity,
  closeActivity,
  formGroups,
  startTimer,
  stopTimer,
  mergeWords,
  hideWord,
  exportKeywords,
  join,
  qr,
  ...rosterRoutes,
  ...paperRoutes,
];
