import type { AuditEntryInput } from '../accounts/index';
import { fail, ok, type Result } from '../shared/result';
import { checkLink, type LinkError, pathBetween } from './graph';
import { HORIZON_LABELS, type Light } from './model';
import type {
  PathwayChangeRecord,
  PathwayIndicatorRecord,
  PathwayAuthor,
  PathwayDecider,
  PathwayDecision,
  PathwayOp,
  PathwayState,
  PathwaysRepo,
  StoredPathwayView,
} from './ports';
import { SEED003_TEMPLATE } from './template';

/**
 * The use cases of change pathways. Each write is a pure decider run by the store on the pathway's
 * locked state (so two concurrent links cannot close a cycle together), then the store applies
 * its effects as a new version with its summary and audit entry.
 */

export type PathwayError =
  | LinkError
  | 'change_not_found'
  | 'link_not_found'
  | 'action_not_found'
  | 'indicator_not_found'
  | 'contribution_unknown'
  | 'review_unknown_change';

export interface PathwaysDeps {
  readonly repo: PathwaysRepo;
}

export interface PathwayChangeInput {
  readonly horizon: PathwayChangeRecord['horizon'];
  readonly text: string;
  readonly actors?: { readonly organisationIds: readonly string[]; readonly kinds: readonly string[] } | undefined;
  readonly markers?: PathwayChangeRecord['markers'] | undefined;
  readonly contributesTo?: readonly string[] | undefined;
}

const short = (text: string, max = 60) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);
const quoted = (text: string) => `« ${short(text)} »`;

const decision = (summary: string, ...ops: PathwayOp[]): Result<PathwayDecision, never> => ok({ summary, ops });

/** The ops that fill a new pathway from seed 003's example (vision, nine changes, their links). */
export function seed003Ops(newId: () => string): PathwayOp[] {
  const ids = new Map(SEED003_TEMPLATE.changes.map((c) => [c.key, newId()]));
  const ops: PathwayOp[] = [{ op: 'vision', vision: SEED003_TEMPLATE.vision }];
  for (const c of SEED003_TEMPLATE.changes) {
    ops.push({
      op: 'addChange',
      change: {
        id: ids.get(c.key) as string,
        horizon: c.horizon,
        text: c.text,
        organisationIds: [],
        kinds: [],
        markers: [],
        contributesTo: [],
      },
    });
  }
  for (const [from, to] of SEED003_TEMPLATE.links) {
    ops.push({
      op: 'addLink',
      link: {
        id: newId(),
        from: ids.get(from) as string,
        to: to === null ? null : (ids.get(to) as string),
        rationale: '',
        assumptions: '',
      },
    });
  }
  return ops;
}

/** Creates a pathway, empty or from seed 003's template. */
export async function createPathway(
  deps: PathwaysDeps,
  input: { title: string; territoryId: string; collectiveId: string | null; template?: 'seed003' | null | undefined },
  author: PathwayAuthor,
): Promise<StoredPathwayView> {
  const { template, ...fields } = input;
  return deps.repo.create(
    fields,
    (_state, newId) =>
      decision(
        template === 'seed003' ? 'Chemin créé à partir du modèle « Vision collective et chemins de changements »' : 'Chemin créé',
        ...(template === 'seed003' ? seed003Ops(newId) : []),
      ),
    author,
    (pathwayId) => ({
      actorUserId: author.userId,
      action: 'pathway.create',
      entityType: 'pathway',
      entityId: pathwayId,
      territoryId: input.territoryId,
      details: { collectiveId: input.collectiveId, template: template ?? null },
    }),
  );
}

/** Runs one decider as a write of the pathway, with its audit entry. */
export function writePathway<E extends string>(
  deps: PathwaysDeps,
  pathway: { id: string; territoryId: string },
  action: string,
  decide: PathwayDecider<E>,
  author: PathwayAuthor,
  details: Record<string, unknown> = {},
): Promise<Result<StoredPathwayView, E | 'pathway_not_found'>> {
  const audit: AuditEntryInput = {
    actorUserId: author.userId,
    action,
    entityType: 'pathway',
    entityId: pathway.id,
    territoryId: pathway.territoryId,
    details,
  };
  return deps.repo.write(pathway.id, decide, author, audit);
}

// ——— Deciders: pure rules on the locked state ———

export const renameDecider =
  (title: string): PathwayDecider<never> =>
  () =>
    decision(`Titre changé en ${quoted(title)}`, { op: 'title', title });

