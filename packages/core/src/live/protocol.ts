import { z } from 'zod';
import { CODEV_TEXT_MAX_LENGTH, type CodevActivityView, type CodevMeView, type CodevResults, codevFields } from './codev';
import { QUIZ_QUESTIONS } from '../evaluation/index';
import { KEYWORD_MAX_LENGTH, MAX_WORDS_PER_PERSON } from './keyword';
import type { QuizMeView, QuizRoomResults } from './quiz-room';
import { nulCharacterPath } from '../shared/text';

/**
 * The live protocol, version 1: what phones, projectors and facilitator consoles exchange with
 * the server over `/ws/live/:code`. Every message carries `v` (the protocol version) and `type`
 * (the discriminant). The server is authoritative: clients send intents (`submit`), the server
 * stores them, acknowledges them with their sequence number, and pushes views.
 *
 * - Sequence numbers: each stored event of a room has a `seq`, increasing (gaps are possible when
 *   two processes race on an idempotency key). Views carry the `seq` they reflect; a client that
 *   reconnects sends the last `seq` it saw (`hello.since`) and gets a fresh view only if the room
 *   moved on.
 * - Idempotency: each `submit` carries a `key` chosen by the client (kept with the offline
 *   queue); the same key from the same participant is stored once and acknowledged again with the
 *   original `seq` (`duplicate: true`).
 */
export const PROTOCOL_VERSION = 1 as const;

/** Largest text frame a client may send, in bytes. */
export const MAX_CLIENT_MESSAGE_BYTES = 4096;

/** Longest world-café synthesis a host may write, in characters. */
export const SYNTHESIS_MAX_LENGTH = 1200;
/** Longest idea of the idea wall, in characters. */
export const IDEA_MAX_LENGTH = 200;
/** Longest name of a collective formed in a room, in characters (phones and projector show it whole). */
export const COLLECTIVE_NAME_MAX_LENGTH = 60;
/** Longest declared urgency (forming collectives), in characters. */
export const URGENCY_MAX_LENGTH = 300;

const v = z.literal(PROTOCOL_VERSION);
const id = z.string().min(1).max(64);

/** A client-chosen idempotency key: 8 to 64 URL-safe characters. */
export const idempotencyKey = z
  .string()
  .regex(/^[A-Za-z0-9_-]{8,64}$/, 'clé d’idempotence invalide : 8 à 64 caractères parmi A-Z, a-z, 0-9, _ et -');

export const liveRoles = ['participant', 'projector', 'facilitator'] as const;
export type LiveRole = (typeof liveRoles)[number];

