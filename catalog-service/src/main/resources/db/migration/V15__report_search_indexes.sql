-- Two indexes for the searches auditors run most (docs/benchmarks/catalog.md, 2026-12-07).
--
-- Every search is sorted by business date, then report key. With a clearing house and a date range, this index hands
-- PostgreSQL the page in that order, so it reads 101 reports and stops, instead of reading every report of the range
-- and sorting them: "one day, one clearing house, first page of 100" read all 4,000 reports of the day (about 430
-- heap pages). It replaces the index on (business_date, clearing_house, source_system), which only found the day:
-- completeness reads a day through either.
create index report_date_house_key on report (business_date, clearing_house, report_key);

-- Searches by RAP account over a date range read the account's rows only, as report_participant_date (V9) does for
-- participants, not every report of every day in the range.
create index report_account_date on report (account, business_date);

-- Last: dropping an index locks the table against reads too, until the migration commits (docs/runbook.md).
drop index report_business_date;
