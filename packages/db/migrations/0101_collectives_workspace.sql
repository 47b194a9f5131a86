-- Collectives, part 2: the workspace of a collective (DOMAIN.md, "From a collective of actors to a
-- collective actor"): members with their seat (roles, contact, an account), the project sheet's
-- eleven sections with every revision kept, comments, next small steps, requests for support, and
-- the history of who did what. Existing rows are kept and migrated.

-- ——— Members: a seat with its own id ———
alter table collective_members add column id uuid not null default gen_random_uuid();
alter table collective_members drop constraint collective_members_pkey;
alter table collective_members add primary key (id);
alter table collective_members add constraint collective_members_position unique (collective_id, position);
alter table collective_members
  -- The organisation the member comes from: of the ecosystem (from the person), or a free name (a guest).
  add column organisation_id uuid references organisations (id) on delete set null,
  add column organisation_name text,
  -- A guest's contact (a person of the ecosystem is reached through her own record, with her consent).
  add column email text,
  add column phone text,
  add column roles jsonb not null default '[]'::jsonb,
  add column custom_roles jsonb not null default '[]'::jsonb,
  add column joined_at timestamptz not null default now(),
  -- A member who left keeps the seat (and the contributions with it).
  add column left_at timestamptz,
  -- The account linked to the seat: it may edit the collective.
  add column user_id uuid references users (id) on delete set null,
  add column invited_at timestamptz,
  add column invitation_id uuid references invitations (id) on delete set null;
create index collective_members_user on collective_members (user_id) where user_id is not null;
create index collective_members_invitation on collective_members (invitation_id) where invitation_id is not null;

update collective_members m set joined_at = c.created_at from collectives c where c.id = m.collective_id;
update collective_members m
  set organisation_id = first.organisation_id, organisation_name = first.name
  from (
    select distinct on (po.person_id) po.person_id, o.id as organisation_id, o.name
    from person_organisations po join organisations o on o.id = po.organisation_id
    order by po.person_id, o.name
  ) first
  where first.person_id = m.person_id;

-- ——— The project sheet: one row per written section, with its current version ———
create table collective_sections (
  collective_id uuid not null references collectives (id) on delete cascade,
  section text not null check (section in ('etat_des_lieux', 'enjeux', 'niveau', 'ecosysteme', 'animation', 'financement',
    'calendrier', 'gouvernance', 'forme_juridique', 'evaluation', 'communication')),
  version integer not null check (version > 0),
  content jsonb not null,
  updated_at timestamptz not null,
  updated_by uuid references users (id) on delete set null,
  -- The author's name at the time (a member may leave, an account may be closed).
  updated_by_name text,
  primary key (collective_id, section)
);

-- Every version of every section, never updated (but by erasure): the history is the table.
create table collective_section_revisions (
  collective_id uuid not null references collectives (id) on delete cascade,
  section text not null,
  version integer not null check (version > 0),
  content jsonb not null,
  author_user_id uuid references users (id) on delete set null,
  author_name text,
  at timestamptz not null,
  -- The version this one restored, when it was a restore.
  restored_from integer,
  primary key (collective_id, section, version)
);

create table collective_comments (
  id uuid primary key default gen_random_uuid(),
  collective_id uuid not null references collectives (id) on delete cascade,
  section text not null,
  text text not null check (length(text) between 1 and 2000),
  author_user_id uuid references users (id) on delete set null,
  author_name text,
  at timestamptz not null,
  resolved_at timestamptz,
  resolved_by uuid references users (id) on delete set null
);
create index collective_comments_section on collective_comments (collective_id, section, at);
create index collective_comments_author on collective_comments (author_user_id) where author_user_id is not null;

-- ——— Next small steps ———
create table collective_steps (
  id uuid primary key default gen_random_uuid(),
  collective_id uuid not null references collectives (id) on delete cascade,
  title text not null check (length(title) between 1 and 300),
  owner_member_id uuid references collective_members (id) on delete set null,
  due_on date,
  status text not null default 'a_faire' check (status in ('a_faire', 'en_cours', 'fait', 'abandonne')),
  created_at timestamptz not null,
  created_by uuid references users (id) on delete set null,
  done_at timestamptz
);
create index collective_steps_collective on collective_steps (collective_id, created_at);
create index collective_steps_owner on collective_steps (owner_member_id) where owner_member_id is not null;

-- ——— Requests for support, answered by the territory's coordinators ———
create table collective_support_requests (
  id uuid primary key default gen_random_uuid(),
  collective_id uuid not null references collectives (id) on delete cascade,
  kind text not null check (kind in ('financement', 'contact', 'salle', 'animation', 'autre')),
  text text not null check (length(text) between 1 and 2000),
  status text not null default 'ouverte' check (status in ('ouverte', 'en_cours', 'traitee', 'refusee')),
  answer text,
  asked_by uuid references users (id) on delete set null,
  asked_by_name text,
  asked_at timestamptz not null,
  answered_by uuid references users (id) on delete set null,
  answered_by_name text,
  answered_at timestamptz
);
create index collective_support_requests_collective on collective_support_requests (collective_id, asked_at);
create index collective_support_requests_open on collective_support_requests (status) where status in ('ouverte', 'en_cours');

-- ——— The history: who did what, when (written with each change, in its transaction) ———
create table collective_history (
  id bigserial primary key,
  collective_id uuid not null references collectives (id) on delete cascade,
  at timestamptz not null,
  author_user_id uuid references users (id) on delete set null,
  author_name text,
  kind text not null check (kind in ('created', 'updated', 'section', 'restore', 'member_added', 'member_left', 'member_updated', 'step',
    'request', 'answer')),
  section text,
  version integer,
  -- The member the line is about, when there is one (erasure finds the lines naming her).
  member_id uuid references collective_members (id) on delete set null,
  summary text not null
);
create index collective_history_collective on collective_history (collective_id, at, id);
create index collective_history_author on collective_history (author_user_id) where author_user_id is not null;

insert into collective_history (collective_id, at, author_user_id, author_name, kind, summary)
  select c.id, c.created_at, c.created_by, u.display_name, 'created',
    case when c.origin_room_id is null then 'a créé le collectif' else 'collectif formé en atelier' end
  from collectives c left join users u on u.id = c.created_by;
