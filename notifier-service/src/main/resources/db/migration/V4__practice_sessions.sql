-- Practice sessions (drills) as configured data, and the notices already sent for each.
create table practice_session (
    id            varchar(64)  primary key,
    session_date  date         not null,
    parts         text         not null,          -- JSON: [{name, start, end, dataCentre}]
    status        varchar(16)  not null,          -- last status published (PracticeSessionStatus)
    created_by    varchar(255) not null,
    created_at    timestamptz  not null
);

-- Each notice of a session once: kind and due time (a black rainstorm notice per warning).
create table practice_notice (
    session_id  varchar(64)  not null references practice_session (id),
    kind        varchar(32)  not null,
    due_at      timestamptz  not null,
    sent_at     timestamptz  not null,
    primary key (session_id, kind, due_at)
);

-- The circular's June 2025 session.
insert into practice_session (id, session_date, parts, status, created_by, created_at)
values ('2025-06-21', date '2025-06-21',
        '[{"name":"Part 1: download from the secondary data centre","start":"14:00","end":"16:00","dataCentre":"SECONDARY"},'
        || '{"name":"Part 2: log in on the primary data centre","start":"18:00","end":"19:00","dataCentre":"PRIMARY"}]',
        'SCHEDULED', 'rap-relay', now());
