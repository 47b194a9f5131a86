import { z } from 'zod';
import { fail, ok, type Result } from '../shared/result';
import { searchKey } from '../shared/text';
import { JOIN_CODE_ALPHABET, JOIN_CODE_LENGTH, type JoinDeps, normaliseJoinCode } from './join';
import type { LiveParticipantRecord, LiveRoomRecord } from './ports';
import type { LiveEvent } from './room';

/**
 * The roster of a room linked to a session of a cooperation day: registered people join with
 * their badge (its QR code carries the badge code) or with their name and the personal code
 * printed on the badge, and are linked to their registration and to the ecosystem's person.
 */

const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/**
 * The personal code of a badge: 6 characters of the join-code alphabet (no look-alikes), derived
 * from the badge code so that nothing more needs storing. Each character comes from two characters
 * of the badge code (4,096 values folded onto 31, a bias under 0.1 %). 31^6 ≈ 8.9 × 10^8 codes,
 * checked together with the name and under the join-failure limit.
 */
export function personalCodeOf(badgeCode: string): string {
  const digit = (i: number) => {
    const c = badgeCode[i % Math.max(badgeCode.length, 1)] ?? 'A';
    const v = BASE64URL.indexOf(c);
    return v >= 0 ? v : c.charCodeAt(0) % 64;
  };
  let code = '';
  for (let i = 0; i < JOIN_CODE_LENGTH; i++) {
    code += JOIN_CODE_ALPHABET[(digit(2 * i) * 64 + digit(2 * i + 1)) % JOIN_CODE_ALPHABET.length];
  }
  return code;
}

/** The personal code as printed: `ABC-DEF` (dashes and case are forgiven when typed). */
export const formatPersonalCode = (code: string) => `${code.slice(0, 3)}-${code.slice(3)}`;

const BADGE_QR_PREFIX = 'maillage:badge:';

/** The badge code a scanned QR code carries (`maillage:badge:<code>`), or undefined for any other QR code. */
export function badgeCodeFromQr(text: string): string | undefined {
  const t = text.trim();
  if (!t.startsWith(BADGE_QR_PREFIX)) return undefined;
  const code = t.slice(BADGE_QR_PREFIX.length);
  return /^[A-Za-z0-9_-]{4,80}$/.test(code) ? code : undefined;
}

/**
 * Whether a typed name designates the registered one: case, accents, punctuation and word order are
 * forgiven, and a part of the name is enough ("Dupont" for "Marie-Claire Dupont"), as long as every
 * word typed is a word of the registered name. The personal code is the secret; the name a check.
 */
export function nameMatches(typed: string, registered: string): boolean {
  const words = (s: string) => searchKey(s).split(' ').filter(Boolean);
  const typedWords = words(typed);
  const registeredWords = new Set(words(registered));
  return typedWords.length > 0 && typedWords.every((w) => registeredWords.has(w));
}

/** How a registered person proves who they are: the badge scanned, or their name and personal code. */
export const registeredJoinBody = z.union([
  z.object({ badge: z.string().trim().min(4, 'code de badge illisible').max(200, 'code de badge illisible') }),
  z.object({
    name: z.string().trim().min(1, 'obligatoire').max(80, 'au plus 80 caractères'),
    personalCode: z
      .string()
      .trim()
      .min(1, 'obligatoire')
      .max(20, 'au plus 20 caractères')
      .transform(normaliseJoinCode)
      .refine((c) => c.length === JOIN_CODE_LENGTH, `le code personnel a ${JOIN_CODE_LENGTH} caractères`),
  }),
]);
export type RegisteredJoinBody = z.infer<typeof registeredJoinBody>;

/** A registration of the room's event, as the roster needs it. */
export interface RosterRegistration {
  readonly id: string;
  readonly name: string;
  readonly badgeCode: string;
  readonly personId: string | null;
  readonly organisationKind: string | null;
  /** The territory's name, shown in the room like what walk-in participants type. */
  readonly territory: string | null;
  readonly checkedIn: boolean;
}

/** The session of a cooperation day a room is linked to. */
export interface RosterSession {
  readonly id: string;
  readonly eventId: string;
  readonly eventTerritoryId: string;
}

export interface RoomListing extends LiveRoomRecord {
  readonly participants: number;
}

