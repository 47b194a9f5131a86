import type { Actor } from '../accounts/index';
import { can } from '../policy';
import { fail, ok, type Result } from '../shared/result';
import { actorKindLabels } from './model';
import type { EcosystemRepo } from './ports';
import {
  acceptance,
  baseOf,
  type DecideError,
  fieldsOfBody,
  type OrganisationFields,
  type ProposalBody,
  type ProposalRow,
  proposalDiff,
  proposedChanges,
  refusal,
} from './proposals';
import type { OrganisationProposalsView, PendingProposalsView, ProposalView } from './views';

const userOf = (actor: Actor) => (actor.kind === 'user' ? actor.userId : null);

export type ProposeChangeError =
  | 'organisation_not_found'
  | 'organisation_changed_since_read'
  | 'proposal_empty'
  | 'proposal_duplicate'
  | 'territory_not_found'
  | 'theme_not_found';

/**
 * Records a proposed change to an organisation: only the fields that differ from the version its
 * author read, with their values then. A proposal made on a record changed since it was read is
 * refused (the author reloads and sees what changed); one that changes nothing too, and one whose
 * new name, SIREN or commune makes the record a probable duplicate of another organisation (that
 * is for the coordinator to merge, not for a proposal to create).
 */
export async function proposeOrganisationChange(
  repo: EcosystemRepo,
  organisationId: string,
  body: ProposalBody,
  actorUserId: string | null,
): Promise<Result<{ id: string }, ProposeChangeError>> {
  const current = await repo.organisationFields(organisationId);
  if (!current) return fail('organisation_not_found');
  if (current.version !== body.baseVersion) return fail('organisation_changed_since_read');
  const proposed = fieldsOfBody(body);
  const changes = proposedChanges(current.fields, proposed);
  if (Object.keys(changes).length === 0) return fail('proposal_empty');
  if ((await repo.existingTerritories(proposed.territoryIds)).length !== proposed.territoryIds.length) return fail('territory_not_found');
  if ((await repo.usableThemes(proposed.themeIds)).length !== proposed.themeIds.length) return fail('theme_not_found');
  if ('name' in changes || 'siren' in changes || 'communeId' in changes) {
    const probe = { name: proposed.name, siren: proposed.siren, communeId: proposed.communeId };
    const duplicates = (await repo.findDuplicates(probe)).filter((d) => d.id !== organisationId);
    if (duplicates.length > 0) return fail('proposal_duplicate', { candidates: duplicates });
  }
  const id = await repo.insertProposal(
    {
      organisationId,
      territoryId: current.territoryId,
      changes,
      base: baseOf(current.fields, changes),
      baseVersion: current.version,
      authorUserId: actorUserId,
      message: body.message,
    },
    // Field names only: the values stay in the proposal, which erasure reaches.
    (created) => ({
      actorUserId,
      action: 'organisation.propose',
      entityType: 'organisation',
      entityId: organisationId,
      territoryId: current.territoryId,
      details: { proposalId: created, fields: Object.keys(changes) },
    }),
  );
  return ok({ id });
}

async function present(repo: EcosystemRepo, actor: Actor, rows: readonly ProposalRow[]): Promise<ProposalView[]> {
  const territories = new Set<string>();
  const themes = new Set<string>();
  for (const r of rows)
    for (const side of [r.base, r.changes]) {
      for (const t of side.territoryIds ?? []) territories.add(t);
      if (side.communeId) territories.add(side.communeId);
      for (const t of side.themeIds ?? []) themes.add(t);
    }
  const names =
    territories.size || themes.size ? await repo.diffNames([...territories], [...themes]) : { territories: new Map(), themes: new Map() };
  const me = userOf(actor);
  return rows.map((r) => ({
    id: r.id,
    organisation: { id: r.organisationId, name: r.organisationName },
    status: r.status,
    diff: proposalDiff(r.base, r.changes, { ...names, kinds: actorKindLabels }),
    author: r.authorName,
    mine: me !== null && r.authorUserId === me,
    message: r.message,
    createdAt: r.createdAt,
    decidedBy: r.decidedByName,
    decidedAt: r.decidedAt,
    decisionNote: r.decisionNote,
  }));
}

