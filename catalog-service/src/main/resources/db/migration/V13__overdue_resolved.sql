-- An overdue report that arrived after all: the ReportOverdueResolved published for its notice, once (set in the
-- transaction that waited for Kafka's acknowledgement; null while the report is still missing).
alter table overdue_notice add column resolved_event_id varchar(128) unique;
alter table overdue_notice add column resolved_at timestamptz;
