import { z } from 'zod';
import type { AuditEntryInput, AuditOf } from '../accounts/index';
import { fail, ok, type Result } from '../shared/result';

/**
 * Observed changes (outcome harvesting, seed 003): what an actor did differently, dated, with its
 * evidence, why it matters and how the collective or the action contributed. Recorded as they are
 * noticed; tied afterwards to the change of a pathway they show.
 */

export const OBSERVED_KINDS = ['comportement', 'relation', 'pratique', 'politique'] as const;
export type ObservedKind = (typeof OBSERVED_KINDS)[number];
export const OBSERVED_KIND_LABELS: Readonly<Record<ObservedKind, { fr: string; en: string }>> = {
  comportement: { fr: 'Comportement', en: 'Behaviour' },
  relation: { fr: 'Relation', en: 'Relationship' },
  pratique: { fr: 'Pratique', en: 'Practice' },
  politique: { fr: 'Politique', en: 'Policy' },
};

const text = (max: number, field: string) => z.string().trim().max(max, `${field} : au plus ${max} caractères`);
const day = z.iso.date('date invalide (AAAA-MM-JJ)');

export const observedChangeBody = z
  .object({
    territoryId: z.uuid('territoire invalide'),
    collectiveId: z.uuid('collectif invalide').nullable().default(null),
    observedOn: day,
    /** The actor who changed: an organisation of the ecosystem, or a name (« les parents du quartier »). */
    actorOrganisationId: z.uuid('organisation invalide').nullable().default(null),
    actorName: text(200, 'acteur').default(''),
    kind: z.enum(OBSERVED_KINDS, 'comportement, relation, pratique ou politique'),
    description: text(2000, 'ce qui a changé').min(1, 'dites ce qui a changé'),
    evidence: text(2000, 'preuves').default(''),
    significance: text(2000, 'importance').default(''),
    contribution: text(2000, 'contribution').default(''),
  })
  .superRefine((v, ctx) => {
    if (!v.actorOrganisationId && !v.actorName) {
      ctx.addIssue({ code: 'custom', path: ['actorName'], message: 'nommez l’acteur qui a changé, ou choisissez son organisation' });
    }
  });
export type ObservedChangeInput = z.output<typeof observedChangeBody>;

export const attachChangeBody = z.object({
  /** The pathway change this observation shows; both null to detach it. */
  pathwayId: z.uuid('chemin invalide').nullable(),
  changeId: z.uuid('changement invalide').nullable(),
});

export interface ObservedChangesRepo {
  record(input: ObservedChangeInput, createdBy: string | null, audit: AuditOf<string>): Promise<string>;
  /** Ties (or unties) an observation to a change; false when the change is not of that pathway. */
  attach(id: string, link: { pathwayId: string; changeId: string } | null, audit: AuditEntryInput): Promise<boolean>;
}

export function recordObservedChange(deps: { repo: ObservedChangesRepo }, input: ObservedChangeInput, actorUserId: string | null) {
  return deps.repo.record(input, actorUserId, (id) => ({
    actorUserId,
    action: 'observed_change.record',
    entityType: 'observed_change',
    entityId: id,
    territoryId: input.territoryId,
    details: { kind: input.kind, observedOn: input.observedOn },
  }));
}

export async function attachObservedChange(
  deps: { repo: ObservedChangesRepo },
  observation: { id: string; territoryId: string },
  link: { pathwayId: string | null; changeId: string | null },
  actorUserId: string | null,
): Promise<Result<true, 'observed_change_link_invalid'>> {
  if ((link.pathwayId === null) !== (link.changeId === null)) return fail('observed_change_link_invalid', { field: 'body.changeId' });
  const target = link.pathwayId && link.changeId ? { pathwayId: link.pathwayId, changeId: link.changeId } : null;
  const done = await deps.repo.attach(observation.id, target, {
    actorUserId,
    action: 'observed_change.attach',
    entityType: 'observed_change',
    entityId: observation.id,
    territoryId: observation.territoryId,
    details: { ...link },
  });
  return done ? ok(true) : fail('observed_change_link_invalid', { field: 'body.changeId' });
}

/** Observations grouped by month, the most recent first: the territory's timeline. */
export function observationTimeline<O extends { observedOn: string; kind: ObservedKind }>(
  items: readonly O[],
): { month: string; counts: Record<ObservedKind, number>; items: O[] }[] {
  const months = new Map<string, O[]>();
  for (const o of [...items].sort((a, b) => b.observedOn.localeCompare(a.observedOn))) {
    const month = o.observedOn.slice(0, 7);
    months.set(month, [...(months.get(month) ?? []), o]);
  }
  return [...months.entries()].map(([month, list]) => ({
    month,
    counts: Object.fromEntries(OBSERVED_KINDS.map((k) => [k, list.filter((o) => o.kind === k).length])) as Record<ObservedKind, number>,
    items: list,
  }));
}
