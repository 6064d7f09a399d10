-- Completeness reads each report's first fetch from the report row: the day's reports through the date index, without
-- a look-up of every report's versions (4,000 index probes for a day of 4,000 reports: 13-15 ms of a 50-ms budget,
-- docs/benchmarks/catalog.md). Null when every version came in a practice session. Kept by ingest.
alter table report add column first_fetched_at timestamptz;
update report r set first_fetched_at = v.first
from (select report_key, min(fetched_at) as first from report_version where not practice_session group by report_key) v
where v.report_key = r.report_key;
