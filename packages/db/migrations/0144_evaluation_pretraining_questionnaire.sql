-- The pre-training questionnaire (seed 004: « le questionnaire envoyé en amont », issue 14): the
-- organiser of an event sets a few questions; each registered person answers through her
-- registration's personal link; the trainers read the answers before the day.
create table event_questionnaires (
  event_id uuid primary key references events (id) on delete cascade,
  -- [{ key, text, choices: [] }]: an empty list of choices asks for a free answer.
  questions jsonb not null,
  updated_by uuid references users (id) on delete set null,
  updated_at timestamptz not null default now()
);

-- Her answers (a personal datum: see packages/db/src/evaluation/personal-data.ts).
create table questionnaire_answers (
  registration_id uuid primary key references event_registrations (id) on delete cascade,
  -- { key: answer }
  answers jsonb not null,
  answered_at timestamptz not null default now()
);
