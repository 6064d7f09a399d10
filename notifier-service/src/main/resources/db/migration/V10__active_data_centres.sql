-- The fetcher's active data centre per installation, as its DataCentreSwitched events tell (PRIMARY until one says
-- otherwise): the practice-session checks ten minutes into each part compare it with the part's data centre.
create table active_data_centre (
    installation  varchar(16)  primary key,
    data_centre   varchar(16)  not null,
    switched_at   timestamptz  not null,
    switched_by   varchar(255) not null,
    event_id      varchar(128) not null
);
