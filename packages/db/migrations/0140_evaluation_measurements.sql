-- Shared measurement (issue 14): the one `indicators` table of the pathways capability gains two
-- owners of its own (a territory or a collective, with no pathway), the organisations expected to
-- report it, and its first period; measurements attach to `indicators.id`. A period already
-- reported by an organisation is corrected by a new version: rows are never updated.
alter table indicators add column territory_id uuid references territories (id) on delete cascade;
alter table indicators add column collective_id uuid references collectives (id) on delete cascade;
-- The first period reporters owe (in the indicator's form); null: the year it was created.
alter table indicators add column first_period text check (first_period is null or length(first_period) between 4 and 10);

do $$
declare c text;
begin
  for c in select conname from pg_constraint
    where conrelid = 'indicators'::regclass and contype = 'c' and pg_get_constraintdef(oid) like '%num_nonnulls%'
  loop
    execute format('alter table indicators drop constraint %I', c);
  end loop;
end
$$;
alter table indicators add constraint indicators_one_owner check (num_nonnulls(pathway_id, territory_id, collective_id) = 1);
create index indicators_territory on indicators (territory_id) where territory_id is not null;
create index indicators_collective on indicators (collective_id) where collective_id is not null;

-- The partners expected to report an indicator (the same definition for every one of them).
create table indicator_reporters (
  indicator_id uuid not null references indicators (id) on delete cascade,
  organisation_id uuid not null references organisations (id) on delete cascade,
  primary key (indicator_id, organisation_id)
);
create index indicator_reporters_organisation on indicator_reporters (organisation_id);

create table indicator_measurements (
  id uuid primary key default gen_random_uuid(),
  indicator_id uuid not null references indicators (id) on delete cascade,
  organisation_id uuid not null references organisations (id) on delete cascade,
  period text not null check (length(period) between 4 and 10),
  -- 1 for the first report of the period, then one more per correction.
  version integer not null check (version > 0),
  value double precision not null,
  comment text not null default '',
  -- The name of the file the value came from (an import), when it did.
  source_file text not null default '',
  -- Who reported it (a personal datum: see packages/db/src/evaluation/personal-data.ts).
  reported_by uuid references users (id) on delete set null,
  reported_at timestamptz not null default now(),
  unique (indicator_id, organisation_id, period, version)
);
create index indicator_measurements_reporter on indicator_measurements (reported_by) where reported_by is not null;
