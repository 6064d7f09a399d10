-- The catalog's two database roles. Run once per catalog database, by a superuser (or a role with CREATEROLE that
-- owns the database), connected to that database; running it again changes nothing. deploy/local/run.sh and the
-- tests run it; in production the DBA does, then sets the two passwords (ALTER ROLE ... PASSWORD).
--   rap_catalog_owner  owns the schema and its objects; Flyway migrates as it (quarkus.flyway.username).
--   rap_catalog_app    the service's runtime login (quarkus.datasource.username): reads and writes the catalog's
--                      tables, but can only insert into and read the access log (granted by migration V8); it owns
--                      nothing, so it can neither alter the log's table nor switch its triggers off.
do $$
begin
    if not exists (select from pg_roles where rolname = 'rap_catalog_owner') then
        create role rap_catalog_owner login;
    end if;
    if not exists (select from pg_roles where rolname = 'rap_catalog_app') then
        create role rap_catalog_app login;
    end if;
    execute format('alter database %I owner to rap_catalog_owner', current_database());
    execute format('revoke all on database %I from public', current_database());
    execute format('grant connect on database %I to rap_catalog_app', current_database());
end
$$;
alter schema public owner to rap_catalog_owner;
revoke create on schema public from public;

-- Objects made before the roles existed (migrations run as a superuser) move to the owner: tables first (their
-- identity sequences follow them), then stand-alone sequences, then functions.
do $$
declare
    object record;
begin
    for object in select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
            where n.nspname = 'public' and c.relkind in ('r', 'p', 'v', 'm')
              and pg_get_userbyid(c.relowner) <> 'rap_catalog_owner' loop
        execute format('alter table public.%I owner to rap_catalog_owner', object.relname);
    end loop;
    for object in select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
            where n.nspname = 'public' and c.relkind = 'S'
              and pg_get_userbyid(c.relowner) <> 'rap_catalog_owner' loop
        execute format('alter sequence public.%I owner to rap_catalog_owner', object.relname);
    end loop;
    for object in select p.oid::regprocedure as signature from pg_proc p join pg_namespace n on n.oid = p.pronamespace
            where n.nspname = 'public' and pg_get_userbyid(p.proowner) <> 'rap_catalog_owner' loop
        execute format('alter function %s owner to rap_catalog_owner', object.signature);
    end loop;
end
$$;
