-- HKEX's own announcements about a practice session, as operators record them: the status HKEX gave, from when, where
-- it was announced, who recorded it and when. The newest overrides what the weather rules computed until then.
create table practice_announcement (
    id            bigserial     primary key,
    session_id    varchar(64)   not null references practice_session (id),
    status        varchar(16)   not null check (status in ('PROCEEDING', 'CANCELLED', 'TERMINATED')),
    effective_at  timestamptz   not null,
    reference     varchar(500)  not null,
    recorded_by   varchar(255)  not null,
    recorded_at   timestamptz   not null
);
create index practice_announcement_session on practice_announcement (session_id, recorded_at);
