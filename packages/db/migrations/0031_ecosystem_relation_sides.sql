-- Ecosystem, part 2: each side's latest assessment of each relation, kept by a trigger, so the
-- map and the organisation page read the current state without re-deriving it from the whole
-- history (100,000 assessments). The history itself stays in cooperation_assessments.
create table relation_sides (
  org_a uuid not null references organisations (id) on delete cascade,
  org_b uuid not null references organisations (id) on delete cascade,
  on_behalf_of uuid not null references organisations (id) on delete cascade,
  level smallint not null,
  assessed_on date not null,
  seq bigint not null,
  primary key (org_a, org_b, on_behalf_of)
);
create index relation_sides_b on relation_sides (org_b);

create function relation_sides_keep() returns trigger language plpgsql as $$
begin
  insert into relation_sides (org_a, org_b, on_behalf_of, level, assessed_on, seq)
  values (new.org_a, new.org_b, new.on_behalf_of, new.level, new.assessed_on, new.seq)
  on conflict (org_a, org_b, on_behalf_of) do update
    set level = excluded.level, assessed_on = excluded.assessed_on, seq = excluded.seq
    where (relation_sides.assessed_on, relation_sides.seq) < (excluded.assessed_on, excluded.seq);
  return null;
end
$$;

create trigger cooperation_assessments_sides after insert on cooperation_assessments
  for each row execute function relation_sides_keep();

insert into relation_sides (org_a, org_b, on_behalf_of, level, assessed_on, seq)
  select distinct on (org_a, org_b, on_behalf_of) org_a, org_b, on_behalf_of, level, assessed_on, seq
  from cooperation_assessments
  order by org_a, org_b, on_behalf_of, assessed_on desc, seq desc;
