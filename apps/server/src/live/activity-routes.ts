import { liveEndpoints as api, compareFrench } from '@maillage/core';
import {
  collectivesToCreate,
  decideRenameCollective,
  decideAddActivity,
  decideCafeRound,
  decideGroupIdeas,
  decideHideIdea,
  decidePlanCafe,
  decidePresence,
  decideProposal,
  decideProposeCollectives,
  decideSetHosts,
  decideTypedIdeas,
  decideTypedKeywords,
  decideTypedSynthesis,
  decideUngroupIdeas,
  activityResults,
  pairsWhoMet,
  type RoomState,
} from '@maillage/core';
import { closeLiveRoom, createCollectives, knownPairs } from '@maillage/db';
import { defineRoute, type RouteContext } from '../http/route';
import { commandRoute, loadedRoom, insideRoomRef, liveProblem, roomRefs, runCommand, solverBudget, tags } from './route-kit';

/** Participant pairs of a room who know each other in the ecosystem (registered participants only). */
export async function acquaintedInRoom(ctx: RouteContext, state: RoomState): Promise<[string, string][]> {
  const byPerson = new Map<string, string[]>();
  for (const p of state.participants.values()) {
    if (!p.personId) continue;
    byPerson.set(p.personId, [...(byPerson.get(p.personId) ?? []), p.id]);
  }
  if (byPerson.size < 2) return [];
  const pairs: [string, string][] = [];
  for (const [a, b] of await knownPairs(ctx.deps.store.db, [...byPerson.keys()])) {
    for (const x of byPerson.get(a) ?? []) for (const y of byPerson.get(b) ?? []) pairs.push([x, y]);
  }
  return pairs;
}

/** The body of a new activity, every kind (the world café's tables, the wall's themes…). */

const addActivity = defineRoute({
  ...api.addActivity,
  summary: 'Ajouter une activité (mise en route, mot-clé, sondage, world café, labo d’idées, collectifs)',
  tags,
  action: 'live.room.facilitate',
  refs: roomRefs('/api/live/rooms/:roomId/activities'),
  async handler({ params, body }, ctx) {
    const id = crypto.randomUUID();
    const { seq } = await runCommand(ctx, params.roomId, () => decideAddActivity(id, body));
    return { id, seq };
  },
});

const setHosts = commandRoute({
  ...api.setHosts,
  summary: 'World café : les hôtes des tables (ils restent à leur table à chaque tour)',
  bodyRefs: [insideRoomRef('body.hosts[].participantId')],
  decide:
    ({ params, body }) =>
    (s) =>
      decideSetHosts(s, params.activityId, body.hosts),
});

const planCafe = defineRoute({
  ...api.planCafe,
  summary: 'World café : planifier les rotations, ou replanifier les tours à venir (arrivées, départs)',
  tags,
  action: 'live.room.facilitate',
  refs: roomRefs('/api/live/rooms/:roomId/activities/:activityId/plan'),
  async handler({ params }, ctx) {
    const rt = await loadedRoom(ctx, params.roomId);
    await rt.chain;
    const acquainted = await acquaintedInRoom(ctx, rt.state);
    return runCommand(ctx, params.roomId, (s) => decidePlanCafe(s, params.activityId, { acquainted }, solverBudget(ctx, 1500)));
  },
});

const startRound = commandRoute({
  ...api.startRound,
  summary: 'World café : lancer un tour (les téléphones montrent leur table, le minuteur démarre)',
  decide:
    ({ params }, ctx) =>
    (s) =>
      decideCafeRound(s, params.activityId, params.round, ctx.deps.now().getTime()),
});

const typedSynthesis = commandRoute({
  ...api.typedSynthesis,
  summary: 'World café : saisir la synthèse d’une table écrite sur papier',
  decide:
    ({ params, body }) =>
    (s) =>
      decideTypedSynthesis(s, params.activityId, body.table, body.round, body.text),
});

const presence = commandRoute({
  ...api.presence,
  summary: 'Marquer un participant parti (ou revenu) : les prochains tours en tiennent compte',
  decide:
    ({ params, body }) =>
    (s) =>
      decidePresence(s, params.participantId, body.present),
});

