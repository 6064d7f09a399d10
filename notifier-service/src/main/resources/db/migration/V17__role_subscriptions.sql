-- Subscriptions of a role (as contacts carry roles): every active contact holding the role receives what they match,
-- for the installations the contact covers, besides the contact's own subscriptions. A rota changes contacts' roles,
-- not subscriptions.
create table role_subscription (
    id            bigserial    primary key,
    role          varchar(40)  not null,          -- trimmed, lower case: roles match case-insensitively
    min_severity  varchar(16)  not null,
    updated_by    varchar(200) not null,
    updated_at    timestamptz  not null
);
create index role_subscription_role on role_subscription (role);

create table role_subscription_event_type (
    subscription_id  bigint       not null references role_subscription (id) on delete cascade,
    event_type       varchar(100) not null,
    primary key (subscription_id, event_type)
);

create table role_subscription_house (
    subscription_id  bigint      not null references role_subscription (id) on delete cascade,
    clearing_house   varchar(16) not null,
    primary key (subscription_id, clearing_house)
);

create table role_subscription_channel (
    subscription_id  bigint     not null references role_subscription (id) on delete cascade,
    channel          varchar(8) not null,
    primary key (subscription_id, channel)
);
