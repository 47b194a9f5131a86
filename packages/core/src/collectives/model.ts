import { z } from 'zod';

/**
 * Collectives: small collectives of actors (3 to 5) who structure their cooperation around one
 * shared urgency (DOMAIN.md, "From a collective of actors to a collective actor"). They are
 * formed in the room at the end of a cooperation day, then answer four guiding questions.
 */

/** The four guiding questions of the collectives' workshop, about fifteen minutes each. */
export const GUIDING_QUESTIONS = [
  'Partagez-vous un sentiment d’urgence ?',
  'Quelles personnes ressources ou influentes serait-il possible ou nécessaire de mobiliser ?',
  'Êtes-vous prêts à engager du temps et de l’énergie dans ce collectif ?',
  'Quels sont vos prochains petits pas pour structurer cette coopération naissante ?',
] as const;

export const GUIDING_QUESTIONS_EN = [
  'Do you share a sense of urgency?',
  'Which resource or influential people would it be possible or necessary to mobilise?',
  'Are you ready to commit time and energy to this collective?',
  'What are your next small steps to structure this nascent cooperation?',
] as const;

export interface CollectiveMember {
  readonly name: string;
  readonly personId: string | null;
}

export interface CollectiveSummary {
  readonly id: string;
  readonly territoryId: string;
  readonly name: string;
  readonly themes: readonly string[];
  readonly members: number;
  readonly answered: number;
  readonly createdAt: string;
  readonly originRoomId: string | null;
}

export interface CollectiveRecord extends Omit<CollectiveSummary, 'members' | 'answered'> {
  readonly urgency: string;
  readonly members: readonly CollectiveMember[];
  /** Answers to the four guiding questions, by question number (1–4). */
  readonly answers: readonly { readonly question: number; readonly answer: string; readonly updatedAt: string }[];
}

/** A collective formed in a live room, to store. */
export interface NewCollective {
  readonly territoryId: string;
  readonly name: string;
  readonly urgency: string;
  readonly themes: readonly string[];
  readonly origin: { readonly roomId: string; readonly activityId: string; readonly number: number } | null;
  readonly members: readonly { readonly name: string; readonly liveParticipantId: string | null; readonly personId: string | null }[];
  readonly createdBy: string | null;
}

export const ANSWER_MAX_LENGTH = 4000;

export const answerBody = z.object({
  answer: z.string().trim().max(ANSWER_MAX_LENGTH, `au plus ${ANSWER_MAX_LENGTH} caractères`),
});

export const questionParam = z.coerce.number().int('numéro de question invalide').min(1, 'question 1 à 4').max(4, 'question 1 à 4');
