-- Each BusinessDayComplete revision and each BusinessDayIncomplete the catalog published, recorded in the transaction
-- that waited for Kafka's acknowledgement: one row per clearing house, participant ('' for the expectations naming
-- none), business date, kind and revision, so a restart or a second replica never publishes one twice.
create table business_day_notice (
    business_date   date         not null,
    clearing_house  varchar(16)  not null,
    participant     varchar(32)  not null,
    kind            varchar(16)  not null check (kind in ('COMPLETE', 'INCOMPLETE')),
    revision        integer      not null check (revision >= 1),
    event_id        varchar(128) not null unique,
    -- SHA-256 of what the event listed (each report's key, version and checksum): a change is an amendment
    content_sha256  char(64)     not null,
    published_at    timestamptz  not null,
    primary key (business_date, clearing_house, participant, kind, revision)
);
