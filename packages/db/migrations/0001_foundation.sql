-- Foundation: extensions, accent-insensitive search helper, audit log.
create extension if not exists unaccent;
create extension if not exists pg_trgm;

-- unaccent() is only STABLE; an IMMUTABLE wrapper lets indexes use it.
create or replace function f_search(value text) returns text
  language sql immutable parallel safe strict
  as $$ select lower(public.unaccent('public.unaccent'::regdictionary, replace(value, '-', ' '))) $$;

create table audit_log (
  id bigserial primary key,
  at timestamptz not null default now(),
  actor_user_id uuid,
  action text not null,
  entity_type text not null,
  entity_id text,
  details jsonb not null default '{}'::jsonb
);
create index audit_log_entity on audit_log (entity_type, entity_id);
create index audit_log_at on audit_log (at desc);
