-- Calls for projects (appels à projets) of a contrat de ville: the campaign with its note de
-- cadrage, priorities, eligible territories, three tracks, referents and dated steps; its
-- co-funders and their reviewers; collective applications with one CERFA 12156 budget per
-- structure; supporting documents (stored here, so that every instance of a deployment reads
-- them); the status history; reviews per funder; the committee's votes line by line per funder;
-- the compte rendu financier. Amounts are integers in cents.
create table calls (
  id uuid primary key default gen_random_uuid(),
  territory_id uuid not null references territories (id) on delete restrict,
  title text not null check (length(title) between 1 and 160),
  year integer not null check (year between 2000 and 2100),
  framing text not null default '',
  version integer not null default 0,
  created_by uuid references users (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index calls_territory on calls (territory_id, year desc);

create table call_priorities (
  id uuid primary key default gen_random_uuid(),
  call_id uuid not null references calls (id) on delete cascade,
  position integer not null,
  text text not null check (length(text) between 1 and 400),
  change_id uuid references pathway_changes (id) on delete set null
);
create index call_priorities_call on call_priorities (call_id, position);

create table call_territories (
  call_id uuid not null references calls (id) on delete cascade,
  territory_id uuid not null references territories (id) on delete cascade,
  primary key (call_id, territory_id)
);

create table call_tracks (
  call_id uuid not null references calls (id) on delete cascade,
  track text not null check (track in ('projet_individuel', 'projet_collectif', 'petit_collectif')),
  enabled boolean not null default true,
  description text not null default '',
  primary key (call_id, track)
);

create table call_steps (
  id uuid primary key default gen_random_uuid(),
  call_id uuid not null references calls (id) on delete cascade,
  kind text not null check (kind in ('cadrage', 'pre_dossier', 'depot', 'instruction', 'comite', 'realisation', 'compte_rendu')),
  label text not null default '',
  -- Dates in Europe/Paris: a step opens at the start of opens_on and closes at the end of closes_on.
  opens_on date not null,
  closes_on date not null,
  check (opens_on <= closes_on)
);
create index call_steps_call on call_steps (call_id, opens_on);

create table call_cofunders (
  id uuid primary key default gen_random_uuid(),
  call_id uuid not null references calls (id) on delete cascade,
  kind text not null check (kind in ('etat', 'epci', 'commune', 'departement', 'region', 'caf', 'bailleur', 'autre')),
  name text not null check (length(name) between 1 and 160),
  detail text not null default '',
  envelope_cents bigint not null default 0 check (envelope_cents >= 0),
  tracks jsonb not null default '[]'::jsonb,
  position integer not null default 0
);
create index call_cofunders_call on call_cofunders (call_id, position);

create table call_cofunder_reviewers (
  cofunder_id uuid not null references call_cofunders (id) on delete cascade,
  user_id uuid not null references users (id) on delete cascade,
  primary key (cofunder_id, user_id)
);
create index call_cofunder_reviewers_user on call_cofunder_reviewers (user_id);

-- Referents per institution and per territory for each track: named people (personal data).
create table call_referents (
  id uuid primary key default gen_random_uuid(),
  call_id uuid not null references calls (id) on delete cascade,
  track text not null check (track in ('projet_individuel', 'projet_collectif', 'petit_collectif')),
  cofunder_id uuid references call_cofunders (id) on delete set null,
  institution text not null default '',
  territory_id uuid references territories (id) on delete set null,
  name text not null check (length(name) between 1 and 160),
  email text not null default '',
  phone text not null default '',
  position integer not null default 0
);
create index call_referents_call on call_referents (call_id, position);

create table applications (
  id uuid primary key default gen_random_uuid(),
  call_id uuid not null references calls (id) on delete restrict,
  track text not null check (track in ('projet_individuel', 'projet_collectif', 'petit_collectif')),
  status text not null default 'brouillon' check (status in (
    'brouillon', 'pre_dossier', 'depose', 'recevable', 'non_recevable', 'en_instruction',
    'propose_comite', 'accorde', 'rejete', 'a_justifier', 'justifie', 'cloture')),
  collective_id uuid references collectives (id) on delete set null,
  -- The action (fiche projet of the CERFA 12156), as core's applicationActionSchema.
  action jsonb not null,
  version integer not null default 0,
  created_by uuid references users (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  submitted_at timestamptz
);
create index applications_call on applications (call_id, status);
create index applications_collective on applications (collective_id) where collective_id is not null;

-- The structures of an application: exactly one lead, any partners (a collective application).
create table application_structures (
  application_id uuid not null references applications (id) on delete cascade,
  organisation_id uuid not null references organisations (id) on delete restrict,
  role text not null check (role in ('lead', 'partner')),
  position integer not null default 0,
  primary key (application_id, organisation_id)
);
create unique index application_structures_one_lead on application_structures (application_id) where role = 'lead';
create index application_structures_organisation on application_structures (organisation_id);

-- One budget per structure: the CERFA lines [{ code, detail, cofunderId, amountCents }]; planned
-- (the request) and, after the year, actual (the compte rendu financier).
create table application_budgets (
  application_id uuid not null references applications (id) on delete cascade,
  organisation_id uuid not null references organisations (id) on delete restrict,
  planned jsonb not null default '[]'::jsonb,
  actual jsonb,
  updated_at timestamptz not null default now(),
  primary key (application_id, organisation_id)
);

create table application_reports (
  application_id uuid primary key references applications (id) on delete cascade,
  qualitative text not null default '',
  updated_by uuid references users (id) on delete set null,
  updated_at timestamptz not null default now()
);

-- Files: a call's note de cadrage attachments (application_id null) and an application's
-- supporting documents. Kept in the database so that every instance of a deployment serves them.
create table call_files (
  id uuid primary key default gen_random_uuid(),
  call_id uuid not null references calls (id) on delete cascade,
  application_id uuid references applications (id) on delete cascade,
  organisation_id uuid references organisations (id) on delete set null,
  kind text not null check (kind in ('cadrage', 'rib', 'statuts', 'bilan_n1', 'comptes', 'rapport_activite', 'attestation', 'autre')),
  filename text not null check (length(filename) between 1 and 200),
  mime text not null,
  size integer not null check (size > 0 and size <= 10485760),
  sha256 text not null,
  content bytea not null,
  uploaded_by uuid references users (id) on delete set null,
  uploaded_at timestamptz not null default now()
);
create index call_files_call on call_files (call_id) where application_id is null;
create index call_files_application on call_files (application_id) where application_id is not null;

-- Every status change, dated with who made it; a funder's decision names the funder.
create table application_history (
  id uuid primary key default gen_random_uuid(),
  application_id uuid not null references applications (id) on delete cascade,
  from_status text,
  to_status text not null,
  cofunder_id uuid references call_cofunders (id) on delete set null,
  by_user_id uuid references users (id) on delete set null,
  comment text not null default '',
  at timestamptz not null default now()
);
create index application_history_application on application_history (application_id, at);

-- One review per reviewer and funder; a funder's reviewers do not read another funder's until the committee.
create table application_reviews (
  id uuid primary key default gen_random_uuid(),
  application_id uuid not null references applications (id) on delete cascade,
  cofunder_id uuid not null references call_cofunders (id) on delete cascade,
  reviewer_user_id uuid references users (id) on delete set null,
  reviewer_name text not null default '',
  complete boolean not null,
  bilan_received boolean,
  eligible boolean not null,
  criteria jsonb not null default '{}'::jsonb,
  appreciation text check (appreciation in ('favorable', 'reserve', 'defavorable')),
  comment text not null default '',
  proposed_cents bigint check (proposed_cents >= 0),
  updated_at timestamptz not null default now()
);
create unique index application_reviews_one on application_reviews (application_id, cofunder_id, reviewer_user_id);

-- The committee's vote for each funder's line of an application.
create table application_decisions (
  application_id uuid not null references applications (id) on delete cascade,
  cofunder_id uuid not null references call_cofunders (id) on delete cascade,
  decision text not null check (decision in ('accorde', 'rejete')),
  voted_cents bigint not null check (voted_cents >= 0),
  decided_by uuid references users (id) on delete set null,
  decided_at timestamptz not null default now(),
  primary key (application_id, cofunder_id)
);