const groupIdeas = commandRoute({
  ...api.groupIdeas,
  summary: 'Labo d’idées : regrouper des idées proches sous un intitulé',
  decide:
    ({ params, body }) =>
    (s) =>
      decideGroupIdeas(s, params.activityId, body.ideas, body.label),
});

const ungroupIdeas = commandRoute({
  ...api.ungroupIdeas,
  summary: 'Labo d’idées : défaire un regroupement',
  decide:
    ({ params }) =>
    (s) =>
      decideUngroupIdeas(s, params.activityId, params.group),
});

const hideIdea = commandRoute({
  ...api.hideIdea,
  summary: 'Labo d’idées : masquer (ou réafficher) une idée',
  decide:
    ({ params, body }) =>
    (s) =>
      decideHideIdea(s, params.activityId, params.idea, body.hidden),
});

const decideProposalRoute = commandRoute({
  ...api.decideProposal,
  summary: 'Atelier chemin de changement : accepter, fusionner ou écarter une proposition',
  decide:
    ({ params, body }) =>
    (s) =>
      decideProposal(s, params.activityId, params.idea, body.decision, body.into),
});

const typedIdeas = commandRoute({
  ...api.typedIdeas,
  summary: 'Labo d’idées : saisir les idées écrites sur les feuilles',
  decide:
    ({ params, body }) =>
    (s) =>
      decideTypedIdeas(s, params.activityId, body.ideas),
});

const typedKeywords = commandRoute({
  ...api.typedKeywords,
  summary: 'Mot-clé : saisir les mots écrits sur les feuilles (un par groupe en mode groupe)',
  decide:
    ({ params, body }) =>
    (s) =>
      decideTypedKeywords(s, params.activityId, body.keywords),
});

const proposeCollectives = commandRoute({
  ...api.proposeCollectives,
  summary: 'Collectifs : proposer des collectifs de 3 à 5 autour des urgences partagées',
  decide:
    ({ params }, ctx) =>
    (s) =>
      decideProposeCollectives(s, params.activityId, solverBudget(ctx, 1000)),
});

const renameCollective = commandRoute({
  ...api.renameCollective,
  summary: 'Collectifs : renommer un collectif proposé (avant son enregistrement dans maillage)',
  decide:
    ({ params, body }) =>
    (s) => {
      const renamed = decideRenameCollective(s, params.activityId, params.number, body.name);
      return renamed.ok ? { ok: true, value: [renamed.value] } : renamed;
    },
});

const createFromRoom = defineRoute({
  ...api.createFromRoom,
  summary: 'Collectifs : les enregistrer dans maillage (nom, membres, urgence, quatre questions à travailler)',
  tags,
  action: 'live.room.facilitate',
  refs: roomRefs('/api/live/rooms/:roomId/activities/:activityId/collectives/create'),
  async handler({ params }, ctx) {
    const rt = await loadedRoom(ctx, params.roomId);
    await rt.chain;
    const found = collectivesToCreate(rt.state, params.activityId);
    if (!found.ok) throw liveProblem(found.error);
    // Stored first, all or none; the same room, activity and number finds the same rows again.
    const ids = await createCollectives(
      ctx.deps.store.db,
      found.value.map((c) => ({
        territoryId: rt.record.territoryId,
        name: c.name,
        urgency: c.urgency,
        themes: c.themes,
        origin: { roomId: rt.record.id, activityId: params.activityId, number: c.number },
        members: c.members.map((m) => ({
          name: m.name,
          liveParticipantId: m.participantId,
          personId: rt.state.participants.get(m.participantId)?.personId ?? null,
        })),
        createdBy: ctx.actor.kind === 'user' ? ctx.actor.userId : null,
      })),
    );
    const created = found.value.map((c, i) => ({ number: c.number, collectiveId: ids[i] as string }));
    const { seq } = await runCommand(ctx, params.roomId, () => ({
      ok: true,
      value: [{ type: 'collectives.created', activityId: params.activityId, created }],
    }));
    return { seq, collectives: created.map((c) => ({ number: c.number, id: c.collectiveId })) };
  },
});

