-- Territories, part 2: arrondissements municipaux, the département code shown beside a commune
-- ("Vernouillet (78)"), a flag for official divisions that left the dataset, the search key
-- stored once per row, and a marker of which reference dataset is loaded.
alter table territories drop constraint if exists territories_kind_check;
alter table territories add constraint territories_kind_check
  check (kind in ('region', 'departement', 'epci', 'commune', 'arrondissement', 'quartier', 'qpv', 'ruralite'));
alter table territories add column dept_code text;
-- Official divisions absent from the latest dataset (a commune merged into another) are kept,
-- because roles and quartiers may hang on them, but no longer offered by search.
alter table territories add column retired boolean not null default false;
alter table territories add column updated_at timestamptz not null default now();

-- unaccent() is slow enough (PGlite runs it in WebAssembly) that computing f_search(name) for
-- every candidate row of every search costs hundreds of milliseconds: keep it in a column.
-- Search territories with `search_name like '%' || f_search($1) || '%'` or `search_name % f_search($1)`.
alter table territories add column search_name text generated always as (f_search(name)) stored;
drop index if exists territories_search_trgm;
create index territories_search_trgm on territories using gin (search_name gin_trgm_ops);
create index territories_search_prefix on territories (search_name text_pattern_ops);
create index territories_kind on territories (kind);

create table reference_data (
  name text primary key,
  version text not null,
  row_count integer not null,
  loaded_at timestamptz not null default now()
);
