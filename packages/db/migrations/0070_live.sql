-- Live facilitation: rooms joined by a short code, anonymous participants with a secret token,
-- and an append-only event log per room. Every participant input is a row of live_events,
-- committed before the server acknowledges it; the room's state is the fold of its log.
create table live_rooms (
  id uuid primary key default gen_random_uuid(),
  code text not null unique check (code ~ '^[A-Z0-9]{6}$'),
  title text not null,
  territory_id uuid not null references territories (id) on delete restrict,
  -- The session of a cooperation day this room belongs to (events capability); no foreign key
  -- yet, so a room can be opened on its own and the events tables can evolve independently.
  event_session_id uuid,
  -- Last sequence number handed out; incremented under the row lock, so seqs follow commit order.
  last_seq bigint not null default 0,
  created_by uuid references users (id) on delete set null,
  created_at timestamptz not null default now(),
  closed_at timestamptz
);
create index live_rooms_territory on live_rooms (territory_id);
create index live_rooms_event_session on live_rooms (event_session_id) where event_session_id is not null;

create table live_participants (
  id uuid primary key default gen_random_uuid(),
  room_id uuid not null references live_rooms (id) on delete cascade,
  token_hash text not null unique, -- sha256 of the participant's secret token, never the token
  display_name text not null,
  organisation_kind text,
  territory_label text,
  user_id uuid references users (id) on delete set null,
  joined_at timestamptz not null default now()
);
create index live_participants_room on live_participants (room_id);

create table live_events (
  room_id uuid not null references live_rooms (id) on delete cascade,
  seq bigint not null,
  type text not null,
  participant_id uuid references live_participants (id) on delete cascade,
  idempotency_key text,
  payload jsonb not null,
  at timestamptz not null default now(),
  primary key (room_id, seq)
);
-- A participant's retry (offline queue, reconnection) is stored once.
create unique index live_events_idempotency on live_events (participant_id, idempotency_key) where idempotency_key is not null;

-- Wrong join codes per client, for the brute-force limit.
create table live_join_failures (
  client_key text not null,
  at timestamptz not null default now()
);
create index live_join_failures_client on live_join_failures (client_key, at);
