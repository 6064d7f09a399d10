-- A configured practice session's own contacts become rows (in the order given) instead of a comma-separated column.
-- None: the subscribers of practice-session notices are told.
create table practice_session_contact (
    session_id  varchar(64) not null references practice_session (id) on delete cascade,
    position    integer     not null,
    contact_id  bigint      not null,
    primary key (session_id, position)
);
insert into practice_session_contact (session_id, position, contact_id)
select s.id, c.n - 1, trim(c.id)::bigint
from practice_session s, unnest(string_to_array(s.contact_ids, ',')) with ordinality as c(id, n)
where trim(c.id) <> '';

alter table practice_session drop column contact_ids;
