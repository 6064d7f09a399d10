-- Completeness reads every fetched report of a business date (thousands on a busy day: docs/benchmarks/catalog.md,
-- 2026-12-07, evening). Through the index on (business_date, clearing_house, report_key) alone, PostgreSQL still read
-- each report's row from the table: about 500 heap pages for a day of 4,000 reports, 10 ms at the median and 35 ms at
-- p99 once the table outgrows shared buffers. The same index carrying the other columns completeness needs answers it
-- from the index (an index-only scan of about 80 pages, 2-6 ms), and the searches that used it use it as before. It
-- replaces the index rather than adding one: one B-tree insert per new report, as before, each entry about 60 bytes
-- wider.
create index report_date_house_key_covering on report (business_date, clearing_house, report_key)
    include (source_system, report_code, participant, file_name, first_fetched_at);

-- Last: dropping an index locks the table against reads too, until the migration commits (docs/runbook.md).
drop index report_date_house_key;
alter index report_date_house_key_covering rename to report_date_house_key;
