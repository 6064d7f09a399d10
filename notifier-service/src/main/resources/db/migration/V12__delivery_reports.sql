-- Each notification's final state (SENT or FAILED) is published once as NotificationDelivered (rap.notifications):
-- reported_at is set when Kafka has it, so a failed publish is tried again and a restart publishes nothing twice.
-- Notifications final before this version are not published (the drill evidence starts here).
alter table notification add column reported_at timestamptz;
update notification set reported_at = now() where status in ('SENT', 'FAILED');
create index notification_unreported on notification (id) where reported_at is null and status in ('SENT', 'FAILED');
