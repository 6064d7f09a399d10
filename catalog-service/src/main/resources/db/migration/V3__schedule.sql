-- The expected-report schedule (versioned), the overdue notices already published, and the holiday calendar.

-- Each change of the schedule is a new version, effective from a business date; completeness of a day uses the latest
-- version effective on that day, so past days keep the expectations they had.
create table schedule_version (
    version        integer      primary key,
    effective_from date         not null,
    created_at     timestamptz  not null,
    created_by     varchar(255) not null,
    reason         varchar(1000) not null
);

-- One expected report: by deadline_time (Hong Kong time) on the business day deadline_business_days after the
-- report's business date. participant null: any participant's report of that code counts.
create table expected_report (
    id                      bigserial    primary key,
    schedule_version        integer      not null references schedule_version (version),
    clearing_house          varchar(16)  not null,
    source_system           varchar(16)  not null,
    report_code             varchar(32)  not null,
    participant             varchar(32),
    deadline_time           time         not null,
    deadline_business_days  integer      not null check (deadline_business_days between 0 and 5),
    on_half_days            boolean      not null
);
create unique index expected_report_once
    on expected_report (schedule_version, clearing_house, report_code, coalesce(participant, ''));

-- ReportOverdue already published: at most once per expected report and business date.
create table overdue_notice (
    business_date   date         not null,
    clearing_house  varchar(16)  not null,
    report_code     varchar(32)  not null,
    participant     varchar(32)  not null,
    event_id        varchar(128) not null,
    published_at    timestamptz  not null,
    primary key (business_date, clearing_house, report_code, participant)
);

-- Holiday data uploaded by operators (1823 JSON as received); the newest row wins over the copy shipped with the
-- service.
create table holiday_calendar (
    id          bigserial    primary key,
    loaded_at   timestamptz  not null,
    loaded_by   varchar(255) not null,
    source      text         not null
);

-- The shipped example schedule: the reports DOMAIN.md names, with deadlines an operator is expected to adjust to
-- HKEX's own timetable (a new version through the API).
insert into schedule_version (version, effective_from, created_at, created_by, reason)
values (1, date '2025-01-01', now(), 'rap-relay', 'shipped example schedule');
insert into expected_report (schedule_version, clearing_house, source_system, report_code, participant, deadline_time,
                             deadline_business_days, on_half_days)
values (1, 'HKSCC', 'CCASS', 'CSEMS08', null, time '09:00', 0, true),
       (1, 'HKSCC', 'CCASS', 'CCLID01', null, time '12:30', 0, true),
       (1, 'HKSCC', 'VAR',   'RMAMP01', null, time '12:30', 0, true),
       (1, 'HKSCC', 'VAR',   'RMAMR01', null, time '12:30', 0, true),
       (1, 'HKSCC', 'CCASS', 'CIPSI02', null, time '17:00', 0, true),
       (1, 'HKSCC', 'CCASS', 'CSEMA08', null, time '17:00', 0, true),
       (1, 'HKSCC', 'CCASS', 'CCLTN05', null, time '19:00', 0, true),
       (1, 'HKSCC', 'CCMS',  'CCMDS01', null, time '19:00', 0, true),
       (1, 'HKSCC', 'VAR',   'RMAMR03', null, time '21:30', 0, true),
       (1, 'HKSCC', 'VAR',   'RPF01',   null, time '21:30', 0, true);
