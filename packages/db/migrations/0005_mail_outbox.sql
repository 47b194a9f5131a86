-- Foundation: e-mail outbox. A message is written here (committed, so it survives a crash or a
-- restart) before any attempt to send it; the server processes deliver due messages, each
-- claimed by one process (`for update skip locked`), retried with growing delays.
create table mail_outbox (
  id bigserial primary key,
  to_address text not null,
  subject text not null,
  body text not null,
  created_at timestamptz not null default now(),
  attempts integer not null default 0,
  next_attempt_at timestamptz not null default now(),
  sent_at timestamptz,
  last_error text
);
create index mail_outbox_due on mail_outbox (next_attempt_at) where sent_at is null;
