import type { ApiEndpoints, EndpointInput } from '@maillage/core';
import type { EventDetail } from './types';

/** What `PUT /api/events/:id/programme` takes (core's schema, as the client sends it). */
type ProgrammeBody = EndpointInput<ApiEndpoints['PUT /api/events/:id/programme']>['body'];

/** A room as the editor holds it: the programme's room (a new one has a local key). */
export type RoomDraft = Required<ProgrammeBody['rooms'][number]>;

/**
 * A session as the editor holds it: the programme's session, with a local key (a new session has
 * no id yet) and its speakers as the text typed ("Ana, Bruno").
 */
export type SessionDraft = Required<Omit<ProgrammeBody['sessions'][number], 'id' | 'speakers'>> & {
  id?: string;
  local: string;
  speakers: string;
};

let localCounter = 0;
/** A key for a room or a session not saved yet. */
export const localKey = () => `n${++localCounter}`;

/** The non-empty lines of a text area. */
export const lines = (v: string | undefined) =>
  (v ?? '')
    .split('\n')
    .map((x) => x.trim())
    .filter(Boolean);

export const numberOrNull = (value: string) => (value.trim() === '' ? null : Number(value));

/** The rooms and sessions of a day, as drafts to edit. */
export function toDrafts(detail: EventDetail): { rooms: RoomDraft[]; sessions: SessionDraft[] } {
  return {
    rooms: detail.rooms.map((r) => ({ key: r.id, name: r.name, capacity: r.capacity })),
    sessions: detail.sessions.map((s) => ({
      id: s.id,
      local: s.id,
      kind: s.kind,
      title: s.title,
      description: s.description,
      day: s.day,
      startsAt: s.startsAt,
      endsAt: s.endsAt,
      roomKey: s.roomId,
      capacity: s.capacity,
      colour: s.colour,
      speakers: s.speakers.map((p) => p.name).join(', '),
      choosable: s.choosable,
    })),
  };
}

/** The programme body of the drafts (checked or saved as a whole). */
export function programmeBody(rooms: RoomDraft[], sessions: SessionDraft[]): ProgrammeBody {
  return {
    rooms,
    sessions: sessions.map(({ local: _local, speakers, ...s }) => ({
      ...s,
      speakers: speakers
        .split(',')
        .map((name) => name.trim())
        .filter(Boolean)
        .map((name) => ({ name })),
    })),
  };
}
