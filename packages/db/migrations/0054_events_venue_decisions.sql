-- What an import of a day from the laptop left for a person to decide, kept until decided (and after):
-- rows changed on both sides (both versions as they were at the import) and walk-ins who look like
-- someone of the directory. One row per day and row (or walk-in and directory person): importing the
-- same return file again finds it and writes nothing.
create table venue_conflicts (
  id uuid primary key default gen_random_uuid(),
  event_id uuid not null references events (id) on delete cascade,
  table_name text not null,
  -- The row's id, or its natural key (`registration/session` for a workshop choice).
  row_key text not null,
  label text not null default '',
  reason text not null check (reason in ('registration_cancelled', 'edited_both_sides', 'gone_from_territory', 'refused_by_territory')),
  columns text[] not null default '{}',
  territory_value jsonb,
  laptop_value jsonb not null,
  status text not null default 'open' check (status in ('open', 'kept_territory', 'took_laptop')),
  decided_by uuid references users (id) on delete set null,
  decided_at timestamptz,
  created_at timestamptz not null default now(),
  unique (event_id, table_name, row_key),
  check ((status = 'open') = (decided_at is null))
);

create table venue_duplicates (
  id uuid primary key default gen_random_uuid(),
  event_id uuid not null references events (id) on delete cascade,
  walk_in_name text not null,
  registration_id uuid references event_registrations (id) on delete cascade,
  -- The person made on the laptop and set aside (not created here), with her organisations' ids.
  walk_in_person_id uuid,
  walk_in_person jsonb,
  walk_in_organisation_ids uuid[] not null default '{}',
  directory_person_id uuid not null references people (id) on delete cascade,
  status text not null default 'open' check (status in ('open', 'linked', 'kept_separate')),
  decided_by uuid references users (id) on delete set null,
  decided_at timestamptz,
  created_at timestamptz not null default now(),
  check ((status = 'open') = (decided_at is null)),
  check (registration_id is not null or walk_in_person_id is not null)
);
create unique index venue_duplicates_walk_in on venue_duplicates (event_id, coalesce(registration_id, walk_in_person_id), directory_person_id);
create index venue_conflicts_event on venue_conflicts (event_id);