/** What a participant submits to an activity. */
export const submissionInput = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('keyword'),
    text: z.string().trim().min(1, 'mot vide').max(KEYWORD_MAX_LENGTH, `au plus ${KEYWORD_MAX_LENGTH} caractères`),
    /** Which of the person's words this is (0 to 2) when the facilitator asked for several; a new text replaces it. */
    slot: z
      .number()
      .int()
      .min(0)
      .max(MAX_WORDS_PER_PERSON - 1, `au plus ${MAX_WORDS_PER_PERSON} mots`)
      .optional(),
  }),
  z.object({ kind: z.literal('vote'), choices: z.array(z.number().int().min(0).max(99)).min(1, 'aucun choix').max(20) }),
  /** World café: the host's synthesis of their table for the current round. */
  z.object({
    kind: z.literal('synthesis'),
    table: id,
    text: z.string().trim().min(1, 'synthèse vide').max(SYNTHESIS_MAX_LENGTH, `au plus ${SYNTHESIS_MAX_LENGTH} caractères`),
  }),
  /** Idea wall: a short idea under one of the activity's themes. */
  z.object({
    kind: z.literal('idea'),
    theme: z.number().int().min(0).max(49),
    text: z.string().trim().min(2, 'idée trop courte').max(IDEA_MAX_LENGTH, `au plus ${IDEA_MAX_LENGTH} caractères`),
  }),
  /** Idea wall: a vote for (or the withdrawal of a vote for) an idea, by its number. */
  z.object({ kind: z.literal('idea-vote'), idea: z.number().int().min(1), vote: z.boolean() }),
  /** Forming collectives: the urgency this participant wants to act on. */
  z.object({
    kind: z.literal('urgency'),
    text: z.string().trim().min(3, 'urgence trop courte').max(URGENCY_MAX_LENGTH, `au plus ${URGENCY_MAX_LENGTH} caractères`),
    themes: z.array(z.string().trim().min(1).max(60)).max(5, 'au plus 5 thèmes').default([]),
    territory: z.string().trim().max(80).optional(),
  }),
  /** Forming collectives: join (or confirm) a proposed collective. */
  z.object({ kind: z.literal('collective'), number: z.number().int().min(1).max(999), accepted: z.boolean() }),
  /** Forming collectives: a member renames their collective (before it is stored in maillage). */
  z.object({
    kind: z.literal('collective-name'),
    number: z.number().int().min(1).max(999),
    name: z
      .string()
      .trim()
      .min(1, 'le nom du collectif est vide')
      .max(COLLECTIVE_NAME_MAX_LENGTH, `le nom du collectif : au plus ${COLLECTIVE_NAME_MAX_LENGTH} caractères`),
  }),
  /** « Quel coopérateur je suis ? »: the index of the chosen answer to each question, in order. */
  z.object({
    kind: z.literal('quiz'),
    answers: z.array(z.number().int().min(0).max(3)).length(QUIZ_QUESTIONS.length, `une réponse par question : ${QUIZ_QUESTIONS.length}`),
  }),
  /** Co-development: a contributor's proposal (consultation step), anonymous unless `signed`. */
  z.object({
    kind: z.literal('codev-proposal'),
    text: z.string().trim().min(2, 'proposition trop courte').max(CODEV_TEXT_MAX_LENGTH, `au plus ${CODEV_TEXT_MAX_LENGTH} caractères`),
    signed: z.boolean().default(false),
  }),
  /** Co-development: the porteur's subject, contract, private notes or action plan; anyone's learning (last step). */
  z.object({
    kind: z.literal('codev-text'),
    field: z.enum(codevFields),
    text: z.string().trim().max(CODEV_TEXT_MAX_LENGTH, `au plus ${CODEV_TEXT_MAX_LENGTH} caractères`),
    /** With the action plan: the follow-up date. */
    followUp: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, 'date attendue (AAAA-MM-JJ)')
      .nullable()
      .optional(),
  }),
]);
export type SubmissionInput = z.infer<typeof submissionInput>;

export const clientMessage = z.discriminatedUnion('type', [
  z.object({
    v,
    type: z.literal('hello'),
    role: z.enum(liveRoles),
    /** The participant's secret token (participants only; facilitators use their session cookie). */
    token: z.string().min(16).max(128).optional(),
    /** The last sequence number this client saw: the server sends a view only if the room moved on. */
    since: z.number().int().min(0).optional(),
  }),
  z.object({ v, type: z.literal('submit'), key: idempotencyKey, activityId: id, input: submissionInput }),
  z.object({ v, type: z.literal('ping'), t: z.number() }),
]);
export type ClientMessage = z.infer<typeof clientMessage>;

// ---- server → client -------------------------------------------------------------------------

export const activityKinds = ['icebreaker', 'keyword', 'poll', 'worldcafe', 'ideas', 'collectives', 'codev', 'pathway', 'quiz'] as const;
export type ActivityKind = (typeof activityKinds)[number];
export const pollKinds = ['single', 'multiple', 'scale', 'continuum'] as const;
export type PollKind = (typeof pollKinds)[number];

/** The 7 levels of the cooperation continuum (DOMAIN.md), in order: the options of a continuum poll. */
export const liveContinuumOptions = [
  'Concurrence',
  'Coexistence',
  'Communication',
  'Assistance',
  'Coordination',
  'Collaboration',
  'Intégration',
] as const;

