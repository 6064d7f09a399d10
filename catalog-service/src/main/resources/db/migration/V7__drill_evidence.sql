-- The drill evidence: the catalog also keeps the practice sessions as configured (rap.practice-schedule), their status
-- changes (rap.practice-sessions) and the notifier's delivery reports (rap.notifications) in its event timeline; the
-- session they belong to is indexed, as are the fetcher's login checks of a session.
alter table fetch_event add column practice_session_id varchar(64);
create index fetch_event_practice_session on fetch_event (practice_session_id, event_type)
    where practice_session_id is not null;
create index fetch_event_type_occurred on fetch_event (event_type, occurred_at);
