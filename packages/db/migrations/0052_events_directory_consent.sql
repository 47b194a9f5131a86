-- A registration may also consent to appear in the territory's directory with its contact
-- details (RGPD): distinct from the consent to register. Only then does "create in the
-- ecosystem" copy the e-mail onto the person it creates.
alter table event_registrations add column directory_consent_at timestamptz;
-- Organisers look for the registrations not yet linked to a person of the ecosystem.
create index event_registrations_unlinked on event_registrations (event_id) where person_id is null and status <> 'cancelled';