export const visionDecider =
  (vision: { sentence: string; frontPageTitle: string; frontPageStory: string }): PathwayDecider<never> =>
  () =>
    decision('Vision et une de journal modifiées', { op: 'vision', vision });

function changeRecord(id: string, input: PathwayChangeInput): PathwayChangeRecord {
  return {
    id,
    horizon: input.horizon,
    text: input.text,
    organisationIds: [...new Set(input.actors?.organisationIds ?? [])],
    kinds: input.actors?.kinds ?? [],
    markers: input.markers ?? [],
    contributesTo: [...new Set(input.contributesTo ?? [])],
  };
}

/**
 * Adds a change. `contributable`: of the contributions asked, those the store found to be changes
 * of a territory's pathway covering this one's territory.
 */
export const addChangeDecider =
  (input: PathwayChangeInput, contributable: ReadonlySet<string>): PathwayDecider<'contribution_unknown'> =>
  (state, newId) => {
    const change = changeRecord(newId(), input);
    if (change.contributesTo.some((id) => !contributable.has(id) || state.changes.some((c) => c.id === id))) {
      return fail('contribution_unknown');
    }
    return decision(`Changement ajouté (${HORIZON_LABELS[change.horizon].fr.toLowerCase()}) : ${quoted(change.text)}`, {
      op: 'addChange',
      change,
    });
  };

/**
 * Updates a change. Moving it to another horizon keeps its links only when none goes backwards:
 * otherwise `link_backwards`, naming the link.
 */
export const updateChangeDecider =
  (
    changeId: string,
    patch: Partial<PathwayChangeInput>,
    contributable: ReadonlySet<string>,
  ): PathwayDecider<'change_not_found' | 'contribution_unknown' | 'link_backwards'> =>
  (state) => {
    const current = state.changes.find((c) => c.id === changeId);
    if (!current) return fail('change_not_found');
    const next = changeRecord(changeId, {
      horizon: patch.horizon ?? current.horizon,
      text: patch.text ?? current.text,
      actors: patch.actors ?? { organisationIds: current.organisationIds, kinds: current.kinds },
      markers: patch.markers ?? current.markers,
      contributesTo: patch.contributesTo ?? current.contributesTo,
    });
    const added = next.contributesTo.filter((id) => !current.contributesTo.includes(id));
    if (added.some((id) => !contributable.has(id))) return fail('contribution_unknown');
    if (next.horizon !== current.horizon) {
      const changes = state.changes.map((c) => (c.id === changeId ? next : c));
      for (const l of state.links.filter((l) => l.from === changeId || l.to === changeId)) {
        const check = checkLink({ changes, links: state.links.filter((x) => x.id !== l.id) }, l);
        if (!check.ok && check.error === 'link_backwards') return fail('link_backwards', check.details);
      }
    }
    return decision(`Changement modifié : ${quoted(next.text)}`, { op: 'updateChange', change: next });
  };

export const deleteChangeDecider =
  (changeId: string): PathwayDecider<'change_not_found'> =>
  (state) => {
    const current = state.changes.find((c) => c.id === changeId);
    if (!current) return fail('change_not_found');
    return decision(`Changement retiré : ${quoted(current.text)}`, { op: 'deleteChange', id: changeId });
  };

/** Adds a link, refused when it goes backwards, repeats one, or closes a cycle (the cycle is named). */
export const addLinkDecider =
  (input: {
    from: string;
    to: string | null;
    rationale?: string | undefined;
    assumptions?: string | undefined;
  }): PathwayDecider<LinkError> =>
  (state, newId) => {
    const check = checkLink(state, { from: input.from, to: input.to });
    if (!check.ok) {
      if (check.error === 'link_cycle') {
        const texts = new Map(state.changes.map((c) => [c.id, c.text]));
        const path = (pathBetween(state.links, input.to as string, input.from) ?? []).map((id) => short(texts.get(id) ?? id, 40));
        return fail('link_cycle', { cycle: [...path, short(texts.get(input.to as string) ?? '', 40)].join(' → ') });
      }
      return check;
    }
    const texts = new Map(state.changes.map((c) => [c.id, c.text]));
    const target = input.to === null ? 'la vision' : quoted(texts.get(input.to) ?? '');
    return decision(`Lien ajouté : ${quoted(texts.get(input.from) ?? '')} → ${target}`, {
      op: 'addLink',
      link: { id: newId(), from: input.from, to: input.to, rationale: input.rationale ?? '', assumptions: input.assumptions ?? '' },
    });
  };

