-- A silence has an owner (an active contact), told before it ends and when it has ended, so nothing stays muted
-- unnoticed; each notice once (the time it was planned). Silences made before this have no owner and no notices.
alter table silence add column owner_contact_id bigint references contact (id);
alter table silence add column ending_notice_at timestamptz;
alter table silence add column ended_notice_at timestamptz;
