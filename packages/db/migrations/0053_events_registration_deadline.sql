-- The last day one may register, when the organiser sets one (inclusive, a day in Paris).
-- Registration also closes by itself once the day is over: that rule is core's, not a column.
alter table events add column registration_closes_on date;
