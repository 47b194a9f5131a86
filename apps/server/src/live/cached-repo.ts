import type { LiveParticipantRecord, LiveRepo, LiveRoomRecord } from '@maillage/core';

interface JoinItem {
  readonly p: Parameters<LiveRepo['createParticipant']>[1];
  resolve(created: { participant: LiveParticipantRecord; seq: number }): void;
  reject(error: unknown): void;
}

const ROOM_TTL_MS = 10_000;

/**
 * The live repository with the hot reads of a busy room kept in memory: rooms by code, participants
 * by token (both immutable once written, rooms re-read every 10 s for their closing). Thousands of
 * phones joining and reconnecting at once then cost one write each, not three reads. (Wrong join
 * codes are counted in memory by `join-guard.ts`, not in the store.)
 */
export function cachedLiveRepo(repo: LiveRepo, now: () => number): LiveRepo {
  const rooms = new Map<string, { record: LiveRoomRecord; at: number }>();
  const participants = new Map<string, LiveParticipantRecord>();
  const joinQueues = new Map<string, { items: JoinItem[]; flushing: boolean }>();
  /** Rooms whose participants were all read once: after a restart, 10,000 phones reconnect with one query. */
  const warmed = new Map<string, Promise<void>>();
  return {
    ...repo,
    async findRoomByCode(code) {
      const hit = rooms.get(code);
      if (hit && now() - hit.at < ROOM_TTL_MS) return hit.record;
      const record = await repo.findRoomByCode(code);
      if (record) rooms.set(code, { record, at: now() });
      return record;
    },
    async findParticipantByToken(roomId, tokenHash) {
      const key = `${roomId} ${tokenHash}`;
      if (!warmed.has(roomId)) {
        const loading = repo.participantsWithTokens(roomId).then((rows) => {
          for (const r of rows) participants.set(`${roomId} ${r.tokenHash}`, r.participant);
        });
        warmed.set(roomId, loading);
        loading.catch(() => warmed.delete(roomId));
      }
      await warmed.get(roomId)?.catch(() => {});
      const hit = participants.get(key);
      if (hit) return hit;
      const found = await repo.findParticipantByToken(roomId, tokenHash);
      if (found) {
        participants.set(key, found);
      }
      return found;
    },
    /** Joins of one room are written in batches: while one transaction commits, the next fills up. */
    createParticipant(roomId, p) {
      return new Promise((resolve, reject) => {
        const queue = joinQueues.get(roomId) ?? { items: [], flushing: false };
        joinQueues.set(roomId, queue);
        queue.items.push({ p, resolve, reject });
        if (queue.flushing) return;
        queue.flushing = true;
        void (async () => {
          while (queue.items.length > 0) {
            const batch = queue.items.splice(0, 500);
            try {
              const created = await repo.createParticipants(
                roomId,
                batch.map((b) => b.p),
              );
              created.forEach((c, i) => {
                participants.set(`${roomId} ${(batch[i] as JoinItem).p.tokenHash}`, c.participant);
                (batch[i] as JoinItem).resolve(c);
              });
            } catch (error) {
              for (const b of batch) b.reject(error);
            }
          }
          queue.flushing = false;
          joinQueues.delete(roomId);
        })();
      });
    },
  };
}
