-- Every ArchiveAltered the catalog published (Kafka acknowledged it), so that the first download or verification that
-- finds the copy intact again publishes one ArchiveRestored naming them; restored_event_id is set in the transaction
-- that waited for that acknowledgement (null while the copy is still altered). Survives a restart in between.
create table archive_alteration (
    event_id          varchar(128) primary key,
    report_key        varchar(512) not null,
    version           integer      not null,
    detected_at       timestamptz  not null,
    restored_event_id varchar(128),
    restored_at       timestamptz
);

create index archive_alteration_open on archive_alteration (report_key, version) where restored_event_id is null;
