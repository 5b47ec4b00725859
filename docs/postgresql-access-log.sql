-- Run as a superuser once the board has been opened as tavla_owner (the table exists):
--   psql -h DBHOST -U postgres -d tavla -f docs/postgresql-access-log.sql
\connect tavla
-- The access log is only ever added to (its triggers refuse changes too).
REVOKE UPDATE, DELETE, TRUNCATE ON access_log FROM tavla_coordinators;