/** Persistence of the roster. Implemented in @maillage/db (live/roster-store.ts). */
export interface RosterRepo {
  findEventSession(sessionId: string): Promise<RosterSession | undefined>;
  /** Whether `territoryId` is `ancestorId` or lies within it. */
  territoryWithin(territoryId: string, ancestorId: string): Promise<boolean>;
  /** Registrations of the event (not cancelled) that may join: confirmed, or checked in. */
  registrations(eventId: string, by?: { badgeCode: string }): Promise<RosterRegistration[]>;
  /**
   * Creates the participants of these registrations in the room, with their `participant.joined`
   * events, in one transaction. A registration already in the room keeps its participant: with
   * `replaceToken` (one registration) its token is replaced and it is returned with `created` false;
   * otherwise it is left out of the result.
   */
  addRegistered(
    roomId: string,
    list: readonly { registration: RosterRegistration; tokenHash: string }[],
    options?: { replaceToken?: boolean },
  ): Promise<{ participant: LiveParticipantRecord; seq: number | null; event: LiveEvent; created: boolean }[]>;
  /** Rooms of territories, or of one session, newest first. */
  listRooms(filter: { territoryIds: readonly string[] } | { eventSessionId: string }): Promise<RoomListing[]>;
}

/** Problems of a room's session: absent, or an event of another territory. */
export async function checkRoomSession(
  repo: RosterRepo,
  room: { territoryId: string; eventSessionId: string | null },
): Promise<Result<RosterSession | null, 'event_session_not_found' | 'event_session_other_territory'>> {
  if (!room.eventSessionId) return ok(null);
  const session = await repo.findEventSession(room.eventSessionId);
  if (!session) return fail('event_session_not_found');
  if (!(await repo.territoryWithin(session.eventTerritoryId, room.territoryId))) return fail('event_session_other_territory');
  return ok(session);
}

/** The participant's organisation kind in the room from a registration's (the events list names one differently). */
export function roomKindOf(kind: string | null): string | null {
  return kind === 'bailleur_social' ? 'bailleur' : kind;
}

/**
 * A registered person joins the room with the join code and their badge or personal code. Wrong
 * codes (`room_not_found`) and wrong badges or personal codes (`registration_not_found`) are
 * slowed down by the caller, which knows the client's address. Joining again with the same badge
 * returns the same participant, with a new token.
 */
export async function joinAsRegistered(
  deps: JoinDeps & { roster: RosterRepo },
  input: { code: string; proof: RegisteredJoinBody },
): Promise<
  Result<
    { room: LiveRoomRecord; participant: LiveParticipantRecord; token: string; joined: { seq: number; event: LiveEvent } | null },
    'room_not_found' | 'room_closed' | 'room_not_linked' | 'registration_not_found'
  >
> {
  const room = await deps.repo.findRoomByCode(normaliseJoinCode(input.code));
  if (!room) return fail('room_not_found');
  if (room.closedAt) return fail('room_closed');
  const session = room.eventSessionId ? await deps.roster.findEventSession(room.eventSessionId) : undefined;
  if (!session) return fail('room_not_linked');
  const proof = input.proof;
  let registration: RosterRegistration | undefined;
  if ('badge' in proof) {
    const badgeCode = badgeCodeFromQr(proof.badge) ?? proof.badge;
    [registration] = await deps.roster.registrations(session.eventId, { badgeCode });
  } else {
    const all = await deps.roster.registrations(session.eventId);
    registration = all.find((r) => personalCodeOf(r.badgeCode) === proof.personalCode && nameMatches(proof.name, r.name));
  }
  if (!registration) return fail('registration_not_found');
  const { token, hash } = deps.newToken();
  const [added] = await deps.roster.addRegistered(room.id, [{ registration, tokenHash: hash }], { replaceToken: true });
  if (!added) throw new Error('roster: no participant returned');
  return ok({
    room,
    participant: added.participant,
    token,
    joined: added.created && added.seq !== null ? { seq: added.seq, event: added.event } : null,
  });
}

/**
 * The paper fallback needs every person present: creates the participants of the checked-in
 * registrations of the room's event that are not in the room yet (their tokens are never shown;
 * scanning their badge later gives them one).
 */
export async function addCheckedInParticipants(
  deps: { roster: RosterRepo; newTokenHash: () => string },
  room: LiveRoomRecord,
): Promise<Result<{ added: { seq: number; event: LiveEvent }[]; alreadyThere: number }, 'room_not_linked' | 'room_closed'>> {
  if (room.closedAt) return fail('room_closed');
  const session = room.eventSessionId ? await deps.roster.findEventSession(room.eventSessionId) : undefined;
  if (!session) return fail('room_not_linked');
  const present = (await deps.roster.registrations(session.eventId)).filter((r) => r.checkedIn);
  const result = await deps.roster.addRegistered(
    room.id,
    present.map((registration) => ({ registration, tokenHash: deps.newTokenHash() })),
  );
  const added = result.flatMap((r) => (r.created && r.seq !== null ? [{ seq: r.seq, event: r.event }] : []));
  return ok({ added, alreadyThere: present.length - added.length });
}
