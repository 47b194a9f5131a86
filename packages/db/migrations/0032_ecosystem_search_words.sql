-- The distinct words of the directory's names (organisations and people), for correcting a typo
-- word by word before searching: a few thousand words to compare instead of every name. Kept by
-- triggers; a word no longer used anywhere stays (harmless: it only proposes a correction that
-- then finds nothing).
create table search_words (word text primary key);
create index search_words_trgm on search_words using gin (word gin_trgm_ops);

insert into search_words (word)
select distinct w from (
  select regexp_split_to_table(search_key, '\s+') as w from organisations
  union all
  select regexp_split_to_table(search_key, '\s+') from people
) words
where length(w) >= 3
on conflict do nothing;

create function search_words_add() returns trigger language plpgsql as $$
begin
  insert into search_words (word)
  select distinct w from regexp_split_to_table(new.search_key, '\s+') as w where length(w) >= 3
  on conflict do nothing;
  return new;
end
$$;

create trigger organisations_search_words after insert or update of search_key on organisations
  for each row execute function search_words_add();
create trigger people_search_words after insert or update of search_key on people
  for each row execute function search_words_add();
