-- Registrations point at the ecosystem's people and organisations when they are matched
-- (chosen on the form, or linked by the organisers); forgetting either keeps the registration.
alter table event_registrations
  add constraint event_registrations_organisation_fk foreign key (organisation_id) references organisations (id) on delete set null,
  add constraint event_registrations_person_fk foreign key (person_id) references people (id) on delete set null;
create index event_registrations_person on event_registrations (person_id) where person_id is not null;
