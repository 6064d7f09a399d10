-- Designated contact persons, what they subscribe to, silences, and every notification with its delivery attempts.

create table contact (
    id          bigserial    primary key,
    name        varchar(200) not null,
    email       varchar(254) not null,
    mobile      varchar(16)  not null,           -- E.164, e.g. +85291234567
    language    varchar(8)   not null,           -- en or zh-HK
    active      boolean      not null,
    created_at  timestamptz  not null,
    updated_at  timestamptz  not null
);

-- One rule of what a contact receives: empty event_types / clearing_houses mean all.
create table subscription (
    id               bigserial    primary key,
    contact_id       bigint       not null references contact (id) on delete cascade,
    event_types      varchar(1000) not null,      -- comma-separated CloudEvents types, or empty
    clearing_houses  varchar(100) not null,       -- comma-separated HKSCC,HKCC,SEOCH, or empty
    min_severity     varchar(16)  not null,       -- INFO, WARNING, ERROR, CRITICAL
    channels         varchar(20)  not null        -- EMAIL, SMS or EMAIL,SMS
);
create index subscription_contact on subscription (contact_id);

-- One message to one contact on one channel for one event: the unique key makes a redelivered event send nothing.
create table notification (
    id             bigserial    primary key,
    event_id       varchar(128) not null,
    event_type     varchar(128) not null,
    contact_id     bigint       not null references contact (id),
    channel        varchar(8)   not null,
    severity       varchar(16)  not null,
    subject        varchar(500) not null,
    body           text         not null,
    status         varchar(16)  not null,        -- PENDING, SENT, FAILED (gave up), FALLEN_BACK
    attempts       integer      not null,
    next_attempt_at timestamptz,
    fallback_of    bigint       references notification (id),
    created_at     timestamptz  not null,
    updated_at     timestamptz  not null,
    unique (event_id, contact_id, channel)
);
create index notification_due on notification (next_attempt_at) where status = 'PENDING';

-- Every delivery attempt, successful or not: the delivery log.
create table delivery_attempt (
    id                   bigserial    primary key,
    notification_id      bigint       not null references notification (id),
    attempted_at         timestamptz  not null,
    outcome              varchar(16)  not null,   -- SENT, FAILED
    provider_message_id  varchar(200),
    error                varchar(2000)
);
create index delivery_attempt_notification on delivery_attempt (notification_id);
