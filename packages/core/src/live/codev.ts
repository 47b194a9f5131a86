/**
 * Co-development (codéveloppement professionnel, Payette & Champagne; DOMAIN.md "Co-développement"):
 * a group of 5 to 10 peers helps one of them, the porteur, with a real and current situation
 * (a problème, a préoccupation or a projet) through timed steps run by the animateur. This module
 * holds the activity's state as folded from the room's log, its presets and its views; the
 * deciders are in `codev-commands.ts`.
 *
 * Confidentiality: a proposal carries its author's name only when they chose to sign it; the
 * porteur's private notes appear in the porteur's own phone view and nowhere else.
 */

export const codevSubjectTypes = ['probleme', 'preoccupation', 'projet'] as const;
export type CodevSubjectType = (typeof codevSubjectTypes)[number];

/**
 * What a step is for: it decides what phones may send during it (proposals in `consultation`,
 * learnings in `learnings`) and which instructions are shown. A custom step is `other` unless
 * the facilitator says otherwise.
 */
export const codevStepKinds = [
  'subject',
  'expose',
  'clarification',
  'contract',
  'consultation',
  'action-plan',
  'learnings',
  'other',
] as const;
export type CodevStepKind = (typeof codevStepKinds)[number];

export interface CodevStep {
  readonly kind: CodevStepKind;
  readonly label: string;
  readonly minutes: number;
}

export const codevPresets = ['payette', 'seed'] as const;
export type CodevPreset = (typeof codevPresets)[number];

/** The six steps of Payette & Champagne, and the five of the seed (no contract, no learning round). */
export const codevPresetSteps: Readonly<Record<CodevPreset, readonly CodevStep[]>> = {
  payette: [
    { kind: 'expose', label: 'Exposé', minutes: 10 },
    { kind: 'clarification', label: 'Questions de clarification', minutes: 15 },
    { kind: 'contract', label: 'Contrat', minutes: 5 },
    { kind: 'consultation', label: 'Consultation', minutes: 25 },
    { kind: 'action-plan', label: 'Synthèse et plan d’action', minutes: 15 },
    { kind: 'learnings', label: 'Conclusion et apprentissages', minutes: 10 },
  ],
  seed: [
    { kind: 'subject', label: 'Choix du sujet', minutes: 10 },
    { kind: 'expose', label: 'Présentation par le porteur', minutes: 10 },
    { kind: 'clarification', label: 'Questions de clarification', minutes: 15 },
    { kind: 'consultation', label: 'Propositions (le porteur écoute)', minutes: 25 },
    { kind: 'action-plan', label: 'Ce que le porteur retient', minutes: 10 },
  ],
};

/** What the facilitator chose when adding the activity (stored in `activity.added`). */
export interface CodevConfig {
  readonly subjectType: CodevSubjectType;
  readonly steps: readonly CodevStep[];
  readonly porteur: string | null;
  /** The collective the session is held for, if any: its record is then linked to it. */
  readonly collectiveId: string | null;
}

/** Longest proposal, note, subject or plan, in characters. */
export const CODEV_TEXT_MAX_LENGTH = 1000;
/** Most proposals one contributor may post to one session. */
export const CODEV_PROPOSALS_PER_PARTICIPANT = 20;
/** Most steps of a custom session. */
export const CODEV_MAX_STEPS = 12;

/** The porteur's texts and the group's learnings: what a phone may write (`codev-text`). */
export const codevFields = ['subject', 'contract', 'notes', 'action-plan', 'learning'] as const;
export type CodevField = (typeof codevFields)[number];

export interface CodevProposal {
  /** The seq of the event that posted it. */
  readonly id: number;
  readonly participantId: string;
  readonly text: string;
  readonly signed: boolean;
}

export interface CodevState {
  readonly subjectType: CodevSubjectType;
  readonly steps: readonly CodevStep[];
  porteur: string | null;
  readonly collectiveId: string | null;
  /** The current step, 0-based. */
  step: number;
  /** What was left of the step's timer when the facilitator paused it, in ms (null: not paused). */
  pausedMs: number | null;
  readonly proposals: Map<number, CodevProposal>;
  readonly postedBy: Map<string, number>;
  subject: string | null;
  contract: string | null;
  actionPlan: string | null;
  /** The follow-up date of the action plan (YYYY-MM-DD). */
  followUp: string | null;
  /** Private notes by their author (a porteur; a porteur replaced keeps theirs): only ever in the author's own view. */
  readonly notes: Map<string, string>;
  readonly learnings: { readonly id: number; readonly participantId: string; readonly text: string }[];
}

