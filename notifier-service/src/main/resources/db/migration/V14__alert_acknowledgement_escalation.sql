-- An alert raised one by one (a failure, a failover, an overdue report ...): what was said, whether anyone was told,
-- who acknowledged it and when, how far it has escalated. The notifications themselves stay in notification. Titles
-- and repeat keys are built from event fields of contract size (a report key of 512 characters ...): text, as V7.
create table raised_alert (
    event_id          varchar(128)  primary key,
    event_type        varchar(100)  not null,
    severity          varchar(16)   not null,
    repeat_key        text,
    title_en          text          not null,
    title_zh          text          not null,
    body_en           text          not null,
    body_zh           text          not null,
    raised_at         timestamptz   not null,
    -- at least one contact was sent it (not all held back by a silence or as a repeat)
    sent              boolean       not null,
    acknowledged_at   timestamptz,
    acknowledged_by   text,
    -- a repeat held back by an earlier acknowledgement: that alert's event id
    covered_by        varchar(128),
    resolved_at       timestamptz,
    -- 1: the contacts the routing chose; 2, 3 ...: the escalation tiers told so far
    escalated_tier    integer       not null default 1,
    -- nothing more to escalate (acknowledged, resolved, last tier told, or no policy applies)
    escalation_done   boolean       not null default false
);
create index raised_alert_escalating on raised_alert (raised_at) where not escalation_done;
create index raised_alert_acknowledged on raised_alert (repeat_key, acknowledged_at)
    where repeat_key is not null and acknowledged_at is not null;

-- Who is told next when an alert of a type stays unacknowledged: tier 2 after its delay, then tier 3 ...
create table escalation_policy (
    event_type    varchar(100) primary key,
    min_severity  varchar(16)  not null,
    updated_by    varchar(255) not null,
    updated_at    timestamptz  not null
);
create table escalation_step (
    event_type     varchar(100) not null references escalation_policy (event_type) on delete cascade,
    tier           integer      not null check (tier >= 2),
    after_seconds  bigint       not null check (after_seconds > 0),
    contact_id     bigint       not null references contact (id),
    primary key (event_type, tier, contact_id)
);
