-- Reports produced several times a day (VaR Platform RMAMR03 at about 11:30, 14:30, 17:15 and 21:00, each run a
-- control and a data zip) are expected run by run: run is the run's Hong Kong time as HHmm, null for a once-a-day
-- report. A run counts as arrived when both its zips did (file names ..._{YYYYMMDD}_{HHmm}_CTL.zip / _DAT.zip).
alter table expected_report add column run varchar(4)
    check (run is null or run ~ '^([01][0-9]|2[0-3])[0-5][0-9]$');
drop index expected_report_once;
create unique index expected_report_once
    on expected_report (schedule_version, clearing_house, report_code, coalesce(participant, ''), coalesce(run, ''));

alter table overdue_notice add column run varchar(4) not null default '';
alter table overdue_notice drop constraint overdue_notice_pkey;
alter table overdue_notice add primary key (business_date, clearing_house, report_code, participant, run);

-- A version's effective date moved by an operator (a tentative go-live that HKEX confirmed for another day): who,
-- when, from which date to which, and why. The version keeps its number and its expectations.
create table schedule_move (
    id              bigserial     primary key,
    schedule_version integer      not null references schedule_version (version),
    moved_from      date          not null,
    moved_to        date          not null,
    moved_at        timestamptz   not null,
    moved_by        varchar(255)  not null,
    reason          varchar(1000) not null
);

-- The shipped example from the CCMS go-live for HKCC and SEOCH: the circular names mid-to-late July 2025, tentatively;
-- 21 July 2025 is taken here, and an operator moves it (PUT /api/schedule/versions/{version}/effective-from) when
-- HKEX confirms the day. It expects CCMDS01 for all three clearing houses and each RMAMR03 run on its own, an hour
-- after the run's release.
insert into schedule_version (version, effective_from, created_at, created_by, reason)
select coalesce(max(version), 0) + 1, date '2025-07-21', now(), 'rap-relay',
       'shipped example: CCMS go-live for HKCC and SEOCH (circular: mid-to-late July 2025, tentative), '
           || 'RMAMR03 expected run by run'
from schedule_version;
insert into expected_report (schedule_version, clearing_house, source_system, report_code, participant, run,
                             deadline_time, deadline_business_days, on_half_days)
select v.version, e.clearing_house, e.source_system, e.report_code, null, e.run, e.deadline_time, 0, true
from (select max(version) as version from schedule_version) v,
     (values ('HKSCC', 'CCASS', 'CSEMS08', null,   time '09:00'),
             ('HKSCC', 'CCASS', 'CCLID01', null,   time '12:30'),
             ('HKSCC', 'VAR',   'RMAMP01', null,   time '12:30'),
             ('HKSCC', 'VAR',   'RMAMR01', null,   time '12:30'),
             ('HKSCC', 'VAR',   'RMAMR03', '1130', time '12:30'),
             ('HKSCC', 'VAR',   'RMAMR03', '1430', time '15:30'),
             ('HKSCC', 'VAR',   'RMAMR03', '1715', time '18:15'),
             ('HKSCC', 'VAR',   'RMAMR03', '2100', time '22:00'),
             ('HKSCC', 'CCASS', 'CIPSI02', null,   time '17:00'),
             ('HKSCC', 'CCASS', 'CSEMA08', null,   time '17:00'),
             ('HKSCC', 'CCASS', 'CCLTN05', null,   time '19:00'),
             ('HKSCC', 'CCMS',  'CCMDS01', null,   time '19:00'),
             ('HKCC',  'CCMS',  'CCMDS01', null,   time '19:00'),
             ('SEOCH', 'CCMS',  'CCMDS01', null,   time '19:00'),
             ('HKSCC', 'VAR',   'RPF01',   null,   time '21:30'))
         as e (clearing_house, source_system, report_code, run, deadline_time);