export interface ActivityView {
  readonly id: string;
  readonly kind: ActivityKind;
  readonly prompt: string;
  readonly open: boolean;
  /** keyword: one per person or one per group. */
  readonly mode?: 'person' | 'group';
  /** keyword: how many words each person (or group) may give, 1 to 3. */
  readonly wordsPerPerson?: number;
  readonly pollKind?: PollKind;
  /** poll: the answers; ideas and collectives: the themes offered. */
  readonly options?: readonly string[];
  /** World café: its tables, number of rounds, minutes per round and the current round (0-based, -1 before the first). */
  readonly tables?: readonly CafeTableView[];
  readonly rounds?: number;
  readonly minutes?: number;
  readonly round?: number;
  /** Co-development: the steps, the current one, the porteur. */
  readonly codev?: CodevActivityView;
}

/** A world-café table: its theme and where it stands in the room. */
export interface CafeTableView {
  readonly id: string;
  /** 1-based, as printed on the table card. */
  readonly number: number;
  readonly theme: string;
  readonly place: string;
}

export interface TimerView {
  /** Epoch milliseconds, server clock (clients correct with `welcome.serverTime`). */
  readonly startedAt: number;
  readonly endsAt: number;
  readonly warnBeforeMs: number;
}

/** What everyone in the room may see: the current activity and the timer. */
export interface RoomView {
  readonly code: string;
  readonly title: string;
  /** Present (true) once the facilitator closed the room. */
  readonly closed?: boolean;
  readonly participants: number;
  readonly activity: ActivityView | null;
  readonly timer: TimerView | null;
}

export interface CloudWord {
  readonly key: string;
  readonly label: string;
  readonly count: number;
  /** Only in the facilitator's view. */
  readonly hidden?: boolean;
}

export type ActivityResults =
  | { readonly kind: 'cloud'; readonly total: number; readonly words: readonly CloudWord[] }
  | { readonly kind: 'tally'; readonly voters: number; readonly counts: readonly number[] }
  | { readonly kind: 'groups'; readonly groups: number; readonly seated: number }
  | {
      readonly kind: 'worldcafe';
      readonly round: number;
      readonly rounds: number;
      readonly planned: boolean;
      readonly tables: readonly {
        readonly id: string;
        readonly host: string | null;
        /** People seated at the table in the current round (the host included). */
        readonly seated: number;
        readonly syntheses: readonly { readonly round: number; readonly text: string }[];
      }[];
    }
  | {
      readonly kind: 'ideas';
      readonly themes: readonly string[];
      readonly total: number;
      readonly ideas: readonly IdeaView[];
      readonly groups: readonly { readonly id: number; readonly label: string; readonly votes: number }[];
    }
  | {
      readonly kind: 'collectives';
      readonly declared: number;
      readonly created: boolean;
      readonly collectives: readonly CollectiveView[];
    }
  | CodevResults
  | QuizRoomResults;

export interface IdeaView {
  readonly id: number;
  readonly theme: number;
  readonly text: string;
  readonly votes: number;
  readonly group: number | null;
  /** Only in the facilitator's view. */
  readonly hidden?: boolean;
  /** Pathway workshop: what the facilitator made of the proposal (and the change it went into). */
  readonly decision?: ProposalDecision;
}

/** Pathway workshop (an idea wall whose themes are the horizons): the facilitator's decisions. */
export const proposalDecisions = ['accepted', 'merged', 'discarded'] as const;
export interface ProposalDecision {
  readonly decision: (typeof proposalDecisions)[number];
  /** The text of the pathway's change it became or was merged into (empty when discarded). */
  readonly into: string;
}

export interface CollectiveView {
  readonly number: number;
  readonly name: string;
  readonly themes: readonly string[];
  readonly members: readonly { readonly id: string; readonly name: string; readonly accepted: boolean; readonly urgency: string | null }[];
  /** The collective's id in maillage once the facilitator created them. */
  readonly collectiveId: string | null;
}

