-- Collectives: small collectives of actors (3 to 5 people) formed around a shared urgency to act,
-- usually at the end of a cooperation day (live facilitation, "forming collectives"). Each keeps
-- the urgency its members share and its answers to the four guiding questions of DOMAIN.md.
create table collectives (
  id uuid primary key default gen_random_uuid(),
  territory_id uuid not null references territories (id) on delete restrict,
  name text not null check (length(name) between 1 and 160),
  urgency text not null default '',
  themes jsonb not null default '[]'::jsonb,
  -- Where it was formed: the live room, its activity and the collective's number there. Creating
  -- the collectives of a room twice finds the same rows (a retry after a crash writes nothing new).
  origin_room_id uuid references live_rooms (id) on delete set null,
  origin_activity_id text,
  origin_number integer,
  created_by uuid references users (id) on delete set null,
  created_at timestamptz not null default now(),
  unique (origin_room_id, origin_activity_id, origin_number)
);
create index collectives_territory on collectives (territory_id);

create table collective_members (
  collective_id uuid not null references collectives (id) on delete cascade,
  position integer not null,
  display_name text not null,
  person_id uuid references people (id) on delete set null,
  live_participant_id uuid references live_participants (id) on delete set null,
  primary key (collective_id, position)
);
create index collective_members_person on collective_members (person_id) where person_id is not null;

-- The four guiding questions (1: shared urgency, 2: people to mobilise, 3: commitment, 4: next steps).
create table collective_answers (
  collective_id uuid not null references collectives (id) on delete cascade,
  question smallint not null check (question between 1 and 4),
  answer text not null check (length(answer) <= 4000),
  updated_at timestamptz not null default now(),
  updated_by uuid references users (id) on delete set null,
  primary key (collective_id, question)
);
