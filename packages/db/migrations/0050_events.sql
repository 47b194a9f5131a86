-- Events: cooperation days (journées de coopération), their programme in rooms, registrations
-- with capacities and waiting lists, check-in. Times of day are wall-clock 'HH:MM' in
-- Europe/Paris, as a programme is printed; days are DATEs.
create table events (
  id uuid primary key default gen_random_uuid(),
  slug text not null unique,
  territory_id uuid not null references territories (id) on delete restrict,
  title text not null,
  description text not null default '',
  audience text not null default '',
  start_date date not null,
  end_date date not null,
  opens_at text not null default '08:30',
  closes_at text not null default '17:30',
  venue_name text not null default '',
  venue_address text not null default '',
  organisers jsonb not null default '[]'::jsonb,
  partners jsonb not null default '[]'::jsonb,
  themes jsonb not null default '[]'::jsonb,
  capacity integer check (capacity is null or capacity > 0),
  status text not null default 'draft' check (status in ('draft', 'published', 'closed', 'archived')),
  -- "À retenir": the takeaways of the day, kept with the event and shown on the territory page.
  takeaways jsonb not null default '[]'::jsonb,
  created_by uuid references users (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (end_date >= start_date)
);
create index events_territory on events (territory_id, start_date desc);

create table event_rooms (
  id uuid primary key default gen_random_uuid(),
  event_id uuid not null references events (id) on delete cascade,
  name text not null,
  capacity integer check (capacity is null or capacity > 0),
  position integer not null default 0
);
create index event_rooms_event on event_rooms (event_id, position);

create table event_sessions (
  id uuid primary key default gen_random_uuid(),
  event_id uuid not null references events (id) on delete cascade,
  kind text not null check (kind in ('accueil', 'mise_en_route', 'intervention', 'table_ronde', 'presentation_experiences',
    'atelier_methode', 'world_cafe', 'repas', 'retour_ateliers', 'cloture', 'autre')),
  title text not null,
  description text not null default '',
  day date not null,
  starts_at text not null,
  ends_at text not null,
  room_id uuid references event_rooms (id) on delete set null,
  capacity integer check (capacity is null or capacity > 0),
  colour text,
  -- [{ "name": "…", "personId": uuid|null, "role": "…" }]: people of the ecosystem or free text.
  speakers jsonb not null default '[]'::jsonb,
  choosable boolean not null default false,
  position integer not null default 0
);
create index event_sessions_event on event_sessions (event_id, day, starts_at);

create table event_registrations (
  id uuid primary key default gen_random_uuid(),
  event_id uuid not null references events (id) on delete cascade,
  -- sha256 of the personal link's token, never the token itself.
  token_hash text not null unique,
  -- what the badge's QR code carries: lets check-in find the person, nothing more.
  badge_code text not null unique,
  name text not null,
  email text not null,
  organisation_name text not null default '',
  organisation_kind text,
  -- Links to the ecosystem's organisations and people (filled when they are matched).
  organisation_id uuid,
  person_id uuid,
  territory_id uuid references territories (id) on delete set null,
  themes jsonb not null default '[]'::jsonb,
  lunch boolean not null default false,
  accessibility text not null default '',
  consent_at timestamptz not null,
  status text not null check (status in ('confirmed', 'waitlisted', 'cancelled')),
  walk_in boolean not null default false,
  checked_in_at timestamptz,
  -- Arrival order: the event's waiting list is served in this order.
  seq bigserial not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  cancelled_at timestamptz
);
create unique index event_registrations_email on event_registrations (event_id, lower(email)) where status <> 'cancelled' and email <> '';
create index event_registrations_event on event_registrations (event_id, status, seq);

create table event_choices (
  registration_id uuid not null references event_registrations (id) on delete cascade,
  session_id uuid not null references event_sessions (id) on delete cascade,
  preference integer not null,
  status text not null check (status in ('confirmed', 'waitlisted', 'pending', 'dropped')),
  -- Order on the workshop's waiting list.
  seq bigserial not null,
  primary key (registration_id, session_id)
);
create index event_choices_session on event_choices (session_id, status, seq);
