-- The quiz taken in a live room: a result may name the room it was taken in, so the projector
-- shows the room's distribution of profiles and motivations (never a person's answers).
alter table quiz_results add column room_id uuid references live_rooms (id) on delete set null;
create index quiz_results_room on quiz_results (room_id) where room_id is not null;
