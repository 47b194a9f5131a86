import type { ListedRoomView } from '@maillage/core';
import { describe, expect, it } from 'vitest';
import { roomOrder } from './rooms-list';

const room = (id: string, createdAt: string, closedAt: string | null): ListedRoomView => ({
  id,
  code: id.toUpperCase(),
  title: id,
  territoryId: 't',
  eventSessionId: null,
  createdAt,
  closedAt,
  participants: 0,
  joinPath: `/j/${id}`,
  consolePath: `/animation/${id}`,
});

describe('roomOrder', () => {
  it('puts open rooms first, then the most recent', () => {
    const rooms = [
      room('old-open', '2026-01-01T09:00:00Z', null),
      room('new-closed', '2026-03-01T09:00:00Z', '2026-03-01T12:00:00Z'),
      room('new-open', '2026-02-01T09:00:00Z', null),
      room('old-closed', '2025-12-01T09:00:00Z', '2025-12-01T12:00:00Z'),
    ];
    expect(rooms.sort(roomOrder).map((r) => r.id)).toEqual(['new-open', 'old-open', 'new-closed', 'old-closed']);
  });
});
