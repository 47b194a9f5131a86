-- Territories: official divisions (régions, départements, EPCI, communes) and custom ones
-- (quartiers, QPV, ruralité). A territory may have several parents (a quartier across two
-- communes; a commune in its département and its EPCI).
create table territories (
  id uuid primary key default gen_random_uuid(),
  kind text not null check (kind in ('region', 'departement', 'epci', 'commune', 'quartier', 'qpv', 'ruralite')),
  code text,
  name text not null,
  slug text not null unique,
  epci_type text,
  population integer,
  created_by uuid references users (id) on delete set null,
  created_at timestamptz not null default now()
);
create unique index territories_kind_code on territories (kind, code) where code is not null;
create index territories_search_trgm on territories using gin (f_search(name) gin_trgm_ops);

create table territory_parents (
  territory_id uuid not null references territories (id) on delete cascade,
  parent_id uuid not null references territories (id) on delete cascade,
  primary key (territory_id, parent_id)
);
create index territory_parents_parent on territory_parents (parent_id);

-- Roles: administrators are users.is_admin; every other role is held on a territory.
create table role_assignments (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references users (id) on delete cascade,
  role text not null check (role in ('coordinator', 'facilitator', 'member', 'reviewer')),
  territory_id uuid not null references territories (id) on delete cascade,
  title text,
  created_by uuid references users (id) on delete set null,
  created_at timestamptz not null default now(),
  unique (user_id, role, territory_id)
);
create index role_assignments_user on role_assignments (user_id);

create table invitations (
  id uuid primary key default gen_random_uuid(),
  token_hash text not null unique,
  email text not null,
  role text not null check (role in ('coordinator', 'facilitator', 'member', 'reviewer')),
  territory_id uuid not null references territories (id) on delete cascade,
  title text,
  invited_by uuid references users (id) on delete set null,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  accepted_at timestamptz,
  accepted_user_id uuid references users (id) on delete set null
);
