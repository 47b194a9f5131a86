import { type Actor, can, parisToday, presentDetail, type WorkspaceDeps } from '@maillage/core';
import { collectiveContext, collectivesWorkspaceRepo } from '@maillage/db';
import type { AppDeps } from '../deps';
import { Problem } from '../http/problem';
import type { RefDecl } from '../http/refs';

export const tags = ['collectifs'];
export const collectiveRef = { at: 'params.id', kind: 'collective' } as const satisfies RefDecl;

export const workspaceDeps = (deps: AppDeps): WorkspaceDeps => ({ repo: collectivesWorkspaceRepo(deps.store.db), now: deps.now });
export const userIdOf = (actor: Actor): string | null => (actor.kind === 'user' ? actor.userId : null);

/** What the caller may do on a collective (the policy on the collective's own context). */
export async function mayOn(deps: AppDeps, actor: Actor, collectiveId: string) {
  const ctx = await collectiveContext(deps.store.db, collectiveId);
  if (!ctx) throw new Problem('collective_not_found');
  const edit = can(actor, 'collective.edit', ctx);
  return {
    edit,
    seeContacts: edit,
    answerRequests: can(actor, 'collective.support', ctx),
    answerQuestions: can(actor, 'collective.write', ctx),
  };
}

/** The detail view of a collective for this caller. */
export async function detailFor(deps: AppDeps, actor: Actor, collectiveId: string) {
  const record = await workspaceDeps(deps).repo.workspace(collectiveId, parisToday(deps.now()));
  if (!record) throw new Problem('collective_not_found');
  return presentDetail(record, await mayOn(deps, actor, collectiveId), deps.now());
}
