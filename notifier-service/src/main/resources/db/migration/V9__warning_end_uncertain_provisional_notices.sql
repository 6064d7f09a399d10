-- A warning that left HKO's feed without our seeing its CANCEL entry (the feed was down, or it was dropped between two
-- readings) ended at some time between its last sighting and the reading that missed it: ended_at is the latest
-- possible end, end_not_before the earliest. An operator stating HKO's own end time clears the uncertainty.
alter table warning_observation add column end_not_before timestamptz;

-- What each practice notice said, and whether it was provisional (decided while the feed was down or on an uncertain
-- end): a later, certain decision that differs before the session starts sends a correction.
alter table practice_notice add column status varchar(16);
alter table practice_notice add column provisional boolean not null default false;

-- Whether the last status published was provisional: its confirmation is published too.
alter table practice_session add column status_provisional boolean not null default false;
