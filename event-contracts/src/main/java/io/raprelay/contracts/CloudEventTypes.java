package io.raprelay.contracts;

/** CloudEvents {@code ce_type} values; the suffix is the payload's major version. */
public final class CloudEventTypes {

    public static final String REPORT_ARRIVED = "rap.report.arrived.v1";
    public static final String FETCH_FAILED = "rap.fetch.failed.v1";
    public static final String FETCH_RECOVERED = "rap.fetch.recovered.v1";
    public static final String HOST_FAILOVER = "rap.host.failover.v1";
    public static final String HOST_RECOVERED = "rap.host.recovered.v1";
    public static final String DATA_CENTRE_SWITCHED = "rap.data-centre.switched.v1";
    public static final String HOST_KEY_REJECTED = "rap.host-key.rejected.v1";
    public static final String REPORT_REJECTED = "rap.report.rejected.v1";
    public static final String REPORT_OVERDUE = "rap.report.overdue.v1";
    public static final String PRACTICE_SESSION_STATUS_CHANGED = "rap.practice-session.status-changed.v1";
    public static final String PRACTICE_SESSION_CONFIGURED = "rap.practice-session.configured.v1";
    public static final String SSH_KEY_WARNING = "rap.ssh-key.warning.v1";
    public static final String LOGIN_CHECK_COMPLETED = "rap.login-check.completed.v1";
    public static final String NOTIFICATION_DELIVERED = "rap.notification.delivered.v1";
    public static final String ACCESS_LOG_CHECKPOINTED = "rap.access-log.checkpointed.v1";
    public static final String ARCHIVE_ALTERED = "rap.archive.altered.v1";
    public static final String ARCHIVE_RESTORED = "rap.archive.restored.v1";
    public static final String RECORD_DEAD_LETTERED = "rap.record.dead-lettered.v1";
    public static final String REPORT_OVERDUE_RESOLVED = "rap.report.overdue-resolved.v1";
    public static final String BUSINESS_DAY_COMPLETE = "rap.business-day.complete.v1";
    public static final String BUSINESS_DAY_INCOMPLETE = "rap.business-day.incomplete.v1";

    /** Kafka header names written with every event (CloudEvents Kafka binding, binary mode). */
    public static final String HEADER_ID = "ce_id";
    public static final String HEADER_TYPE = "ce_type";
    public static final String HEADER_SOURCE = "ce_source";
    public static final String HEADER_TIME = "ce_time";
    public static final String HEADER_SPEC_VERSION = "ce_specversion";

    private CloudEventTypes() {
    }
}
