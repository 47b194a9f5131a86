-- Change pathways (approche orientée changement, seed 003): a vision, changes on three horizons
-- linked toward it, the actions feeding the short term, indicators with a baseline and a target,
-- dated reviews with a traffic light per change, a journal; every write makes a new version whose
-- snapshot can be read back. The link rules (no cycle, no backward link) are core's, checked in
-- the write transaction under the pathway's row lock; the table keeps what SQL can say alone.
create table pathways (
  id uuid primary key default gen_random_uuid(),
  -- The territory the pathway is about: the owner territory, or the owner collective's territory.
  territory_id uuid not null references territories (id) on delete restrict,
  -- Set when a collective owns the pathway; null for a territory's own pathway.
  collective_id uuid references collectives (id) on delete cascade,
  title text not null check (length(title) between 1 and 160),
  vision_sentence text not null default '',
  front_page_title text not null default '',
  front_page_story text not null default '',
  version integer not null default 0,
  created_by uuid references users (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index pathways_territory on pathways (territory_id);
create index pathways_collective on pathways (collective_id) where collective_id is not null;

create table pathway_changes (
  id uuid primary key default gen_random_uuid(),
  pathway_id uuid not null references pathways (id) on delete cascade,
  horizon text not null check (horizon in ('court', 'moyen', 'long')),
  text text not null check (length(text) between 1 and 400),
  position integer not null,
  -- Organisations of the ecosystem expected to change (ids), and kinds of actors (free words).
  organisation_ids jsonb not null default '[]'::jsonb,
  actor_kinds jsonb not null default '[]'::jsonb,
  -- Progress markers: [{ level: attendu|souhaite|adore, text }].
  markers jsonb not null default '[]'::jsonb,
  -- Lets links and actions say, in SQL too, that their changes are of their own pathway.
  unique (pathway_id, id)
);
create index pathway_changes_pathway on pathway_changes (pathway_id, position);

-- A change of one pathway (a collective's) contributing to a change of another (its territory's).
create table pathway_contributions (
  change_id uuid not null references pathway_changes (id) on delete cascade,
  target_change_id uuid not null references pathway_changes (id) on delete cascade,
  primary key (change_id, target_change_id),
  check (change_id <> target_change_id)
);
create index pathway_contributions_target on pathway_contributions (target_change_id);

create table pathway_links (
  id uuid primary key default gen_random_uuid(),
  pathway_id uuid not null references pathways (id) on delete cascade,
  from_change_id uuid not null,
  -- null: the vision.
  to_change_id uuid,
  rationale text not null default '',
  assumptions text not null default '',
  created_at timestamptz not null default now(),
  check (from_change_id <> to_change_id),
  foreign key (pathway_id, from_change_id) references pathway_changes (pathway_id, id) on delete cascade,
  foreign key (pathway_id, to_change_id) references pathway_changes (pathway_id, id) on delete cascade
);
create unique index pathway_links_unique on pathway_links (from_change_id, coalesce(to_change_id, '00000000-0000-0000-0000-000000000000'::uuid));
create index pathway_links_pathway on pathway_links (pathway_id);

create table pathway_actions (
  id uuid primary key default gen_random_uuid(),
  pathway_id uuid not null references pathways (id) on delete cascade,
  change_id uuid not null,
  text text not null check (length(text) between 1 and 400),
  collective_id uuid references collectives (id) on delete set null,
  organisation_id uuid references organisations (id) on delete set null,
  by_name text not null default '',
  created_at timestamptz not null default now(),
  foreign key (pathway_id, change_id) references pathway_changes (pathway_id, id) on delete cascade
);
create index pathway_actions_pathway on pathway_actions (pathway_id);

-- One definition of an indicator for all of maillage: its owner is a pathway today (optionally one
-- of its changes); the evaluation capability will add its own owner column (and widen the check)
-- and attach measurements to `indicators.id`.
create table indicators (
  id uuid primary key default gen_random_uuid(),
  pathway_id uuid references pathways (id) on delete cascade,
  change_id uuid references pathway_changes (id) on delete set null,
  name text not null check (length(name) between 1 and 200),
  unit text not null check (length(unit) between 1 and 40),
  source text not null default '',
  method text not null default '',
  frequency text not null check (frequency in ('mensuelle', 'trimestrielle', 'semestrielle', 'annuelle', 'ponctuelle')),
  reporter text not null default '',
  baseline_value double precision,
  baseline_year integer,
  target_value double precision,
  target_year integer,
  created_at timestamptz not null default now(),
  check (num_nonnulls(pathway_id) = 1),
  check (target_year is null or baseline_year is null or target_year >= baseline_year)
);
create index indicators_pathway on indicators (pathway_id) where pathway_id is not null;

create table pathway_reviews (
  id uuid primary key default gen_random_uuid(),
  pathway_id uuid not null references pathways (id) on delete cascade,
  held_on date not null,
  summary text not null default '',
  created_by uuid references users (id) on delete set null,
  created_at timestamptz not null default now()
);
create index pathway_reviews_pathway on pathway_reviews (pathway_id, held_on);

create table pathway_review_lights (
  review_id uuid not null references pathway_reviews (id) on delete cascade,
  change_id uuid not null references pathway_changes (id) on delete cascade,
  light text not null check (light in ('en_bonne_voie', 'a_risque', 'hors_trajectoire', 'pas_commence')),
  comment text not null default '',
  primary key (review_id, change_id)
);

-- The journal (journal de bord): dated notes, with their author (a personal datum: see
-- packages/db/src/change/personal-data.ts).
create table pathway_journal (
  id uuid primary key default gen_random_uuid(),
  pathway_id uuid not null references pathways (id) on delete cascade,
  on_day date not null,
  text text not null check (length(text) between 1 and 3000),
  author_id uuid references users (id) on delete set null,
  author_name text,
  created_at timestamptz not null default now()
);
create index pathway_journal_pathway on pathway_journal (pathway_id, on_day);

-- Every write: the new version number, who made it, a short French summary, and the snapshot of
-- the whole pathway as it was read then (the pathway view, without the reader's permissions).
create table pathway_versions (
  pathway_id uuid not null references pathways (id) on delete cascade,
  version integer not null check (version > 0),
  at timestamptz not null default now(),
  author_id uuid references users (id) on delete set null,
  author_name text,
  summary text not null,
  snapshot jsonb not null,
  primary key (pathway_id, version)
);
create index pathway_versions_author on pathway_versions (author_id) where author_id is not null;
