-- Operators edit, postpone and withdraw configured sessions; every revision is published as PracticeSessionConfigured
-- (compacted topic rap.practice-schedule) and kept here with who, when and why.
alter table practice_session add column revision integer not null default 1;
alter table practice_session add column withdrawn boolean not null default false;

create table practice_session_revision (
    session_id    varchar(64)   not null references practice_session (id),
    revision      integer       not null,
    session_date  date          not null,
    parts         text          not null,
    withdrawn     boolean       not null,
    changed_by    varchar(255)  not null,
    changed_at    timestamptz   not null,
    reason        varchar(2000),
    primary key (session_id, revision)
);

insert into practice_session_revision (session_id, revision, session_date, parts, withdrawn, changed_by, changed_at)
select id, 1, session_date, parts, false, created_by, created_at from practice_session;
