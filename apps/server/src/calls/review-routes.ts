import { type ApplicationReviewView, reviewsEndpoints as api, can, REVIEWABLE_STATUSES, visibleReviews } from '@maillage/core';
import {
  applicationForReview,
  callContext,
  cofundersReviewedBy,
  listReviews,
  type ReviewRecord,
  withAudit,
  writeReview,
} from '@maillage/db';
import { Problem } from '../http/problem';
import type { RefDecl } from '../http/refs';
import { defineRoute } from '../http/route';
import { tags, userIdOf } from './calls-routes';

const callOfApplication = { at: 'params.callId', kind: 'call', action: 'call.read' } as const satisfies RefDecl;
const applicationRef = { at: 'params.applicationId', kind: 'application', action: 'application.read' } as const satisfies RefDecl;

const present = (r: ReviewRecord): ApplicationReviewView => ({ ...r, updatedAt: r.updatedAt.toISOString() });

/** The application, checked to belong to the call named in the path. */
async function applicationIn(db: Parameters<typeof applicationForReview>[0], callId: string, applicationId: string) {
  const app = await applicationForReview(db, applicationId);
  if (!app || app.call_id !== callId) throw new Problem('application_not_found');
  return app;
}

const list = defineRoute({
  ...api.list,
  summary:
    'Les avis d’instruction d’une demande que l’on peut lire : ceux de son financeur, puis ceux de tous les financeurs une fois la demande au comité (les coordinateurs de l’appel les lisent au comité)',
  tags,
  action: 'application.read',
  refs: [callOfApplication, applicationRef],
  async handler({ params }, { deps, actor }) {
    const app = await applicationIn(deps.store.db, params.callId, params.applicationId);
    const ctx = await callContext(deps.store.db, params.callId);
    const manages = !!ctx && can(actor, 'call.manage', ctx);
    const reviewsFor = (await cofundersReviewedBy(deps.store.db, params.callId, userIdOf(actor))).map((f) => f.id);
    return visibleReviews(await listReviews(deps.store.db, params.applicationId), { reviewsFor, manages }, app.status).map(present);
  },
});

const write = defineRoute({
  ...api.write,
  summary:
    'Écrire son avis d’instruction sur une demande pour un financeur dont on est instructeur (grille : complétude, bilan N-1, éligibilité, critères notés de 1 à 4, avis, montant proposé), de son dépôt jusqu’au comité',
  tags,
  action: 'application.review',
  refs: [
    callOfApplication,
    applicationRef,
    // The caller must be a reviewer of THIS funder; the handler checks it funds the application's call.
    { at: 'params.cofunderId', kind: 'cofunder', action: 'application.review' },
  ],
  async handler({ params, body }, { deps, actor }) {
    const app = await applicationIn(deps.store.db, params.callId, params.applicationId);
    const funder = await deps.store.db
      .selectFrom('call_cofunders')
      .select(['id', 'tracks'])
      .where('id', '=', params.cofunderId)
      .where('call_id', '=', params.callId)
      .executeTakeFirst();
    if (!funder) throw new Problem('cofunder_not_found');
    if (funder.tracks.length && !funder.tracks.includes(app.track)) throw new Problem('forbidden');
    if (!REVIEWABLE_STATUSES.includes(app.status)) throw new Problem('review_not_open', { status: app.status });
    const userId = userIdOf(actor) as string;
    const user = await deps.store.db.selectFrom('users').select('display_name').where('id', '=', userId).executeTakeFirstOrThrow();
    const territory = await callContext(deps.store.db, params.callId);
    const review = await withAudit(
      deps.store.db,
      (r: ReviewRecord) => ({
        actorUserId: userId,
        action: 'application.review',
        entityType: 'application',
        entityId: params.applicationId,
        territoryId: territory?.territoryId ?? null,
        details: { reviewId: r.id, cofunderId: params.cofunderId, appreciation: r.appreciation, proposedCents: r.proposedCents },
      }),
      (trx) =>
        writeReview(trx, {
          applicationId: params.applicationId,
          cofunderId: params.cofunderId,
          reviewerUserId: userId,
          reviewerName: user.display_name,
          review: body,
        }),
    );
    return present(review);
  },
});

export const reviewRoutes = [list, write];
