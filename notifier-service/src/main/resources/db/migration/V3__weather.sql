-- Warnings as the notifier saw them (HKO's warnsum feed) or as operators entered them (Extreme Conditions, overrides).
create table warning_observation (
    id            bigserial    primary key,
    code          varchar(16)  not null,             -- HKO subtype code (TC8NE, WRAINB, ...) or EXTREME
    statement     varchar(16)  not null,             -- HKO warning statement (WTCSGNL, WRAIN, ...) or OPERATOR
    name          varchar(200) not null,
    source        varchar(16)  not null,             -- FEED or OPERATOR
    issued_at     timestamptz  not null,             -- HKO's issue time (or the operator's)
    first_seen_at timestamptz  not null,
    last_seen_at  timestamptz  not null,
    ended_at      timestamptz,                       -- null: in force
    note          varchar(1000),
    unique (code, issued_at, source)
);
create index warning_observation_time on warning_observation (issued_at);
