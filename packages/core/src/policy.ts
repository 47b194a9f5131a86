import type { Actor } from './accounts/actor';
import { accountsRules } from './accounts/permissions';
import { callsRules } from './calls/permissions';
import { changeRules } from './change/permissions';
import { collectivesRules } from './collectives/permissions';
import { ecosystemRules } from './ecosystem/permissions';
import { evaluationRules } from './evaluation/permissions';
import { eventsRules } from './events/permissions';
import { liveRules } from './live/permissions';
import type { PolicyContext, Rule } from './policy-types';
import { territoriesRules } from './territories/permissions';

/**
 * The one policy module: every permission of maillage, by action name. Each capability declares
 * its rules in its own `permissions.ts`; every route names the action it needs.
 */
export const rules = {
  /** Health, documentation and other public reads. */
  public: () => true,
  ...accountsRules,
  ...territoriesRules,
  ...ecosystemRules,
  ...eventsRules,
  ...liveRules,
  ...collectivesRules,
  ...changeRules,
  ...evaluationRules,
  ...callsRules,
} satisfies Record<string, Rule>;

export type Action = keyof typeof rules;

export const actions = Object.keys(rules) as Action[];

/** Decides whether `actor` may perform `action` in `ctx`. */
export function can(actor: Actor, action: Action, ctx: PolicyContext = {}): boolean {
  return rules[action](actor, ctx);
}

export type { PolicyContext, Rule };
