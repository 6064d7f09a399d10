-- What a contact covers (installations, roles), and each practice session's own contacts and hotline.
alter table contact add column installations varchar(50) not null default '';
alter table contact add column roles varchar(500) not null default '';
alter table practice_session add column hotline varchar(200) not null default 'CCASS 2979-7111, DCASS 2979-7222';
alter table practice_session add column contact_ids varchar(1000) not null default '';