const participants = defineRoute({
  ...api.participants,
  summary: 'Les participants d’une salle (console) : nom, type, territoire, présence, groupe',
  tags,
  action: 'live.room.facilitate',
  refs: roomRefs('/api/live/rooms/:roomId/participants'),
  async handler({ params }, ctx) {
    const rt = await loadedRoom(ctx, params.roomId);
    await rt.chain;
    return [...rt.state.participants.values()]
      .map((p) => ({
        id: p.id,
        name: p.name,
        organisationKind: p.organisationKind,
        territory: p.territory,
        present: p.present,
        group: p.group,
        registered: Boolean(p.personId),
      }))
      .sort((a, b) => compareFrench(a.name, b.name));
  },
});

const closeRoom = defineRoute({
  ...api.closeRoom,
  summary: 'Clore la salle : plus de réponses ; les personnes inscrites qui ont partagé une table se connaissent désormais',
  tags,
  action: 'live.room.facilitate',
  refs: roomRefs('/api/live/rooms/:roomId/close'),
  async handler({ params }, ctx) {
    const rt = await loadedRoom(ctx, params.roomId);
    await rt.chain;
    // Who sat together, among participants linked to a person of the ecosystem.
    const personPairs: [string, string][] = [];
    for (const [a, b] of pairsWhoMet(rt.state)) {
      const x = rt.state.participants.get(a)?.personId;
      const y = rt.state.participants.get(b)?.personId;
      if (x && y && x !== y) personPairs.push([x, y]);
    }
    const acquaintances = await closeLiveRoom(ctx.deps.store.db, { roomId: rt.record.id, at: ctx.deps.now(), personPairs });
    const { seq } = rt.state.closed
      ? { seq: rt.state.seq }
      : await runCommand(ctx, params.roomId, () => ({ ok: true, value: [{ type: 'room.closed' as const }] }));
    return { seq, acquaintances };
  },
});

const exportRoom = defineRoute({
  ...api.exportRoom,
  summary:
    'Tout ce qui s’est passé dans la salle (JSON) : participants, groupes, tables par tour, mots, votes, synthèses, idées, collectifs',
  tags,
  action: 'live.room.facilitate',
  raw: true,
  refs: roomRefs('/api/live/rooms/:roomId/export.json'),
  async handler({ params }, ctx) {
    const rt = await loadedRoom(ctx, params.roomId);
    await rt.chain;
    const { state, record } = rt;
    const name = (id: string) => state.participants.get(id)?.name ?? '?';
    const body = {
      room: {
        id: record.id,
        code: record.code,
        title: record.title,
        eventSessionId: record.eventSessionId,
        closed: state.closed,
        seq: state.seq,
      },
      participants: [...state.participants.values()].map((p) => ({
        id: p.id,
        name: p.name,
        organisationKind: p.organisationKind,
        territory: p.territory,
        present: p.present,
        registered: Boolean(p.personId),
      })),
      activities: [...state.activities.values()].map((a) => ({
        id: a.id,
        kind: a.kind,
        prompt: a.prompt,
        options: a.options,
        results: activityResults(state, a, { includeHidden: true }),
        ...(a.groups ? { groups: a.groups.map((g) => ({ number: g.number, place: g.place, members: g.members.map(name) })) } : {}),
        ...(a.cafe
          ? {
              tables: a.cafe.tables.map((t) => ({ ...t, host: a.cafe?.hosts.get(t.id) ? name(a.cafe.hosts.get(t.id) as string) : null })),
              rounds: (a.cafe.plan ?? []).map((round) => round.map((t) => ({ table: t.table, members: t.members.map(name) }))),
            }
          : {}),
      })),
    };
    ctx.reply
      .type('application/json; charset=utf-8')
      .header('content-disposition', `attachment; filename="salle-${record.code}.json"`)
      .send(JSON.stringify(body, null, 2));
  },
});

/** Routes of the world café, the idea wall, the forming of collectives and paper entries. */
export const activityRoutes = [
  addActivity,
  setHosts,
  planCafe,
  startRound,
  typedSynthesis,
  presence,
  groupIdeas,
  ungroupIdeas,
  hideIdea,
  decideProposalRoute,
  typedIdeas,
  typedKeywords,
  proposeCollectives,
  renameCollective,
  createFromRoom,
  participants,
  closeRoom,
  exportRoom,
];