export const deleteLinkDecider =
  (linkId: string): PathwayDecider<'link_not_found'> =>
  (state) => {
    if (!state.links.some((l) => l.id === linkId)) return fail('link_not_found');
    return decision('Lien retiré', { op: 'deleteLink', id: linkId });
  };

export const addActionDecider =
  (input: {
    changeId: string;
    text: string;
    collectiveId?: string | null | undefined;
    organisationId?: string | null | undefined;
    byName?: string | undefined;
  }): PathwayDecider<'change_not_found'> =>
  (state, newId) => {
    if (!state.changes.some((c) => c.id === input.changeId)) return fail('change_not_found');
    return decision(`Action ajoutée : ${quoted(input.text)}`, {
      op: 'addAction',
      action: {
        id: newId(),
        changeId: input.changeId,
        text: input.text,
        collectiveId: input.collectiveId ?? null,
        organisationId: input.organisationId ?? null,
        byName: input.byName ?? '',
      },
    });
  };

export const deleteActionDecider =
  (actionId: string): PathwayDecider<'action_not_found'> =>
  (state) => {
    const action = state.actions.find((a) => a.id === actionId);
    if (!action) return fail('action_not_found');
    return decision(`Action retirée : ${quoted(action.text)}`, { op: 'deleteAction', id: actionId });
  };

/** Adds an indicator (no `indicatorId`) or replaces one. Its change, when named, is one of the pathway's. */
export const putIndicatorDecider =
  (indicatorId: string | null, input: Omit<PathwayIndicatorRecord, 'id'>): PathwayDecider<'change_not_found' | 'indicator_not_found'> =>
  (state, newId) => {
    if (indicatorId !== null && !state.indicators.some((i) => i.id === indicatorId)) return fail('indicator_not_found');
    if (input.changeId !== null && !state.changes.some((c) => c.id === input.changeId)) return fail('change_not_found');
    const isNew = indicatorId === null;
    return decision(`Indicateur ${isNew ? 'ajouté' : 'modifié'} : ${quoted(input.name)}`, {
      op: 'putIndicator',
      indicator: { ...input, id: indicatorId ?? newId() },
      isNew,
    });
  };

export const deleteIndicatorDecider =
  (indicatorId: string): PathwayDecider<'indicator_not_found'> =>
  (state) => {
    const indicator = state.indicators.find((i) => i.id === indicatorId);
    if (!indicator) return fail('indicator_not_found');
    return decision(`Indicateur retiré : ${quoted(indicator.name)}`, { op: 'deleteIndicator', id: indicatorId });
  };

/** A review: a light per change (each change of this pathway, at most once). */
export const addReviewDecider =
  (input: {
    heldOn: string;
    summary?: string | undefined;
    lights: readonly { changeId: string; light: Light; comment: string }[];
  }): PathwayDecider<'review_unknown_change'> =>
  (state, newId) => {
    const ids = new Set(state.changes.map((c) => c.id));
    const seen = new Set<string>();
    for (const l of input.lights) {
      if (!ids.has(l.changeId) || seen.has(l.changeId)) return fail('review_unknown_change', { changeId: l.changeId });
      seen.add(l.changeId);
    }
    return decision(`Revue du ${input.heldOn} (${input.lights.length} feu${input.lights.length > 1 ? 'x' : ''})`, {
      op: 'addReview',
      review: { id: newId(), heldOn: input.heldOn, summary: input.summary ?? '', lights: input.lights },
    });
  };

export const addJournalDecider =
  (input: { on: string; text: string }): PathwayDecider<never> =>
  (_state, newId) =>
    decision(`Note du journal du ${input.on}`, { op: 'addJournal', note: { id: newId(), on: input.on, text: input.text } });

/** The last light of each change: from the latest review (by day, then by order of writing) that lit it. */
export function lastLights(state: Pick<PathwayState, 'reviews'>): Map<string, Light> {
  const out = new Map<string, Light>();
  const sorted = state.reviews.map((r, i) => ({ r, i })).sort((a, b) => a.r.heldOn.localeCompare(b.r.heldOn) || a.i - b.i);
  for (const { r } of sorted) for (const l of r.lights) out.set(l.changeId, l.light);
  return out;
}