export function newCodev(config: CodevConfig): CodevState {
  return {
    subjectType: config.subjectType,
    steps: config.steps,
    porteur: config.porteur,
    collectiveId: config.collectiveId,
    step: 0,
    pausedMs: null,
    proposals: new Map(),
    postedBy: new Map(),
    subject: null,
    contract: null,
    actionPlan: null,
    followUp: null,
    notes: new Map(),
    learnings: [],
  };
}

export function currentCodevStep(codev: CodevState): CodevStep | undefined {
  return codev.steps[codev.step];
}

/** What changed after a codev event, as `applyEvent` reports it. */
type Changed = 'room' | 'results' | 'me' | 'mine' | 'none';

/** The codev events of the room's log (members of `LiveEvent`). */
export type CodevEvent =
  | { readonly type: 'codev.porteur'; readonly activityId: string; readonly participantId: string }
  | { readonly type: 'codev.step'; readonly activityId: string; readonly step: number }
  | { readonly type: 'codev.paused'; readonly activityId: string; readonly remainingMs: number | null }
  | {
      readonly type: 'codev.proposal';
      readonly activityId: string;
      readonly participantId: string;
      readonly text: string;
      readonly signed: boolean;
    }
  | {
      readonly type: 'codev.written';
      readonly activityId: string;
      readonly participantId: string;
      readonly field: CodevField;
      readonly text: string;
      /** With the action plan: its follow-up date (YYYY-MM-DD), or null. */
      readonly followUp?: string | null;
    };

/** Folds one codev event into the activity's state. */
export function applyCodevEvent(codev: CodevState, e: CodevEvent, seq: number): Changed {
  switch (e.type) {
    case 'codev.porteur':
      codev.porteur = e.participantId;
      return 'room';
    case 'codev.step':
      if (e.step < 0 || e.step >= codev.steps.length) return 'none';
      codev.step = e.step;
      codev.pausedMs = null;
      return 'room';
    case 'codev.paused':
      codev.pausedMs = e.remainingMs;
      return 'room';
    case 'codev.proposal': {
      // The limit holds in log order, whatever was checked before (several phones decide at once).
      if ((codev.postedBy.get(e.participantId) ?? 0) >= CODEV_PROPOSALS_PER_PARTICIPANT) return 'none';
      codev.proposals.set(seq, { id: seq, participantId: e.participantId, text: e.text, signed: e.signed });
      codev.postedBy.set(e.participantId, (codev.postedBy.get(e.participantId) ?? 0) + 1);
      return 'mine';
    }
    case 'codev.written': {
      switch (e.field) {
        case 'learning':
          codev.learnings.push({ id: seq, participantId: e.participantId, text: e.text });
          return 'mine';
        case 'notes':
          // Private: only the porteur's own view changes; no result is pushed for it.
          if (e.participantId !== codev.porteur) return 'none';
          codev.notes.set(e.participantId, e.text);
          return 'mine';
        case 'subject':
          codev.subject = e.text;
          return 'mine';
        case 'contract':
          codev.contract = e.text;
          return 'mine';
        case 'action-plan':
          codev.actionPlan = e.text;
          codev.followUp = e.followUp ?? null;
          return 'mine';
      }
    }
  }
}

// ---- views -------------------------------------------------------------------------------------

/** What everyone sees of the session in the room's view (projector, phones, console). */
export interface CodevActivityView {
  readonly subjectType: CodevSubjectType;
  readonly steps: readonly CodevStep[];
  readonly step: number;
  readonly porteurId: string | null;
  readonly porteur: string | null;
  /** Remaining ms of a paused step timer, or null. */
  readonly pausedMs: number | null;
  readonly collectiveId: string | null;
}

interface Names {
  readonly participants: ReadonlyMap<string, { readonly name: string }>;
}