/** Where a world-café participant sits in one round. */
export interface SeatView {
  readonly round: number;
  readonly table: CafeTableView;
}

export interface GroupView {
  readonly number: number;
  /** A colour name (French) and its hex value, shown large on the phone. */
  readonly colour: { readonly name: string; readonly hex: string };
  readonly place: string;
  readonly size: number;
}

/** What one participant sees about themselves. */
export interface MeView {
  readonly id: string;
  readonly name: string;
  readonly group: GroupView | null;
  /** What this participant (or their group, in group mode) already sent to the current activity. */
  readonly submitted: {
    readonly keyword?: string;
    /** keyword, several words asked: each slot's word ('' when not given yet). */
    readonly keywords?: readonly string[];
    readonly choices?: readonly number[];
    /** Idea wall: how many ideas they posted, and the ideas they voted for. */
    readonly ideas?: number;
    readonly votes?: readonly number[];
    readonly urgency?: string;
  } | null;
  /** World café (current activity): the table they host, and their table at each round. */
  readonly cafe?: { readonly hosts: CafeTableView | null; readonly itinerary: readonly (SeatView | null)[] };
  /** Forming collectives (current activity): the collective proposed to them. */
  readonly collective?: {
    readonly number: number;
    readonly name: string;
    readonly accepted: boolean;
    readonly members: readonly string[];
  } | null;
  /** Co-development (current activity): porteur or contributor; the porteur's notes and sheet. */
  readonly codev?: CodevMeView;
  /** « Quel coopérateur je suis ? » (current activity): their own answers and result, or null before answering. */
  readonly quiz?: QuizMeView | null;
}

export type ServerMessage =
  | {
      readonly v: 1;
      readonly type: 'welcome';
      readonly role: LiveRole;
      readonly serverTime: number;
      readonly seq: number;
      readonly room: RoomView;
      readonly me?: MeView;
      readonly results?: Readonly<Record<string, ActivityResults>>;
    }
  | { readonly v: 1; readonly type: 'synced'; readonly seq: number; readonly serverTime: number }
  | { readonly v: 1; readonly type: 'ack'; readonly key: string; readonly seq: number; readonly duplicate: boolean }
  | { readonly v: 1; readonly type: 'reject'; readonly key?: string; readonly code: LiveRejectCode; readonly message: string }
  | { readonly v: 1; readonly type: 'room'; readonly seq: number; readonly room: RoomView }
  | {
      readonly v: 1;
      readonly type: 'results';
      readonly seq: number;
      readonly participants: number;
      readonly results: Readonly<Record<string, ActivityResults>>;
    }
  | { readonly v: 1; readonly type: 'me'; readonly seq: number; readonly me: MeView }
  | { readonly v: 1; readonly type: 'pong'; readonly t: number; readonly serverTime: number }
  | { readonly v: 1; readonly type: 'error'; readonly code: LiveRejectCode; readonly message: string };

/** Why the server refused a message; the French message travels with it. */
export type LiveRejectCode =
  | 'bad_message'
  | 'forbidden_character'
  | 'unsupported_version'
  | 'too_large'
  | 'rate_limited'
  | 'not_joined'
  | 'room_not_found'
  | 'unknown_participant'
  | 'room_closed'
  | 'forbidden'
  | SubmitErrorCode;

export type SubmitErrorCode =
  | 'room_closed'
  | 'activity_not_found'
  | 'activity_closed'
  | 'wrong_kind'
  | 'empty_keyword'
  | 'too_many_words'
  | 'same_word_twice'
  | 'invalid_choice'
  | 'not_in_group'
  | 'not_host'
  | 'unknown_theme'
  | 'too_many_ideas'
  | 'idea_not_found'
  | 'no_proposal'
  | 'collective_not_found'
  | 'collective_full'
  | 'not_collective_member'
  | 'collective_stored'
  | 'collective_name_taken'
  | 'wrong_step'
  | 'porteur_listens'
  | 'not_porteur'
  | 'empty_text';