/** An organisation's proposals: those waiting (oldest first) and the history of the others (newest first). */
export async function readOrganisationProposals(
  repo: EcosystemRepo,
  actor: Actor,
  organisationId: string,
): Promise<OrganisationProposalsView> {
  const rows = await repo.proposals(organisationId);
  const views = await present(repo, actor, rows);
  const ctx = await repo.organisationsContext([organisationId]);
  return {
    pending: views.filter((p) => p.status === 'proposed').reverse(),
    history: views.filter((p) => p.status !== 'proposed'),
    canDecide: can(actor, 'organisation.decide', ctx),
  };
}

/** What waits for a decision on the organisations of a territory. */
export async function readPendingProposals(repo: EcosystemRepo, actor: Actor, territoryId: string): Promise<PendingProposalsView> {
  return { proposals: await present(repo, actor, await repo.pendingProposals(territoryId)) };
}

export type DecideProposalError = DecideError | 'proposal_not_found' | 'forbidden';

/** The proposal, if it is one of this organisation's (an id of another organisation is not found). */
async function proposalOf(repo: EcosystemRepo, organisationId: string, proposalId: string) {
  const p = await repo.getProposal(proposalId);
  return p && p.organisationId === organisationId ? p : undefined;
}

/**
 * Accepts a proposal: its changes are applied to the record as it is now, in one transaction
 * with the decision and its audit entry. `mayChangeTerritory` says whether the decider works on a
 * territory the change adds the organisation to or takes it from (nobody moves an organisation
 * onto or off a territory they do not work on).
 */
export async function acceptOrganisationProposal(
  repo: EcosystemRepo,
  organisationId: string,
  proposalId: string,
  note: string | null,
  actorUserId: string | null,
  mayChangeTerritory: (territoryId: string) => boolean,
): Promise<Result<{ id: string; status: 'accepted' }, DecideProposalError>> {
  const proposal = await proposalOf(repo, organisationId, proposalId);
  if (!proposal) return fail('proposal_not_found');
  const result = await repo.acceptProposal<DecideProposalError>(
    proposalId,
    (p, current): Result<OrganisationFields, DecideProposalError> => {
      const decided = acceptance(p, current);
      if (!decided.ok) return decided;
      const before = new Set(current.fields.territoryIds);
      const after = new Set(decided.value.territoryIds);
      const moved = [...[...after].filter((t) => !before.has(t)), ...[...before].filter((t) => !after.has(t))];
      return moved.some((t) => !mayChangeTerritory(t)) ? fail('forbidden') : decided;
    },
    { by: actorUserId, note },
    {
      actorUserId,
      action: 'organisation.proposal.accept',
      entityType: 'organisation',
      entityId: organisationId,
      territoryId: proposal.territoryId,
      details: { proposalId, fields: Object.keys(proposal.changes) },
    },
  );
  if (!result.ok) return result;
  return ok({ id: proposalId, status: 'accepted' as const });
}

/** Refuses a proposal; it stays, with the decision and the note, in the organisation's history. */
export async function refuseOrganisationProposal(
  repo: EcosystemRepo,
  organisationId: string,
  proposalId: string,
  note: string | null,
  actorUserId: string | null,
): Promise<Result<{ id: string; status: 'refused' }, DecideProposalError>> {
  const proposal = await proposalOf(repo, organisationId, proposalId);
  if (!proposal) return fail('proposal_not_found');
  const allowed = refusal(proposal);
  if (!allowed.ok) return allowed;
  const done = await repo.refuseProposal(
    proposalId,
    { by: actorUserId, note },
    {
      actorUserId,
      action: 'organisation.proposal.refuse',
      entityType: 'organisation',
      entityId: organisationId,
      territoryId: proposal.territoryId,
      details: { proposalId },
    },
  );
  return done ? ok({ id: proposalId, status: 'refused' as const }) : fail('proposal_already_decided');
}
