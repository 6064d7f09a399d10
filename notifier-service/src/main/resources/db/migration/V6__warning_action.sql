-- HKO's actionCode of the latest sighting of each warning (ISSUE, REISSUE, EXTEND, UPDATE, CANCEL).
alter table warning_observation add column action_code varchar(16);
