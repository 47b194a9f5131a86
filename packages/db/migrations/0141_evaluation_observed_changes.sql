-- Observed changes (outcome harvesting, issue 14): a dated entry of what an actor changed
-- (behaviour, relationship, practice, policy), its evidence, its significance and how the
-- collective or the action contributed; attachable afterwards to a change of a pathway.
create table observed_changes (
  id uuid primary key default gen_random_uuid(),
  territory_id uuid not null references territories (id) on delete cascade,
  collective_id uuid references collectives (id) on delete set null,
  observed_on date not null,
  -- The actor who changed: an organisation of the ecosystem, or named in free text.
  actor_organisation_id uuid references organisations (id) on delete set null,
  actor_name text not null default '' check (length(actor_name) <= 200),
  kind text not null check (kind in ('comportement', 'relation', 'pratique', 'politique')),
  description text not null check (length(description) between 1 and 2000),
  evidence text not null default '' check (length(evidence) <= 2000),
  significance text not null default '' check (length(significance) <= 2000),
  contribution text not null default '' check (length(contribution) <= 2000),
  pathway_id uuid references pathways (id) on delete set null,
  change_id uuid references pathway_changes (id) on delete set null,
  -- Who recorded it (a personal datum: see packages/db/src/evaluation/personal-data.ts).
  created_by uuid references users (id) on delete set null,
  created_at timestamptz not null default now()
);
create index observed_changes_territory on observed_changes (territory_id, observed_on);
create index observed_changes_created_by on observed_changes (created_by) where created_by is not null;
