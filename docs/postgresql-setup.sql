-- A shared tavla board on PostgreSQL: the database and its roles.
-- Run once as a superuser:  psql -h DBHOST -U postgres -f docs/postgresql-setup.sql
-- Then open the board once as tavla_owner (it creates the schema) and run
-- docs/postgresql-access-log.sql. README.md, "Shared mode", says it in words;
-- tests/test_shared_setup.py runs both files against a real server.

-- Owns the tables; used only to create the schema and to upgrade it with a new tavla.
CREATE ROLE tavla_owner LOGIN PASSWORD 'change-me';
-- What a coordinator may do: read and write the board's rows, nothing else.
CREATE ROLE tavla_coordinators NOLOGIN;
-- One login per person, so the server's own log names them too.
CREATE ROLE anna_lind LOGIN PASSWORD 'change-me' IN ROLE tavla_coordinators;
CREATE ROLE omar_said LOGIN PASSWORD 'change-me' IN ROLE tavla_coordinators;

CREATE DATABASE tavla OWNER tavla_owner ENCODING 'UTF8' TEMPLATE template0;
REVOKE ALL ON DATABASE tavla FROM PUBLIC;
GRANT CONNECT, TEMPORARY ON DATABASE tavla TO tavla_coordinators;

\connect tavla
ALTER SCHEMA public OWNER TO tavla_owner;
REVOKE ALL ON SCHEMA public FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO tavla_coordinators;
-- Every table and sequence tavla_owner creates, now or in a later upgrade:
ALTER DEFAULT PRIVILEGES FOR ROLE tavla_owner IN SCHEMA public
    GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO tavla_coordinators;
ALTER DEFAULT PRIVILEGES FOR ROLE tavla_owner IN SCHEMA public
    GRANT USAGE, SELECT ON SEQUENCES TO tavla_coordinators;
