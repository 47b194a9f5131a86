import { liveEndpoints as api } from '@maillage/core';
import { randomBytes } from 'node:crypto';
import {
  cloudOf,
  codevActivityView,
  decideCloseActivity,
  decideFormGroups,
  decideHideWord,
  decideMergeWords,
  decideStartActivity,
  decideStartTimer,
  joinRoom,
  openRoom,
  resultsView,
  roomView,
  writeCsv,
} from '@maillage/core';
import { liveRepo } from '@maillage/db';
import QRCode from 'qrcode';
import { Problem } from '../http/problem';
import { defineRoute } from '../http/route';
import { acquaintedInRoom, activityRoutes } from './activity-routes';
import { refuseWhileWaiting } from './join-guard';
import { codevRoutes } from './codev-routes';
import { paperRoutes } from './paper-routes';
import { commandRoute, type LiveErrorCode, liveProblem, loadedRoom, roomRefs, runCommand, solverBudget, tags } from './route-kit';
import { assertRoomSession, rosterRoutes } from './roster-routes';
import { hashParticipantToken } from './socket';

/** Turns a use case's failure into the API's problem (`live_<code>`). */
function orProblem<T>(result: { ok: true; value: T } | { ok: false; error: LiveErrorCode }): T {
  if (!result.ok) throw liveProblem(result.error);
  return result.value;
}

const createRoom = defineRoute({
  ...api.createRoom,
  summary: 'Ouvrir une salle d’animation en direct',
  tags,
  action: 'live.room.create',
  refs: [
    { at: 'body.territoryId', kind: 'territory' },
    { at: 'body.eventSessionId', checkedBy: 'the session’s day must be of the room’s territory (assertRoomSession)' },
  ],
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
  ...api.getRoom,
  summary: 'Une salle, pour la console d’animation : activités, minuteur, résultats (mots masqués compris)',
  tags,
  action: 'live.room.facilitate',
  refs: roomRefs('/api/live/rooms/:roomId'),
  async handler({ params }, ctx) {
    const rt = await loadedRoom(ctx, params.roomId);
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
        ...(a.kind === 'keyword' ? { wordsPerPerson: a.wordsPerPerson } : {}),
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
        ...(a.codev ? { codev: codevActivityView(rt.state, a.codev) } : {}),
      })),
      results: resultsView(rt.state, { includeHidden: true }),
    };
  },
});

const startActivity = commandRoute({
  ...api.startActivity,
  summary: 'Lancer une activité : elle devient l’activité en cours, ouverte aux réponses',
  decide:
    ({ params }) =>
    (s) =>
      decideStartActivity(s, params.activityId),
});

const closeActivity = commandRoute({
  ...api.closeActivity,
  summary: 'Clore une activité : plus de réponses',
  decide:
    ({ params }) =>
    (s) =>
      decideCloseActivity(s, params.activityId),
});

const formGroups = defineRoute({
  ...api.formGroups,
  summary: 'Mise en route : former des groupes de personnes qui ne se connaissent pas',
  tags,
  action: 'live.room.facilitate',
  refs: roomRefs('/api/live/rooms/:roomId/activities/:activityId/groups'),
  async handler({ params, body }, ctx) {
    const rt = await loadedRoom(ctx, params.roomId);
    await rt.chain;
    const acquainted = await acquaintedInRoom(ctx, rt.state);
    return runCommand(ctx, params.roomId, (s) => decideFormGroups(s, params.activityId, { ...body, acquainted }, solverBudget(ctx, 1500)));
  },
});

const startTimer = commandRoute({
  ...api.startTimer,
  summary: 'Lancer le minuteur',
  decide:
    ({ body }, ctx) =>
    () => ({ ok: true, value: decideStartTimer(ctx.deps.now().getTime(), body.seconds, body.warnSeconds) }),
});

const stopTimer = commandRoute({
  ...api.stopTimer,
  summary: 'Arrêter le minuteur',
  decide: () => () => ({ ok: true, value: [{ type: 'timer.stopped' }] }),
});

