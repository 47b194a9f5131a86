import { z } from 'zod';
import { fail, ok, type Result } from '../shared/result';
import type { LiveParticipantRecord, LiveRepo, LiveRoomRecord } from './ports';

import { JOIN_CODE_LENGTH, joinCodeFrom, normaliseJoinCode } from './join-code';

export * from './join-code';

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
