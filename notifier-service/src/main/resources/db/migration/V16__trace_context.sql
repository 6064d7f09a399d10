-- The W3C traceparent of the work that planned a notification (the alert's event, or the digest's first arrival),
-- so its delivery continues the report's trace; null when tracing is off.
alter table notification add column trace_parent varchar(55);
alter table arrival add column trace_parent varchar(55);