export function codevActivityView(state: Names, codev: CodevState): CodevActivityView {
  return {
    subjectType: codev.subjectType,
    steps: codev.steps,
    step: codev.step,
    porteurId: codev.porteur,
    porteur: codev.porteur ? (state.participants.get(codev.porteur)?.name ?? null) : null,
    pausedMs: codev.pausedMs,
    collectiveId: codev.collectiveId,
  };
}

/** A proposal as shown: its text, and its author's name only when they signed it. */
export interface CodevProposalView {
  readonly id: number;
  readonly text: string;
  readonly name: string | null;
}

/** The session's shared results (projector, console, phones): never the porteur's notes. */
export interface CodevResults {
  readonly kind: 'codev';
  readonly step: number;
  readonly subject: string | null;
  readonly contract: string | null;
  readonly proposals: readonly CodevProposalView[];
  readonly actionPlan: string | null;
  readonly followUp: string | null;
  readonly learnings: readonly string[];
}

export function codevProposalViews(state: Names, codev: CodevState): CodevProposalView[] {
  return [...codev.proposals.values()]
    .sort((a, b) => a.id - b.id)
    .map((p) => ({ id: p.id, text: p.text, name: p.signed ? (state.participants.get(p.participantId)?.name ?? null) : null }));
}

export function codevResults(state: Names, codev: CodevState): CodevResults {
  return {
    kind: 'codev',
    step: codev.step,
    subject: codev.subject,
    contract: codev.contract,
    proposals: codevProposalViews(state, codev),
    actionPlan: codev.actionPlan,
    followUp: codev.followUp,
    learnings: codev.learnings.map((l) => l.text),
  };
}

/** What one phone sees of itself in the session: its role, and the porteur alone their notes and sheet. */
export interface CodevMeView {
  readonly role: 'porteur' | 'contributor';
  /** How many proposals this participant posted. */
  readonly proposals: number;
  /** The porteur only: their private notes. */
  readonly notes?: string | null;
  /** The porteur only: what they wrote (subject, contract, action plan and its follow-up date). */
  readonly sheet?: {
    readonly subject: string | null;
    readonly contract: string | null;
    readonly actionPlan: string | null;
    readonly followUp: string | null;
  };
}

export function codevMeView(codev: CodevState, participantId: string): CodevMeView {
  const proposals = codev.postedBy.get(participantId) ?? 0;
  if (codev.porteur !== participantId) return { role: 'contributor', proposals };
  return {
    role: 'porteur',
    proposals,
    notes: codev.notes.get(participantId) ?? null,
    sheet: { subject: codev.subject, contract: codev.contract, actionPlan: codev.actionPlan, followUp: codev.followUp },
  };
}

// ---- the record --------------------------------------------------------------------------------

/**
 * What a finished session leaves behind (`codev_records`): the subject, the contract sentence, the
 * proposals (a name only when signed), the porteur's action plan with its follow-up date and the
 * learnings. The porteur's private notes are not part of it. Participant ids travel along so that
 * a person's erasure reaches her texts; they are never shown.
 */
export interface CodevRecordDraft {
  readonly subjectType: CodevSubjectType;
  readonly collectiveId: string | null;
  readonly porteurParticipantId: string | null;
  readonly subject: string;
  readonly contract: string;
  readonly proposals: readonly { readonly text: string; readonly name: string | null; readonly participantId: string | null }[];
  readonly actionPlan: string;
  readonly followUp: string | null;
  readonly learnings: readonly { readonly text: string; readonly participantId: string | null }[];
  readonly steps: readonly CodevStep[];
}

export function codevRecordDraft(state: Names, codev: CodevState): CodevRecordDraft {
  return {
    subjectType: codev.subjectType,
    collectiveId: codev.collectiveId,
    porteurParticipantId: codev.porteur,
    subject: codev.subject ?? '',
    contract: codev.contract ?? '',
    proposals: [...codev.proposals.values()]
      .sort((a, b) => a.id - b.id)
      .map((p) => ({
        text: p.text,
        name: p.signed ? (state.participants.get(p.participantId)?.name ?? null) : null,
        participantId: p.participantId,
      })),
    actionPlan: codev.actionPlan ?? '',
    followUp: codev.followUp,
    learnings: codev.learnings.map((l) => ({ text: l.text, participantId: l.participantId })),
    steps: codev.steps,
  };
}
