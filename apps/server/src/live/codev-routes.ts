import {
  codevEndpoints as api,
  codevRecordOf,
  decideAddCodev,
  decideCloseCodev,
  decideCodevPorteur,
  decideCodevStep,
  decideCodevTimer,
} from '@maillage/core';
import { findCodevRecord, findCollective, listCodevRecords, saveCodevRecord } from '@maillage/db';
import { Problem } from '../http/problem';
import { defineRoute } from '../http/route';
import { insideRoomRef, liveProblem, loadedRoom, roomRefs, runCommand, tags } from './route-kit';

/**
 * Co-development sessions in a live room: the facilitator adds one (steps, porteur, collective),
 * chooses the porteur, moves between steps, starts and pauses the step's timer, and closes it,
 * which keeps its record; phones send proposals and the porteur's texts over the WebSocket. The
 * records are read by the collective's members and the room's territory.
 */

const add = defineRoute({
  ...api.add,
  summary: 'Co-développement : ajouter une séance (type de sujet, étapes, porteur, collectif)',
  tags,
  action: 'live.room.facilitate',
  refs: roomRefs(
    api.add.url,
    insideRoomRef('body.porteurId'),
    // Linking a session to a collective writes to its history: its own territory must allow it.
    { at: 'body.collectiveId', kind: 'collective', action: 'collective.write' },
  ),
  async handler({ params, body }, ctx) {
    const id = crypto.randomUUID();
    const { seq } = await runCommand(ctx, params.roomId, (s) => decideAddCodev(s, id, body));
    return { id, seq };
  },
});

const porteur = defineRoute({
  ...api.porteur,
  summary: 'Co-développement : choisir le porteur (un participant de la salle)',
  tags,
  action: 'live.room.facilitate',
  refs: roomRefs(api.porteur.url, insideRoomRef('body.participantId')),
  handler: ({ params, body }, ctx) => runCommand(ctx, params.roomId, (s) => decideCodevPorteur(s, params.activityId, body.participantId)),
});

const step = defineRoute({
  ...api.step,
  summary: 'Co-développement : passer à une étape (suivante, précédente) ; le minuteur s’arrête',
  tags,
  action: 'live.room.facilitate',
  refs: roomRefs(api.step.url),
  handler: ({ params, body }, ctx) => runCommand(ctx, params.roomId, (s) => decideCodevStep(s, params.activityId, body.step)),
});

const timer = defineRoute({
  ...api.timer,
  summary: 'Co-développement : lancer le minuteur de l’étape (sa durée, ou ce qui restait) ou le mettre en pause',
  tags,
  action: 'live.room.facilitate',
  refs: roomRefs(api.timer.url),
  handler: ({ params, body }, ctx) =>
    runCommand(ctx, params.roomId, (s) => decideCodevTimer(s, params.activityId, body.running, ctx.deps.now().getTime())),
});

const close = defineRoute({
  ...api.close,
  summary: 'Co-développement : clore la séance et garder son compte rendu (sujet, contrat, propositions, plan d’action)',
  tags,
  action: 'live.room.facilitate',
  refs: roomRefs(api.close.url),
  async handler({ params }, ctx) {
    const rt = await loadedRoom(ctx, params.roomId);
    await rt.chain;
    const activity = rt.state.activities.get(params.activityId);
    if (!activity) throw liveProblem('activity_not_found');
    if (!activity.codev) throw liveProblem('wrong_kind');
    // Closed first (no more proposals), then the record is written from what the room holds; a
    // retry finds the activity closed and writes the same record again.
    const { seq } = activity.open
      ? await runCommand(ctx, params.roomId, (s) => decideCloseCodev(s, params.activityId))
      : { seq: rt.state.seq };
    const draft = codevRecordOf(rt.state, params.activityId);
    if (!draft.ok) throw liveProblem(draft.error);
    const recordId = await saveCodevRecord(ctx.deps.store.db, {
      roomId: rt.record.id,
      activityId: params.activityId,
      territoryId: rt.record.territoryId,
      draft: draft.value,
      heldAt: ctx.deps.now(),
      createdBy: ctx.actor.kind === 'user' ? ctx.actor.userId : null,
    });
    return { seq, recordId };
  },
});

const paper = defineRoute({
  ...api.paper,
  summary: 'Co-développement, papier : une carte par étape (consigne, durée) et la page du minuteur',
  tags,
  action: 'live.room.facilitate',
  refs: roomRefs(api.paper.url),
  raw: true,
  async handler({ params }, ctx) {
    const rt = await loadedRoom(ctx, params.roomId);
    await rt.chain;
    const activity = rt.state.activities.get(params.activityId);
    if (!activity) throw liveProblem('activity_not_found');
    if (!activity.codev) throw liveProblem('wrong_kind');
    // pdfkit costs a third of a second to load: loaded on the first PDF asked for.
    const { codevPaperPdf } = await import('./codev-paper');
    const body = await codevPaperPdf(rt.state, activity);
    ctx.reply
      .code(200)
      .header('content-type', 'application/pdf')
      .header('content-disposition', `attachment; filename="codeveloppement-${rt.record.code}.pdf"`)
      .header('cache-control', 'no-store')
      .send(body);
  },
});

const ofCollective = defineRoute({
  ...api.ofCollective,
  summary: 'Les comptes rendus des séances de co-développement d’un collectif',
  tags: ['collectifs'],
  action: 'collective.read',
  refs: [{ at: 'params.id', kind: 'collective' }],
  async handler({ params }, { deps }) {
    if (!(await findCollective(deps.store.db, params.id))) throw new Problem('collective_not_found');
    return listCodevRecords(deps.store.db, params.id);
  },
});

const record = defineRoute({
  ...api.record,
  summary: 'Le compte rendu d’une séance de co-développement (les noms des seules propositions signées)',
  tags: ['collectifs'],
  action: 'collective.read',
  refs: [{ at: 'params.recordId', kind: 'codev' }],
  async handler({ params }, { deps }) {
    const r = await findCodevRecord(deps.store.db, params.recordId);
    if (!r) throw new Problem('codev_record_not_found');
    return r;
  },
});

/** Routes of co-development sessions. */
export const codevRoutes = [add, porteur, step, timer, close, paper, ofCollective, record];
