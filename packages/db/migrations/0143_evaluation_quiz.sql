-- "Quel coopérateur je suis ?" (seed 004, issue 14): a person's quiz result, kept behind a random
-- share token (only its SHA-256 is stored: the link is the key) and linked to her account when she
-- was signed in; she may share it with collectives, whose readers see only the mix of profiles and
-- motivations.
create table quiz_results (
  id uuid primary key default gen_random_uuid(),
  token_hash text not null unique check (length(token_hash) = 64),
  -- Her account, when she took it signed in (a personal datum: see packages/db/src/evaluation/personal-data.ts).
  user_id uuid references users (id) on delete set null,
  answers jsonb not null,
  result jsonb not null,
  created_at timestamptz not null default now()
);
create index quiz_results_user on quiz_results (user_id) where user_id is not null;

create table quiz_result_shares (
  result_id uuid not null references quiz_results (id) on delete cascade,
  collective_id uuid not null references collectives (id) on delete cascade,
  shared_at timestamptz not null default now(),
  primary key (result_id, collective_id)
);
create index quiz_result_shares_collective on quiz_result_shares (collective_id);
