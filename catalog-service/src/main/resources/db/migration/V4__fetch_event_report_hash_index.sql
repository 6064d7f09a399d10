-- A refused file's report key carries its remote path (up to 4,096 characters by the contract, up to 12 KB in UTF-8):
-- too large for a B-tree entry (at most 2,704 bytes), so such an event could never be stored. A hash index keeps
-- look-ups by key for any length.
drop index fetch_event_report;
create index fetch_event_report on fetch_event using hash (report_key) where report_key is not null;
