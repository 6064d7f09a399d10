-- Silences (maintenance windows), the repeat key of a notice, and arrivals waiting for their digest.

-- Non-critical notices matching a silence are not sent while it lasts; empty lists mean all.
create table silence (
    id               bigserial     primary key,
    clearing_houses  varchar(100)  not null,
    event_types      varchar(1000) not null,
    starts_at        timestamptz   not null,
    ends_at          timestamptz   not null check (ends_at > starts_at),
    reason           varchar(1000) not null,
    created_by       varchar(255)  not null,
    created_at       timestamptz   not null
);

-- The same failure again (same kind, site and reason) within the repeat interval is not sent again.
alter table notification add column repeat_key varchar(300);
create index notification_repeat on notification (contact_id, channel, repeat_key, created_at)
    where repeat_key is not null;

-- Each report arrival once (event id), until the digest of its clearing house and business date takes it.
create table arrival (
    event_id        varchar(128) primary key,
    report_key      varchar(512) not null,
    report_id       varchar(128) not null,
    clearing_house  varchar(16)  not null,
    source_system   varchar(16)  not null,
    business_date   date         not null,
    received_at     timestamptz  not null,
    digest_id       varchar(200)
);
create index arrival_pending on arrival (clearing_house, business_date, received_at) where digest_id is null;
