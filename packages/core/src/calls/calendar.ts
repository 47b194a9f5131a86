import { parisDay } from '../shared/time';
import { STEP_LABELS, type StepKind, type StepState } from './model';

/**
 * The calendar of a call: its dated steps and their state on a given instant. A step opens at
 * 00:00 (Europe/Paris) of its opening day and closes at 24:00 (Europe/Paris) of its closing day,
 * so comparing the Paris date of the instant with the two days says it, whatever the server's zone.
 */

export interface CallStep {
  readonly kind: StepKind;
  readonly opensOn: string;
  readonly closesOn: string;
}

/** A step's state at this instant: not yet open, open, or closed. */
export function stepState(step: Pick<CallStep, 'opensOn' | 'closesOn'>, at: Date): StepState {
  const today = parisDay(at);
  if (today < step.opensOn) return 'a_venir';
  if (today > step.closesOn) return 'close';
  return 'ouverte';
}

/** Whether a step of this kind is open at this instant (any of them, when the call has several). */
export function isStepOpen(steps: readonly CallStep[], kind: StepKind, at: Date): boolean {
  return steps.some((s) => s.kind === kind && stepState(s, at) === 'ouverte');
}

/**
 * The step that says where the call is: among the open steps, the one closing first (in January
 * the deposit's last days rather than the year of the actions); when none is open, the next one
 * to open; when all are closed, the last one to have closed. Null for a call without steps.
 */
export function currentStep<S extends CallStep>(steps: readonly S[], at: Date): S | null {
  const today = parisDay(at);
  const open = steps.filter((s) => s.opensOn <= today && today <= s.closesOn);
  if (open.length) return [...open].sort((a, b) => a.closesOn.localeCompare(b.closesOn) || a.opensOn.localeCompare(b.opensOn))[0] ?? null;
  const next = steps.filter((s) => s.opensOn > today).sort((a, b) => a.opensOn.localeCompare(b.opensOn))[0];
  if (next) return next;
  return [...steps].sort((a, b) => b.closesOn.localeCompare(a.closesOn))[0] ?? null;
}

/**
 * The typical calendar of a contrat de ville's call for the programming year `year`: the note de
 * cadrage in October of the year before, the pré-dossier to the local team by 30 November, the
 * deposit from December to mid-January, the technical instruction from February to April, the
 * comité de pilotage at the end of April, the actions over the calendar year, and the compte rendu
 * financier within six months after it ends.
 */
export function defaultSteps(year: number): (CallStep & { label: string })[] {
  const before = year - 1;
  const after = year + 1;
  const step = (kind: StepKind, opensOn: string, closesOn: string) => ({ kind, label: STEP_LABELS[kind], opensOn, closesOn });
  return [
    step('cadrage', `${before}-10-01`, `${before}-10-31`),
    step('pre_dossier', `${before}-10-01`, `${before}-11-30`),
    step('depot', `${before}-12-01`, `${year}-01-15`),
    step('instruction', `${year}-02-01`, `${year}-04-20`),
    step('comite', `${year}-04-21`, `${year}-04-30`),
    step('realisation', `${year}-01-01`, `${year}-12-31`),
    step('compte_rendu', `${after}-01-01`, `${after}-06-30`),
  ];
}
