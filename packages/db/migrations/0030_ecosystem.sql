-- Ecosystem: organisations, people, themes, acquaintances, and the cooperation continuum
-- between organisations (each assessment kept, by side and date).

create table eco_themes (
  id uuid primary key default gen_random_uuid(),
  label text not null,
  -- null: the shared list; else a theme a coordinator added for this territory (and below it).
  territory_id uuid references territories (id) on delete cascade,
  label_key text not null,
  created_by uuid references users (id) on delete set null,
  created_at timestamptz not null default now()
);
create unique index eco_themes_shared_key on eco_themes (label_key) where territory_id is null;
create unique index eco_themes_territory_key on eco_themes (territory_id, label_key) where territory_id is not null;

insert into eco_themes (label, label_key) values
  ('parentalité', 'parentalite'), ('bien-être', 'bien etre'), ('jeunesse', 'jeunesse'),
  ('réussite éducative', 'reussite educative'), ('emploi', 'emploi'), ('santé', 'sante'),
  ('habitat', 'habitat'), ('tranquillité publique', 'tranquillite publique'),
  ('accès aux droits', 'acces aux droits'), ('isolement', 'isolement'), ('mobilité', 'mobilite'),
  ('culture', 'culture'), ('sport', 'sport'), ('numérique', 'numerique'), ('alimentation', 'alimentation');

create table organisations (
  id uuid primary key default gen_random_uuid(),
  name text not null,
  -- searchKey(name): accent/case-folded, for the directory's trigram search.
  search_key text not null,
  -- organisationNameKey(name): articles and abbreviations folded too, for duplicate detection.
  name_key text not null,
  kind text not null check (kind in ('habitant', 'association', 'centre_social', 'collectivite', 'etat', 'caf',
    'bailleur', 'entreprise', 'collectif_habitants', 'centre_ressources', 'autre')),
  siren text check (siren ~ '^[0-9]{9}$'),
  siret text check (siret ~ '^[0-9]{14}$'),
  rna text check (rna ~ '^W[0-9A-Z]{9}$'),
  commune_id uuid references territories (id) on delete set null,
  description text,
  address text,
  website text,
  public_email text,
  public_phone text,
  -- A merged duplicate keeps its row (so old links resolve) and points at the organisation kept.
  merged_into uuid references organisations (id) on delete set null,
  created_by uuid references users (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index organisations_search_trgm on organisations using gin (search_key gin_trgm_ops) where merged_into is null;
create index organisations_siren on organisations (siren) where merged_into is null and siren is not null;
create index organisations_name_key on organisations (name_key, commune_id) where merged_into is null;
create index organisations_kind on organisations (kind);

create table organisation_territories (
  organisation_id uuid not null references organisations (id) on delete cascade,
  territory_id uuid not null references territories (id) on delete cascade,
  primary key (organisation_id, territory_id)
);
create index organisation_territories_territory on organisation_territories (territory_id, organisation_id);

create table organisation_themes (
  organisation_id uuid not null references organisations (id) on delete cascade,
  theme_id uuid not null references eco_themes (id) on delete cascade,
  primary key (organisation_id, theme_id)
);
create index organisation_themes_theme on organisation_themes (theme_id, organisation_id);

create table people (
  id uuid primary key default gen_random_uuid(),
  name text not null,
  search_key text not null,
  function text,
  -- The person's own account, when they have one: they see and export their data.
  user_id uuid references users (id) on delete set null,
  is_resource boolean not null default false,
  resource_for text,
  -- Contact details are kept only with the person's consent (RGPD), and its date.
  email text,
  phone text,
  contact_consent boolean not null default false,
  contact_consent_on date,
  check (contact_consent or (email is null and phone is null)),
  -- Erased (RGPD): the row stays so that contributions remain, anonymised.
  erased_at timestamptz,
  created_by uuid references users (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index people_search_trgm on people using gin (search_key gin_trgm_ops) where erased_at is null;
create index people_user on people (user_id) where user_id is not null;
create index people_resource on people (is_resource) where is_resource;

create table person_organisations (
  person_id uuid not null references people (id) on delete cascade,
  organisation_id uuid not null references organisations (id) on delete cascade,
  primary key (person_id, organisation_id)
);
create index person_organisations_org on person_organisations (organisation_id, person_id);

create table person_territories (
  person_id uuid not null references people (id) on delete cascade,
  territory_id uuid not null references territories (id) on delete cascade,
  primary key (person_id, territory_id)
);
create index person_territories_territory on person_territories (territory_id, person_id);

create table person_themes (
  person_id uuid not null references people (id) on delete cascade,
  theme_id uuid not null references eco_themes (id) on delete cascade,
  primary key (person_id, theme_id)
);
create index person_themes_theme on person_themes (theme_id, person_id);

-- Who knows whom: declared by a person, or from having sat at the same table at an event (the
-- live facilitation capability writes source = 'event' with source_ref = the event or table).
-- Sharing an organisation is derived (see the known_pairs view). Pairs are ordered: a < b.
create table acquaintances (
  id bigserial primary key,
  person_a uuid not null references people (id) on delete cascade,
  person_b uuid not null references people (id) on delete cascade,
  source text not null check (source in ('declared', 'event')),
  source_ref text not null default '',
  declared_by uuid references users (id) on delete set null,
  met_on date,
  created_at timestamptz not null default now(),
  check (person_a < person_b),
  unique (person_a, person_b, source, source_ref)
);
create index acquaintances_b on acquaintances (person_b);

create view known_pairs as
  select person_a, person_b, source from acquaintances
  union
  select least(x.person_id, y.person_id), greatest(x.person_id, y.person_id), 'organisation'
  from person_organisations x
  join person_organisations y on y.organisation_id = x.organisation_id and y.person_id > x.person_id;

-- One assessment of a relation between two organisations (org_a < org_b), on behalf of one
-- of them, at a date. Never updated: the history is the table.
create table cooperation_assessments (
  id uuid primary key default gen_random_uuid(),
  org_a uuid not null references organisations (id) on delete cascade,
  org_b uuid not null references organisations (id) on delete cascade,
  on_behalf_of uuid not null references organisations (id) on delete cascade,
  level smallint not null check (level between 1 and 7),
  assessed_on date not null,
  note text,
  assessed_by uuid references users (id) on delete set null,
  created_at timestamptz not null default now(),
  seq bigserial,
  check (org_a < org_b),
  check (on_behalf_of = org_a or on_behalf_of = org_b)
);
create index cooperation_assessments_pair on cooperation_assessments (org_a, org_b, on_behalf_of, assessed_on desc, seq desc);
create index cooperation_assessments_b on cooperation_assessments (org_b);
create index cooperation_assessments_on on cooperation_assessments (assessed_on);
