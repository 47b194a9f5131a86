-- Co-development sessions (codéveloppement professionnel): what a finished session leaves behind,
-- written when the facilitator closes its activity in a live room. One record per (room,
-- activity): closing again rewrites the same row. Proposals carry a name only when their author
-- signed them; the participant ids kept with proposals and learnings are never shown: they let a
-- person's erasure reach her texts. The porteur's private notes are not kept here (only in the
-- room's log, anonymised with the rest on erasure).
create table codev_records (
  id uuid primary key default gen_random_uuid(),
  room_id uuid references live_rooms (id) on delete set null,
  activity_id text not null,
  territory_id uuid not null references territories (id) on delete restrict,
  collective_id uuid references collectives (id) on delete set null,
  subject_type text not null check (subject_type in ('probleme', 'preoccupation', 'projet')),
  subject text not null default '' check (length(subject) <= 1000),
  contract text not null default '' check (length(contract) <= 1000),
  -- [{ "text": …, "name": … | null, "participantId": … }]
  proposals jsonb not null default '[]'::jsonb,
  action_plan text not null default '' check (length(action_plan) <= 1000),
  follow_up date,
  -- [{ "text": …, "participantId": … }]
  learnings jsonb not null default '[]'::jsonb,
  -- [{ "kind": …, "label": …, "minutes": … }]
  steps jsonb not null default '[]'::jsonb,
  porteur_participant_id uuid references live_participants (id) on delete set null,
  held_at timestamptz not null default now(),
  created_by uuid references users (id) on delete set null,
  unique (room_id, activity_id)
);
create index codev_records_collective on codev_records (collective_id) where collective_id is not null;
create index codev_records_territory on codev_records (territory_id);
create index codev_records_porteur on codev_records (porteur_participant_id) where porteur_participant_id is not null;
