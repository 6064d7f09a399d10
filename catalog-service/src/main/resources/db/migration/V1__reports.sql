-- The catalog's index of reports, their versions, the events already applied, and the fetch timeline.

-- One row per remote path (report key); versions below it.
create table report (
    report_key      varchar(512) primary key,
    clearing_house  varchar(16)  not null,
    source_system   varchar(16)  not null,
    report_code     varchar(32)  not null,
    participant     varchar(32),
    business_date   date         not null,
    installation    varchar(16)  not null,
    account         varchar(64)  not null,
    file_name       varchar(255) not null,
    remote_path     varchar(1024) not null,
    latest_version  integer      not null,
    first_seen_at   timestamptz  not null,
    updated_at      timestamptz  not null
);
create index report_business_date on report (business_date, clearing_house, source_system);

-- One row per fetched version of a remote file, with its full provenance. Ids come from a sequence in steps of 50
-- so that Hibernate can insert a batch of versions in one round trip.
create sequence report_version_seq increment by 50;
create table report_version (
    id                 bigint primary key default nextval('report_version_seq'),
    report_key         varchar(512) not null references report (report_key),
    version            integer      not null,
    report_id          varchar(128) not null unique,
    event_id           varchar(128) not null unique,
    size               bigint       not null check (size >= 0),
    sha256             varchar(64)  not null,
    remote_modified_at timestamptz  not null,
    fetched_at         timestamptz  not null,
    data_centre        varchar(16)  not null,
    host               varchar(255) not null,
    archive_location   varchar(2048) not null,
    media_type         varchar(127) not null,
    practice_session   boolean      not null,
    kafka_topic        varchar(249) not null,
    kafka_partition    integer      not null,
    kafka_offset       bigint       not null,
    ingested_at        timestamptz  not null,
    unique (report_key, version)
);
create index report_version_sha256 on report_version (sha256);

-- Every event applied, recorded in the same transaction as its effect: a redelivery changes nothing.
create table processed_event (
    event_id     varchar(128) primary key,
    event_type   varchar(128) not null,
    kafka_topic  varchar(249) not null,
    kafka_partition integer   not null,
    kafka_offset bigint       not null,
    processed_at timestamptz  not null
);

-- The fetcher's other events (failover, failures, rejections, switches), as each site's and report's timeline.
create table fetch_event (
    event_id     varchar(128) primary key,
    event_type   varchar(128) not null,
    occurred_at  timestamptz  not null,
    installation varchar(16),
    account      varchar(64),
    report_key   text,
    payload      jsonb        not null
);
create index fetch_event_occurred on fetch_event (occurred_at);
create index fetch_event_report on fetch_event (report_key) where report_key is not null;
