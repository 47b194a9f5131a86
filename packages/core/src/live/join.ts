import { z } from 'zod';
import { fail, ok, type Result } from '../shared/result';
import type { LiveParticipantRecord, LiveRepo, LiveRoomRecord } from './ports';

/**
 * Join codes: 6 characters from an alphabet without look-alikes (no I, L, O, 0, 1), read aloud
 * and typed on a phone. 31^6 ≈ 8.9 × 10^8 codes; the server slows down wrong guesses per client
 * address (apps/server/src/live/join-guard.ts): about 14,000 guesses a day from one address, years
 * on average to hit one of 50 open rooms.
 */
export const JOIN_CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const JOIN_CODE_LENGTH = 6;

/** A join code from random bytes (rejection sampling, so every character is equally likely). */
export function joinCodeFrom(randomBytes: (n: number) => Uint8Array): string {
  const limit = 256 - (256 % JOIN_CODE_ALPHABET.length);
  let code = '';
  while (code.length < JOIN_CODE_LENGTH) {
    for (const b of randomBytes(16)) {
      if (b < limit && code.length < JOIN_CODE_LENGTH) code += JOIN_CODE_ALPHABET[b % JOIN_CODE_ALPHABET.length];
    }
  }
  return code;
}

/** What people type is forgiven: case, spaces and dashes. */
export function normaliseJoinCode(raw: string): string {
  return raw.toUpperCase().replace(/[\s-]/g, '');
}

export const joinCodeSchema = z
  .string()
  .trim()
  .min(1, 'obligatoire')
  .max(20)
  .transform(normaliseJoinCode)
  .refine((c) => c.length === JOIN_CODE_LENGTH, `le code a ${JOIN_CODE_LENGTH} caractères`);

export const participantOrganisationKinds = [
  'habitant',
  'association',
  'centre_social',
  'collectivite',
  'etat',
  'caf',
  'bailleur',
  'entreprise',
  'collectif_habitants',
  'centre_ressources',
  'autre',
] as const;

export const joinBody = z.object({
  name: z.string().trim().min(1, 'obligatoire').max(80, 'au plus 80 caractères'),
  organisationKind: z.enum(participantOrganisationKinds).nullable().optional(),
  territory: z.string().trim().max(80, 'au plus 80 caractères').nullable().optional(),
});
export type JoinBody = z.infer<typeof joinBody>;

export interface JoinDeps {
  readonly repo: LiveRepo;
  readonly now: () => Date;
  /** A new secret token for the participant and its digest (only the digest is stored). */
  readonly newToken: () => { token: string; hash: string };
}

/**
 * A participant joins a room with its code. Slowing down wrong codes (`room_not_found`) is the
 * caller's business: it knows the client's address.
 */
export async function joinRoom(
  deps: JoinDeps,
  input: { code: string } & JoinBody,
): Promise<
  Result<{ room: LiveRoomRecord; participant: LiveParticipantRecord; token: string; seq: number }, 'room_not_found' | 'room_closed'>
> {
  const room = await deps.repo.findRoomByCode(normaliseJoinCode(input.code));
  if (!room) return fail('room_not_found');
  if (room.closedAt) return fail('room_closed');
  const { token, hash } = deps.newToken();
  const { participant, seq } = await deps.repo.createParticipant(room.id, {
    tokenHash: hash,
    name: input.name,
    organisationKind: input.organisationKind ?? null,
    territory: input.territory || null,
  });
  return ok({ room, participant, token, seq });
}

/** Opens a room with a fresh code, drawing again on the rare collision. */
export async function openRoom(
  deps: { repo: LiveRepo; randomBytes: (n: number) => Uint8Array },
  input: { title: string; territoryId: string; eventSessionId: string | null; createdBy: string | null },
): Promise<Result<LiveRoomRecord, 'no_free_code'>> {
  for (let attempt = 0; attempt < 8; attempt++) {
    const created = await deps.repo.createRoom({ ...input, code: joinCodeFrom(deps.randomBytes) });
    if (created !== 'code_taken') return ok(created);
  }
  return fail('no_free_code');
}
