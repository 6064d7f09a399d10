-- A notification's subject and repeat key are built from event fields (a report key of up to 512 characters, two
-- host names of up to 255): sized by the contract, not by a guess, so no contract-valid event is ever refused.
alter table notification alter column subject type text;
alter table notification alter column repeat_key type text;
