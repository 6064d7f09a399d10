-- The clearing houses an alert concerns: an escalation tier named by role reaches only the role's contacts whose
-- installations cover one of them.
create table raised_alert_house (
    event_id        varchar(128) not null references raised_alert (event_id) on delete cascade,
    clearing_house  varchar(16)  not null,
    primary key (event_id, clearing_house)
);

-- A tier may name roles (as contacts carry them) besides contacts: whoever holds the role when the tier is due.
create table escalation_role (
    event_type     varchar(100) not null references escalation_policy (event_type) on delete cascade,
    tier           integer      not null check (tier >= 2),
    after_seconds  bigint       not null check (after_seconds > 0),
    role           varchar(40)  not null,
    primary key (event_type, tier, role)
);
