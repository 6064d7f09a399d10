-- The lists the notifier kept comma-separated become rows of typed columns (one value per row, checked values).
-- Contacts: the installations they cover (none: all) and their roles, in the order given.
create table contact_installation (
    contact_id    bigint      not null references contact (id) on delete cascade,
    installation  varchar(16) not null check (installation in ('HKSCC', 'HKCC_SEOCH')),
    primary key (contact_id, installation)
);
insert into contact_installation (contact_id, installation)
select distinct c.id, trim(i) from contact c, unnest(string_to_array(c.installations, ',')) i where trim(i) <> '';

create table contact_role (
    contact_id  bigint      not null references contact (id) on delete cascade,
    position    integer     not null,
    role        varchar(40) not null,
    primary key (contact_id, position)
);
insert into contact_role (contact_id, position, role)
select c.id, r.n - 1, trim(r.role)
from contact c, unnest(string_to_array(c.roles, ',')) with ordinality as r(role, n)
where c.roles is not null and trim(r.role) <> '';

alter table contact drop column installations;
alter table contact drop column roles;

-- Subscriptions: event types and clearing houses (none: all), channels (at least one).
create table subscription_event_type (
    subscription_id  bigint       not null references subscription (id) on delete cascade,
    event_type       varchar(100) not null,
    primary key (subscription_id, event_type)
);
insert into subscription_event_type
select distinct s.id, trim(t) from subscription s, unnest(string_to_array(s.event_types, ',')) t where trim(t) <> '';

create table subscription_house (
    subscription_id  bigint      not null references subscription (id) on delete cascade,
    clearing_house   varchar(16) not null check (clearing_house in ('HKSCC', 'HKCC', 'SEOCH')),
    primary key (subscription_id, clearing_house)
);
insert into subscription_house
select distinct s.id, trim(h) from subscription s, unnest(string_to_array(s.clearing_houses, ',')) h
where trim(h) <> '';

create table subscription_channel (
    subscription_id  bigint     not null references subscription (id) on delete cascade,
    channel          varchar(8) not null check (channel in ('EMAIL', 'SMS')),
    primary key (subscription_id, channel)
);
insert into subscription_channel
select distinct s.id, trim(ch) from subscription s, unnest(string_to_array(s.channels, ',')) ch where trim(ch) <> '';

alter table subscription drop column event_types;
alter table subscription drop column clearing_houses;
alter table subscription drop column channels;
alter table subscription add constraint subscription_min_severity
    check (min_severity in ('INFO', 'WARNING', 'ERROR', 'CRITICAL'));

-- Silences: the clearing houses and event types they hold back (none: all).
create table silence_house (
    silence_id      bigint      not null references silence (id) on delete cascade,
    clearing_house  varchar(16) not null check (clearing_house in ('HKSCC', 'HKCC', 'SEOCH')),
    primary key (silence_id, clearing_house)
);
insert into silence_house
select distinct s.id, trim(h) from silence s, unnest(string_to_array(s.clearing_houses, ',')) h where trim(h) <> '';

create table silence_event_type (
    silence_id  bigint       not null references silence (id) on delete cascade,
    event_type  varchar(100) not null,
    primary key (silence_id, event_type)
);
insert into silence_event_type
select distinct s.id, trim(t) from silence s, unnest(string_to_array(s.event_types, ',')) t where trim(t) <> '';

alter table silence drop column clearing_houses;
alter table silence drop column event_types;
