-- Practice downloads (ReportArrived.practiceSession) have report keys of their own (practice/{session}/...): a report
-- row is either production or the practice copy of one session. Searches leave practice reports out unless asked.
alter table report add column practice_session_id varchar(64);
alter table report_version add column practice_session_id varchar(64);
create index report_practice_session on report (practice_session_id, business_date) where practice_session_id is not null;