/** French messages for each refusal: what happened and what to do. */
export const liveRejectMessages: Readonly<Record<LiveRejectCode, string>> = {
  bad_message: 'Message illisible : rechargez la page.',
  forbidden_character: 'Votre texte contient un caractère interdit (caractère nul, U+0000) : retirez-le puis renvoyez.',
  unsupported_version: 'Cette page est trop ancienne pour le serveur : rechargez-la.',
  too_large: 'Message trop long : raccourcissez votre texte.',
  rate_limited: 'Trop d’envois en peu de temps : patientez quelques secondes.',
  not_joined: 'Rejoignez d’abord la salle avec son code.',
  room_not_found: 'Aucune salle ne correspond à ce code : vérifiez-le sur l’écran de la salle.',
  unknown_participant: 'Votre inscription à cette salle est introuvable : rejoignez-la de nouveau avec son code.',
  room_closed: 'Cette salle est fermée.',
  forbidden: 'Votre rôle ne vous permet pas de faire cela.',
  activity_not_found: 'Cette activité n’existe pas ou plus : attendez la suivante.',
  activity_closed: 'Cette activité est close : l’animation est passée à la suite.',
  wrong_kind: 'Cette réponse ne correspond pas à l’activité en cours : rechargez la page.',
  empty_keyword: 'Le mot est vide une fois les articles et la ponctuation retirés : écrivez un vrai mot.',
  too_many_words: 'L’animation a demandé moins de mots : vous les avez déjà tous donnés (remplacez-en un).',
  same_word_twice: 'Vous avez déjà donné ce mot : choisissez-en un autre.',
  invalid_choice: 'Ce choix ne fait pas partie des réponses proposées.',
  not_in_group: 'Le mot-clé se donne par groupe, et vous n’êtes dans aucun groupe : demandez à l’animation.',
  not_host: 'Seul l’hôte de la table écrit sa synthèse.',
  unknown_theme: 'Ce thème ne fait pas partie de l’activité : rechargez la page.',
  too_many_ideas: 'Vous avez déjà proposé le nombre maximal d’idées pour cette activité.',
  idea_not_found: 'Cette idée n’existe pas ou a été retirée.',
  no_proposal: 'Les collectifs ne sont pas encore proposés : patientez.',
  collective_not_found: 'Ce collectif n’existe pas : rechargez la page.',
  collective_full: 'Ce collectif est complet (5 personnes au plus) : choisissez-en un autre.',
  not_collective_member: 'Seuls les membres de ce collectif (ou l’animation) peuvent le renommer.',
  collective_stored: 'Ce collectif est déjà enregistré dans maillage : renommez-le depuis sa page.',
  collective_name_taken: 'Un autre collectif de la salle porte déjà ce nom : choisissez-en un autre.',
  wrong_step: 'Ce n’est pas le moment pour cela : attendez l’étape prévue (l’animation la lance).',
  porteur_listens: 'Pendant la consultation, le porteur écoute : les propositions viennent des autres participants.',
  not_porteur: 'Seul le porteur du sujet écrit cela.',
  empty_text: 'Le texte est vide : écrivez quelques mots avant d’envoyer.',
};

/** Parses one client frame: the message, or the refusal to send back. */
export function parseClientMessage(raw: string): { ok: true; message: ClientMessage } | { ok: false; code: LiveRejectCode } {
  if (raw.length > MAX_CLIENT_MESSAGE_BYTES) return { ok: false, code: 'too_large' };
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    return { ok: false, code: 'bad_message' };
  }
  // PostgreSQL refuses NUL in text and jsonb: refused here, once, for every message.
  if (nulCharacterPath(data)) return { ok: false, code: 'forbidden_character' };
  if (typeof data === 'object' && data !== null && 'v' in data && (data as { v: unknown }).v !== PROTOCOL_VERSION) {
    return { ok: false, code: 'unsupported_version' };
  }
  const parsed = clientMessage.safeParse(data);
  return parsed.success ? { ok: true, message: parsed.data } : { ok: false, code: 'bad_message' };
}
