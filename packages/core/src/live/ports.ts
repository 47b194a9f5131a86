import type { LiveEvent, StoredLiveEvent } from './room';

export interface LiveRoomRecord {
  readonly id: string;
  readonly code: string;
  readonly title: string;
  readonly territoryId: string;
  /** The session of a cooperation day this room belongs to, if any (a room can be opened on its own). */
  readonly eventSessionId: string | null;
  readonly createdBy: string | null;
  readonly createdAt: Date;
  readonly closedAt: Date | null;
}

export interface LiveParticipantRecord {
  readonly id: string;
  readonly roomId: string;
  readonly name: string;
  readonly organisationKind: string | null;
  readonly territory: string | null;
}

/** One event to append, with who sent it and their idempotency key (participant submissions). */
export interface AppendInput {
  readonly event: LiveEvent;
  readonly participantId?: string | null;
  readonly key?: string | null;
}

export interface AppendOutcome {
  readonly seq: number;
  /** True when this participant already sent this key: nothing new was stored. */
  readonly duplicate: boolean;
}

/** Persistence of live rooms. Implemented in @maillage/db; `append` commits before it returns. */
export interface LiveRepo {
  createRoom(room: {
    code: string;
    title: string;
    territoryId: string;
    eventSessionId: string | null;
    createdBy: string | null;
  }): Promise<LiveRoomRecord | 'code_taken'>;
  findRoomByCode(code: string): Promise<LiveRoomRecord | undefined>;
  findRoomById(id: string): Promise<LiveRoomRecord | undefined>;
  /** Creates the participant and appends their `participant.joined` event, in one transaction. */
  createParticipant(
    roomId: string,
    p: { tokenHash: string; name: string; organisationKind: string | null; territory: string | null },
  ): Promise<{ participant: LiveParticipantRecord; seq: number }>;
  /** Several participants in one transaction (a crowd joining at once), their events in order. */
  createParticipants(
    roomId: string,
    list: readonly { tokenHash: string; name: string; organisationKind: string | null; territory: string | null }[],
  ): Promise<{ participant: LiveParticipantRecord; seq: number }[]>;
  findParticipantByToken(roomId: string, tokenHash: string): Promise<LiveParticipantRecord | undefined>;
  /** Every participant of a room with their token digest (to warm a cache after a restart). */
  participantsWithTokens(roomId: string): Promise<{ tokenHash: string; participant: LiveParticipantRecord }[]>;
  /**
   * Appends events in one transaction, in order; duplicates (same participant and key) get their
   * original seq. `keysAreNew`: the caller already checked the keys (the server keeps every key of a
   * loaded room in memory), so the store skips its lookup and relies on its unique index alone
   * (a race with another process then leaves a gap in the seqs, harmlessly).
   */
  append(roomId: string, inputs: readonly AppendInput[], options?: { keysAreNew?: boolean }): Promise<AppendOutcome[]>;
  /** Stored events after `seq`, in order. */
  eventsSince(roomId: string, seq: number, limit?: number): Promise<StoredLiveEvent[]>;
  /** Failed join attempts from one client since a date, and recording one more. */
  countJoinFailures(clientKey: string, since: Date): Promise<number>;
  recordJoinFailure(clientKey: string, at: Date): Promise<void>;
}