const mergeWords = commandRoute({
  ...api.mergeWords,
  summary: 'Nuage de mots : compter un mot comme un autre',
  decide:
    ({ params, body }) =>
    (s) =>
      decideMergeWords(s, params.activityId, body.from, body.into),
});

const hideWord = commandRoute({
  ...api.hideWord,
  summary: 'Nuage de mots : masquer (ou réafficher) un mot',
  decide:
    ({ params, body }) =>
    (s) =>
      decideHideWord(s, params.activityId, body.word, body.hidden),
});

const exportKeywords = defineRoute({
  ...api.exportKeywords,
  summary: 'Nuage de mots en CSV : mot, occurrences, masqué',
  tags,
  action: 'live.room.facilitate',
  raw: true,
  refs: roomRefs('/api/live/rooms/:roomId/activities/:activityId/keywords.csv'),
  async handler({ params }, ctx) {
    const rt = await loadedRoom(ctx, params.roomId);
    await rt.chain;
    const board = rt.state.activities.get(params.activityId)?.board;
    if (!board) throw new Problem('live_activity_not_found');
    const cloud = cloudOf(board, { includeHidden: true, limit: Number.MAX_SAFE_INTEGER });
    const rows = cloud.kind === 'cloud' ? cloud.words.map((w) => [w.label, w.count, w.hidden ? 'oui' : 'non']) : [];
    ctx.reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="mots-cles-${rt.record.code}.csv"`)
      .send(writeCsv(['Mot', 'Occurrences', 'Masqué'], rows));
  },
});

const join = defineRoute({
  ...api.join,
  summary: 'Rejoindre une salle avec son code (participant, sans compte)',
  tags,
  action: 'live.room.join',
  refs: [{ at: 'params.code', unscoped: 'a join code is public by design (guessing is slowed down)' }],
  async handler({ params, body }, { deps, request, reply }) {
    const guard = request.server.liveJoinGuard;
    refuseWhileWaiting(reply, await guard.retryAfterMs(request.ip, params.code));
    const result = await joinRoom(
      {
        repo: request.server.live.repo,
        now: deps.now,
        newToken: () => {
          const token = randomBytes(24).toString('base64url');
          return { token, hash: hashParticipantToken(token) };
        },
      },
      { ...body, code: params.code },
    );
    if (result.ok) guard.rightCode(request.ip, params.code);
    else if (result.error === 'room_not_found') await guard.wrongCode(request.ip, params.code);
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
  ...api.qr,
  summary: 'QR code (SVG) du lien pour rejoindre une salle',
  tags,
  action: 'live.room.join',
  raw: true,
  refs: [{ at: 'params.code', unscoped: 'a join code is public by design (guessing is slowed down)' }],
  async handler({ params }, { deps, request, reply }) {
    const base = deps.config.PUBLIC_URL ?? `${request.protocol}://${request.headers.host ?? 'localhost'}`;
    const svg = await QRCode.toString(`${base.replace(/\/$/, '')}/j/${params.code}`, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
    reply.type('image/svg+xml; charset=utf-8').header('cache-control', 'public, max-age=3600').send(svg);
  },
});

const checkCode = defineRoute({
  ...api.checkCode,
  summary: 'Vérifier un code de salle avant le formulaire (la salle existe-t-elle, est-elle close ?)',
  tags,
  action: 'live.room.join',
  refs: [{ at: 'params.code', unscoped: 'a join code is public by design (guessing is slowed down)' }],
  async handler({ params }, { request, reply }) {
    // Wrong codes count as they do when joining: checking is no way around the slowing down.
    const guard = request.server.liveJoinGuard;
    refuseWhileWaiting(reply, await guard.retryAfterMs(request.ip, params.code));
    // The room as the hub folds it: closed the moment the facilitator closes it (the stored record may lag).
    const rt = await request.server.live.roomByCode(params.code);
    if (!rt) {
      await guard.wrongCode(request.ip, params.code);
      throw liveProblem('room_not_found');
    }
    return { code: rt.record.code, title: rt.state.title, closed: rt.state.closed || rt.record.closedAt !== null };
  },
});

/** Routes of live facilitation (the WebSocket is in `socket.ts`). */
export const liveRoutes = [
  checkCode,
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
  ...codevRoutes,
];
