-- Accounts, part 2: revocable invitations, audit entries tied to a territory (so that a
-- coordinator reads the entries about the territories they coordinate).
alter table invitations add column revoked_at timestamptz;
alter table invitations add column revoked_by uuid references users (id) on delete set null;
create index invitations_territory on invitations (territory_id, created_at desc);
create index invitations_email on invitations (lower(email));

alter table audit_log add column territory_id uuid;
create index audit_log_territory on audit_log (territory_id, id desc) where territory_id is not null;
create index audit_log_id_desc on audit_log (id desc);
