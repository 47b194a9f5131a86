import { fail, ok, type Result } from '../shared/result';
import {
  CODEV_PROPOSALS_PER_PARTICIPANT,
  type CodevPreset,
  type CodevState,
  type CodevStep,
  type CodevSubjectType,
  codevPresetSteps,
  codevRecordDraft,
  type CodevRecordDraft,
  currentCodevStep,
} from './codev';
import type { SubmissionInput, SubmitErrorCode } from './protocol';
import type { LiveEvent, RoomState } from './room';

/**
 * The commands of a co-development session, as pure deciders (see commands.ts): the facilitator's
 * (configure, choose the porteur, move between steps, start and pause the step's timer, close and
 * keep the record) and the phones' (a contributor's proposal, the porteur's texts, the learnings).
 */

export type CodevCommandError =
  | 'activity_not_found'
  | 'wrong_kind'
  | 'unknown_participant'
  | 'invalid_step'
  | 'invalid_options'
  | 'timer_not_running';

export interface NewCodev {
  readonly prompt?: string | undefined;
  readonly subjectType: CodevSubjectType;
  /** A preset, or the custom steps. */
  readonly preset?: CodevPreset | undefined;
  readonly steps?:
    | readonly { readonly label: string; readonly minutes: number; readonly kind?: CodevStep['kind'] | undefined }[]
    | undefined;
  readonly porteurId?: string | null | undefined;
  readonly collectiveId?: string | null | undefined;
}

/** Adds a co-development session to the room (the payette preset unless custom steps are given). */
export function decideAddCodev(state: RoomState, activityId: string, input: NewCodev): Result<LiveEvent[], CodevCommandError> {
  if (input.porteurId && !state.participants.has(input.porteurId)) return fail('unknown_participant');
  const steps: CodevStep[] = input.steps?.length
    ? input.steps.map((s) => ({ kind: s.kind ?? 'other', label: s.label.trim(), minutes: s.minutes }))
    : [...codevPresetSteps[input.preset ?? 'payette']];
  if (steps.length === 0 || steps.some((s) => !s.label)) return fail('invalid_options');
  return ok([
    {
      type: 'activity.added',
      activityId,
      kind: 'codev',
      prompt: input.prompt?.trim() || 'Co-développement',
      codev: { subjectType: input.subjectType, steps, porteur: input.porteurId ?? null, collectiveId: input.collectiveId ?? null },
    },
  ]);
}

function codevOf(state: RoomState, activityId: string): Result<CodevState, CodevCommandError> {
  const a = state.activities.get(activityId);
  if (!a) return fail('activity_not_found');
  if (!a.codev) return fail('wrong_kind');
  return ok(a.codev);
}

/** The porteur: a participant of the room, who brings the situation and writes the action plan. */
export function decideCodevPorteur(state: RoomState, activityId: string, participantId: string): Result<LiveEvent[], CodevCommandError> {
  const found = codevOf(state, activityId);
  if (!found.ok) return found;
  if (!state.participants.has(participantId)) return fail('unknown_participant');
  return ok([{ type: 'codev.porteur', activityId, participantId }]);
}

/** Moves to a step (the next, the previous, any): the step's timer stops until started again. */
export function decideCodevStep(state: RoomState, activityId: string, step: number): Result<LiveEvent[], CodevCommandError> {
  const found = codevOf(state, activityId);
  if (!found.ok) return found;
  if (!Number.isInteger(step) || step < 0 || step >= found.value.steps.length) return fail('invalid_step');
  const events: LiveEvent[] = [{ type: 'codev.step', activityId, step }];
  if (state.timer) events.push({ type: 'timer.stopped' });
  return ok(events);
}

/**
 * Starts the current step's timer (its duration, or what was left when paused), or pauses it
 * (what is left is kept for the restart). The room's timer is the one everyone sees.
 */
export function decideCodevTimer(
  state: RoomState,
  activityId: string,
  running: boolean,
  now: number,
): Result<LiveEvent[], CodevCommandError> {
  const found = codevOf(state, activityId);
  if (!found.ok) return found;
  const codev = found.value;
  const step = currentCodevStep(codev);
  if (!step) return fail('invalid_step');
  if (!running) {
    if (!state.timer) return fail('timer_not_running');
    const remainingMs = Math.max(0, state.timer.endsAt - now);
    return ok([{ type: 'timer.stopped' }, { type: 'codev.paused', activityId, remainingMs }]);
  }
  const ms = codev.pausedMs && codev.pausedMs > 0 ? codev.pausedMs : step.minutes * 60_000;
  return ok([
    { type: 'timer.started', startedAt: now, endsAt: now + ms, warnBeforeMs: Math.min(60_000, Math.floor((step.minutes * 60_000) / 5)) },
    { type: 'codev.paused', activityId, remainingMs: null },
  ]);
}

/** Closes a session (no more proposals); the caller then keeps its record (`codevRecordOf`). */
export function decideCloseCodev(state: RoomState, activityId: string): Result<LiveEvent[], CodevCommandError | 'activity_closed'> {
  const found = codevOf(state, activityId);
  if (!found.ok) return found;
  if (!state.activities.get(activityId)?.open) return fail('activity_closed');
  return ok([{ type: 'activity.closed', activityId }]);
}

/** What a finished session leaves: its record, built from the room's state. */
export function codevRecordOf(state: RoomState, activityId: string): Result<CodevRecordDraft, CodevCommandError> {
  const found = codevOf(state, activityId);
  if (!found.ok) return found;
  return ok(codevRecordDraft(state, found.value));
}

type CodevSubmission = Extract<SubmissionInput, { kind: 'codev-proposal' } | { kind: 'codev-text' }>;

/** A phone's submission to a session: a contributor's proposal, the porteur's texts, a learning. */
export function decideCodevSubmission(
  state: RoomState,
  participantId: string,
  activityId: string,
  input: CodevSubmission,
): Result<LiveEvent, SubmitErrorCode> {
  const activity = state.activities.get(activityId);
  if (!activity) return fail('activity_not_found');
  if (!activity.open) return fail('activity_closed');
  const codev = activity.codev;
  if (!codev) return fail('wrong_kind');
  const step = currentCodevStep(codev);
  const text = input.text.replace(/[ \t]+/g, ' ').trim();
  if (input.kind === 'codev-proposal') {
    // The porteur listens during the consultation; proposals come only then.
    if (participantId === codev.porteur) return fail('porteur_listens');
    if (step?.kind !== 'consultation') return fail('wrong_step');
    if ((codev.postedBy.get(participantId) ?? 0) >= CODEV_PROPOSALS_PER_PARTICIPANT) return fail('too_many_ideas');
    return ok({ type: 'codev.proposal', activityId, participantId, text, signed: input.signed });
  }
  if (input.field === 'learning') {
    if (step?.kind !== 'learnings') return fail('wrong_step');
    if (!text) return fail('empty_text');
    return ok({ type: 'codev.written', activityId, participantId, field: 'learning', text });
  }
  if (participantId !== codev.porteur) return fail('not_porteur');
  if (input.field === 'action-plan') {
    return ok({ type: 'codev.written', activityId, participantId, field: 'action-plan', text, followUp: input.followUp ?? null });
  }
  return ok({ type: 'codev.written', activityId, participantId, field: input.field, text });
}
