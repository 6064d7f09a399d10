-- The auditors' own evidence: every API call that reads or exports data. Append-only (enforced here, whoever
-- connects) and tamper-evident (each entry carries the hash of the one before; verified by the admin API).
create table access_log (
    id             bigint generated always as identity primary key,
    at             timestamptz  not null,
    subject        varchar(255) not null,
    roles          varchar(1024) not null,
    client_address varchar(64)  not null,
    action         varchar(255) not null,
    parameters     text         not null,
    result_count   integer,
    outcome        integer      not null,
    previous_hash  varchar(64)  not null,
    hash           varchar(64)  not null
);

create function access_log_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'access_log is append-only: % refused', tg_op;
end
$$;

create trigger access_log_no_update_or_delete before update or delete on access_log
    for each row execute function access_log_append_only();
create trigger access_log_no_truncate before truncate on access_log
    for each statement execute function access_log_append_only();
