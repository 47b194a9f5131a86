import type { Decision } from './model';
import { type ApplicationStatus, COMMITTEE_STATUSES, EDITABLE_STATUSES, TRANSITIONS, transition } from './model';

/**
 * Who may move an application where: the applicant (a person of one of its structures) moves it
 * per the applicant's transitions, the call's team (the territory's coordinators) per theirs; the
 * decisions of the committee make it `accorde` or `rejete`. Pure.
 */

export interface ApplicationRoles {
  /** A person of one of the application's structures (or the call's team, who may help). */
  readonly applicant: boolean;
  /** The call's team: the territory's coordinators. */
  readonly coordinator: boolean;
}

/** The statuses these roles may move a file to from `from` (the decided statuses excluded: the committee decides them). */
export function movesFor(from: ApplicationStatus, roles: ApplicationRoles): ApplicationStatus[] {
  return TRANSITIONS.filter((t) => t.from === from && (t.by === 'applicant' ? roles.applicant : roles.coordinator)).map((t) => t.to);
}

export type MoveRefusal = 'application_move_unknown' | 'application_move_forbidden';

/** Whether a move is allowed to these roles: the refusal's code, or null. */
export function checkMove(from: ApplicationStatus, to: ApplicationStatus, roles: ApplicationRoles): MoveRefusal | null {
  const t = transition(from, to);
  if (!t) return 'application_move_unknown';
  if (t.by === 'applicant' ? !roles.applicant : !roles.coordinator) return 'application_move_forbidden';
  return null;
}

/** Whether a move sends the file (and so needs the call's eligibility): the pré-dossier or the deposit. */
export function moveIntent(to: ApplicationStatus): 'pre_dossier' | 'depot' | null {
  return to === 'depose' ? 'depot' : to === 'pre_dossier' ? 'pre_dossier' : null;
}

export const isEditable = (status: ApplicationStatus): boolean => EDITABLE_STATUSES.includes(status);
export const atCommittee = (status: ApplicationStatus): boolean => COMMITTEE_STATUSES.includes(status);
/** The compte rendu financier is written once the file is granted (to justify it). */
export const mayReport = (status: ApplicationStatus): boolean => ['accorde', 'a_justifier'].includes(status);

/**
 * The status the committee's decisions lead to: accordé when at least one funder's line is
 * accordé with an amount, else rejeté.
 */
export function decisionOutcome(lines: readonly { readonly decision: Decision; readonly votedCents: number }[]): 'accorde' | 'rejete' {
  return lines.some((l) => l.decision === 'accorde' && l.votedCents > 0) ? 'accorde' : 'rejete';
}

/** A decision line's checks: a rejected line votes nothing, an accorded one votes an amount. */
export function decisionLineProblem(line: { readonly decision: Decision; readonly votedCents: number }): string | null {
  if (line.decision === 'rejete' && line.votedCents !== 0) return 'une ligne rejetée ne vote aucun montant';
  if (line.decision === 'accorde' && line.votedCents <= 0) return 'une ligne accordée vote un montant supérieur à zéro';
  return null;
}
