-- The collaboration self-assessment (baromètre de la coopération, issue 14): runs opened for a
-- collective or a partnership of a territory, answered anonymously by their members through the
-- run's link. An answer holds NO link to a person or an account, and no time: only the run, the
-- 40 ratings, and the SHA-256 of a random token the respondent's phone drew, kept only so that
-- one phone answers once. Answering writes no audit entry (it would name the account).
create table barometer_runs (
  id uuid primary key default gen_random_uuid(),
  territory_id uuid not null references territories (id) on delete cascade,
  -- Set for a collective's run; null for a partnership of the territory (named by the title).
  collective_id uuid references collectives (id) on delete cascade,
  title text not null check (length(title) between 1 and 160),
  -- The random code of the run's link (the invitation to answer).
  code text not null unique check (length(code) between 16 and 64),
  opened_on date not null,
  closed_at timestamptz,
  created_by uuid references users (id) on delete set null,
  created_at timestamptz not null default now()
);
create index barometer_runs_territory on barometer_runs (territory_id, opened_on);
create index barometer_runs_collective on barometer_runs (collective_id, opened_on) where collective_id is not null;

create table barometer_answers (
  run_id uuid not null references barometer_runs (id) on delete cascade,
  respondent_hash text not null check (length(respondent_hash) = 64),
  -- One rating (1–5) or null per statement, in the order of core's STATEMENTS.
  answers jsonb not null,
  primary key (run_id, respondent_hash)
);
