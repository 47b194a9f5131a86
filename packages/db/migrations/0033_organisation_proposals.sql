-- Ecosystem, part 4: who edits an organisation. Its members and the coordinators of its
-- territories edit it; everyone else who works there proposes a change, which they accept or
-- refuse. Every proposal stays, with its decision: the table is the record's history.

-- Bumped by every change of the record, so that a proposal knows which version its author read.
alter table organisations add column version integer not null default 1;

create table organisation_proposals (
  id uuid primary key default gen_random_uuid(),
  organisation_id uuid not null references organisations (id) on delete cascade,
  -- The territory the decision belongs to (the organisation's commune, else its first territory
  -- when proposed): coordinators list what waits on their territory by it.
  territory_id uuid references territories (id) on delete set null,
  -- Only the fields the proposal changes, as the edit form names them (name, kind, themeIds…).
  changes jsonb not null,
  -- The same fields as the author read them, and the record's version then: at acceptance, a
  -- field someone else changed meanwhile refuses the proposal instead of overwriting it.
  base jsonb not null,
  base_version integer not null,
  author_user_id uuid references users (id) on delete set null,
  message text,
  status text not null default 'proposed' check (status in ('proposed', 'accepted', 'refused', 'superseded')),
  decided_by uuid references users (id) on delete set null,
  decided_at timestamptz,
  decision_note text,
  created_at timestamptz not null default now(),
  -- Superseded (by a newer proposal of the same author) is dated too, without a decider.
  check ((status = 'proposed') = (decided_at is null))
);
create index organisation_proposals_org on organisation_proposals (organisation_id, created_at desc);
create index organisation_proposals_pending on organisation_proposals (territory_id, created_at) where status = 'proposed';
create index organisation_proposals_author on organisation_proposals (author_user_id) where author_user_id is not null;
create index organisation_proposals_decider on organisation_proposals (decided_by) where decided_by is not null;
