import { codevPresetSteps } from '@maillage/core';
import type { Kysely } from 'kysely';
import { saveCodevRecord } from '../collectives/codev-store';
import type { DB } from '../schema';

/** The activity id of the demo's record: a second call finds it instead of writing another. */
const DEMO_ACTIVITY = 'demo-codev';

/**
 * Writes one finished co-development record for a collective (fictional content, no real names,
 * no room): a subject brought by the porteur, the contract sentence, four proposals (one signed
 * by a fictional contributor), an action plan with a follow-up date a month after the session,
 * and two learnings. Idempotent: a collective that already has the demo record keeps it.
 * @returns the record's id.
 */
export async function addDemoCodevRecord(
  db: Kysely<DB>,
  { territoryId, collectiveId, heldAt }: { territoryId: string; collectiveId: string; heldAt: Date },
): Promise<string> {
  const existing = await db
    .selectFrom('codev_records')
    .select('id')
    .where('collective_id', '=', collectiveId)
    .where('activity_id', '=', DEMO_ACTIVITY)
    .executeTakeFirst();
  if (existing) return existing.id;
  const followUp = new Date(heldAt.getTime() + 30 * 86_400_000).toISOString().slice(0, 10);
  return saveCodevRecord(db, {
    roomId: null,
    activityId: DEMO_ACTIVITY,
    territoryId,
    heldAt,
    createdBy: null,
    draft: {
      subjectType: 'probleme',
      collectiveId,
      porteurParticipantId: null,
      subject: 'Les familles du quartier ne viennent plus aux ateliers parents-enfants du samedi',
      contract: 'Aidez-moi à trouver comment recréer le lien avec les familles avant la rentrée',
      proposals: [
        { text: 'Aller à la sortie de l’école avec un café et des flyers, plutôt qu’attendre au centre', name: null, participantId: null },
        { text: 'Demander aux parents qui venaient encore ce qui a changé pour eux', name: null, participantId: null },
        {
          text: 'Décaler l’atelier au mercredi après-midi, quand les enfants n’ont pas classe',
          name: 'Camille (fictive)',
          participantId: null,
        },
        { text: 'Co-animer une séance avec la médiathèque pour toucher d’autres familles', name: null, participantId: null },
      ],
      actionPlan:
        'Rencontrer cinq familles d’ici trois semaines ; tester un atelier le mercredi avec la médiathèque ; faire le point avec le collectif.',
      followUp,
      learnings: [
        { text: 'Écouter sans répondre tout de suite, c’est difficile et utile', participantId: null },
        { text: 'Nos questions de clarification ont déjà fait bouger le problème', participantId: null },
      ],
      steps: codevPresetSteps.payette,
    },
  });
}
