-- Retention: a version's archived copy is removed once past its retention (catalog.retention), never earlier and
-- never while its report is under a legal hold; the version stays in the index with when it was removed.
alter table report_version add column removed_at timestamptz;

-- Legal holds, set and released by an admin with a reason each; released ones are kept as the record.
create table legal_hold (
    id             bigserial primary key,
    report_key     text not null references report (report_key),
    reason         text not null check (length(reason) between 1 and 500),
    set_by         text not null,
    set_at         timestamptz not null,
    released_by    text,
    released_at    timestamptz,
    release_reason text check (length(release_reason) between 1 and 500),
    check ((released_at is null) = (released_by is null) and (released_at is null) = (release_reason is null))
);
-- At most one hold in force per report.
create unique index legal_hold_in_force on legal_hold (report_key) where released_at is null;
