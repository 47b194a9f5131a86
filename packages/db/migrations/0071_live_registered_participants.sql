-- Registered people recognised in a live room (badge or name + personal code): a participant
-- points at the event registration and, when the registration is linked, at the ecosystem's
-- person (who sat with whom becomes acquaintances for later mixing). Forgetting either keeps
-- the participant and what they sent.
alter table live_participants
  add column registration_id uuid references event_registrations (id) on delete set null,
  add column person_id uuid references people (id) on delete set null;
-- One participant per registration and room: joining again with the same badge finds it.
create unique index live_participants_registration on live_participants (room_id, registration_id)
  where registration_id is not null;
create index live_participants_person on live_participants (person_id) where person_id is not null;
