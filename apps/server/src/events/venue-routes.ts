import { type Actor, venueBodyLimit, venueEndpoints as api, type VenueDecisionError, type VenueImportView } from '@maillage/core';
import {
  decideVenueConflict,
  decideVenueDuplicate,
  exportDay,
  importDay,
  openVenue,
  sealVenue,
  VenueFileProblem,
  VenueUnknownEventError,
  venueDecisions,
  writeAudit,
} from '@maillage/db';
import { defineRoute } from '../http/route';
import { Problem } from '../http/problem';
import type { ProblemCode } from '../http/problems';

const TAGS = ['événements'];
const userId = (actor: Actor) => (actor.kind === 'user' ? actor.userId : null);
/** The day in the path, authorised on its territory. */
const eventRef = { at: 'params.id', kind: 'event' } as const;

/** The venue file's name: the day's title, made safe for a file name. */
function venueFileName(title: string): string {
  const slug = title
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return `${slug || 'journee'}.maillage`;
}

const venueExport = defineRoute({
  ...api.venueExport,
  summary:
    'Télécharger la journée pour un portable sans internet : un fichier chiffré par la phrase de passe (données personnelles des inscrits)',
  tags: TAGS,
  action: 'event.venue',
  raw: true,
  refs: [eventRef],
  async handler({ params, body }, { deps, actor, reply }) {
    const payload = await exportDay(deps.store.db, params.id, deps.now());
    if (!payload) throw new Problem('event_not_found');
    const file = sealVenue(payload, body.passphrase);
    await writeAudit(deps.store.db, {
      actorUserId: userId(actor),
      action: 'venue.export',
      entityType: 'event',
      entityId: payload.eventId,
      territoryId: payload.territoryId,
      details: { registrations: payload.tables.event_registrations?.length ?? 0, users: payload.tables.users?.length ?? 0 },
    });
    reply
      .code(200)
      .header('content-type', 'application/octet-stream')
      .header('content-disposition', `attachment; filename="${venueFileName(payload.eventTitle)}"`)
      .header('cache-control', 'no-store')
      .send(file);
  },
});

const venueImport = defineRoute({
  ...api.venueImport,
  summary:
    'Rapporter la journée depuis le fichier retour du portable : présences, salles, collectifs, connaissances ; conflits et doublons probables listés, rien d’écrasé',
  tags: TAGS,
  action: 'event.venue',
  bodyLimit: venueBodyLimit,
  refs: [eventRef],
  async handler({ params, body }, { deps, actor }): Promise<VenueImportView> {
    let payload: ReturnType<typeof openVenue>;
    try {
      payload = openVenue(Buffer.from(body.contentBase64, 'base64'), body.passphrase, body.fileName, 'bundle');
    } catch (error) {
      if (error instanceof VenueFileProblem) throw new Problem(`venue_${error.code}` as ProblemCode);
      throw error;
    }
    if (payload.eventId !== params.id) throw new Problem('venue_other_event', { title: payload.eventTitle });
    try {
      const report = await importDay(deps.store.db, payload, userId(actor));
      // Both versions of a conflicting row stay in the database, for the decision (not in this answer).
      return {
        ...report,
        conflicts: report.conflicts.map(({ table, id, label, reason, columns }) => ({ table, id, label, reason, columns })),
        duplicates: report.duplicates.map(({ walkInName, registrationId, personId, directoryPersonId, directoryName }) => ({
          walkInName,
          registrationId,
          personId,
          directoryPersonId,
          directoryName,
        })),
      };
    } catch (error) {
      if (error instanceof VenueUnknownEventError) throw new Problem('event_not_found');
      throw error;
    }
  },
});

const decisionProblem: Record<VenueDecisionError, ProblemCode> = {
  not_found: 'venue_decision_not_found',
  already_decided: 'venue_already_decided',
  changed_since: 'venue_changed_since',
  cannot_take: 'venue_cannot_take',
};

const venueDecisionsList = defineRoute({
  ...api.venueDecisions,
  summary: 'Ce que le retour de la journée a laissé à décider (conflits, doublons probables), et ce qui a été décidé, par qui, quand',
  tags: TAGS,
  action: 'event.venue',
  refs: [eventRef],
  async handler({ params }, { deps }) {
    return venueDecisions(deps.store.db, params.id);
  },
});

const venueDecideConflict = defineRoute({
  ...api.venueDecideConflict,
  summary: 'Décider un conflit du retour de la journée : garder la version du territoire, ou prendre celle de la journée',
  tags: TAGS,
  action: 'event.venue',
  refs: [eventRef, { at: 'params.conflictId', checkedBy: 'looked up among the conflicts of the day (already authorised)' }],
  async handler({ params, body }, { deps, actor }) {
    const result = await decideVenueConflict(deps.store.db, {
      eventId: params.id,
      id: params.conflictId,
      decision: body.decision,
      actorUserId: userId(actor),
      now: deps.now(),
    });
    if (!result.ok) throw new Problem(decisionProblem[result.error]);
    return venueDecisions(deps.store.db, params.id);
  },
});

const venueDecideDuplicate = defineRoute({
  ...api.venueDecideDuplicate,
  summary: 'Décider un doublon probable du retour de la journée : la même personne (relier), ou deux personnes différentes',
  tags: TAGS,
  action: 'event.venue',
  refs: [eventRef, { at: 'params.duplicateId', checkedBy: 'looked up among the probable duplicates of the day (already authorised)' }],
  async handler({ params, body }, { deps, actor }) {
    const result = await decideVenueDuplicate(deps.store.db, {
      eventId: params.id,
      id: params.duplicateId,
      decision: body.decision,
      actorUserId: userId(actor),
      now: deps.now(),
    });
    if (!result.ok) throw new Problem(decisionProblem[result.error]);
    return venueDecisions(deps.store.db, params.id);
  },
});

/** Spread into the app's routes. */
export const venueRoutes = [venueExport, venueImport, venueDecisionsList, venueDecideConflict, venueDecideDuplicate];
