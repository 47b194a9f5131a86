-- Foundation: failure counts of the progressive limiters (logins, join codes), shared by every
-- process on one PostgreSQL. A key's count decays at `forgive_per_ms`; it is gone (and may be
-- pruned) from `expires_at_ms`, when the decayed count reaches zero. Times are the app's clock in
-- milliseconds since 1970 (the same clock the limiter reads), not the database's.
create table rate_limits (
  key text primary key,
  count double precision not null,
  at_ms bigint not null,
  expires_at_ms bigint not null
);
create index rate_limits_expires on rate_limits (expires_at_ms);
