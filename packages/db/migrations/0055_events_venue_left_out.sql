-- The rows an import left out because they named a walk-in's person set aside as a probable
-- duplicate: acquaintances made at the venue (dropped), her collective memberships and live
-- participants (kept with the person cleared). Each entry is { table, column, cleared, row };
-- the decision writes them again with her person replaced (the directory's or the one created).
alter table venue_duplicates add column left_out jsonb not null default '[]'::jsonb;
