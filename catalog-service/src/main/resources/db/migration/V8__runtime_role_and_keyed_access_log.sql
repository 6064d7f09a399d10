-- Run as the owner role (quarkus.flyway.username). The runtime role (placeholder runtime_role: the service's
-- quarkus.datasource.username) reads and writes the catalog's tables, but the access log only grows: insert and
-- select on it, nothing else (no update, delete, truncate, references or trigger), and it owns nothing (no alter, no
-- switching the triggers off). When both are one role (a single-user installation) there is nothing to grant.
do $$
declare
    runtime name := '${runtime_role}';
begin
    if runtime <> current_user then
        execute format('grant usage on schema public to %I', runtime);
        execute format('grant select, insert, update, delete on all tables in schema public to %I', runtime);
        execute format('grant usage, select on all sequences in schema public to %I', runtime);
        execute format('alter default privileges in schema public grant select, insert, update, delete on tables to %I',
                runtime);
        execute format('alter default privileges in schema public grant usage, select on sequences to %I', runtime);
        execute format('revoke all on access_log from %I', runtime);
        execute format('grant select, insert on access_log to %I', runtime);
        execute format('revoke all on flyway_schema_history from %I', runtime);
    end if;
end
$$;

-- From here on each entry's hash is an HMAC-SHA256 under a key kept outside the database (keyed = true); entries
-- written before keep their plain SHA-256 chain, and verification accepts a plain entry only before the first keyed
-- one.
alter table access_log add column keyed boolean not null default false;
alter table access_log alter column keyed drop default;
