package io.raprelay.contracts;

import java.util.Arrays;
import java.util.Optional;

/** Every event type: its record, CloudEvents type, topic and JSON Schema, in one table. */
public enum EventType {
    REPORT_ARRIVED(ReportArrived.class, CloudEventTypes.REPORT_ARRIVED, Topics.REPORTS, "report-arrived"),
    FETCH_FAILED(FetchFailed.class, CloudEventTypes.FETCH_FAILED, Topics.FETCH_EVENTS, "fetch-failed"),
    FETCH_RECOVERED(FetchRecovered.class, CloudEventTypes.FETCH_RECOVERED, Topics.FETCH_EVENTS, "fetch-recovered"),
    HOST_FAILOVER(HostFailover.class, CloudEventTypes.HOST_FAILOVER, Topics.FETCH_EVENTS, "host-failover"),
    HOST_RECOVERED(HostRecovered.class, CloudEventTypes.HOST_RECOVERED, Topics.FETCH_EVENTS, "host-recovered"),
    DATA_CENTRE_SWITCHED(DataCentreSwitched.class, CloudEventTypes.DATA_CENTRE_SWITCHED, Topics.FETCH_EVENTS,
            "data-centre-switched"),
    HOST_KEY_REJECTED(HostKeyRejected.class, CloudEventTypes.HOST_KEY_REJECTED, Topics.FETCH_EVENTS,
            "host-key-rejected"),
    REPORT_REJECTED(ReportRejected.class, CloudEventTypes.REPORT_REJECTED, Topics.FETCH_EVENTS, "report-rejected"),
    REPORT_OVERDUE(ReportOverdue.class, CloudEventTypes.REPORT_OVERDUE, Topics.REPORT_OVERDUE, "report-overdue"),
    REPORT_OVERDUE_RESOLVED(ReportOverdueResolved.class, CloudEventTypes.REPORT_OVERDUE_RESOLVED, Topics.REPORT_OVERDUE,
            "report-overdue-resolved"),
    PRACTICE_SESSION_STATUS_CHANGED(PracticeSessionStatusChanged.class, CloudEventTypes.PRACTICE_SESSION_STATUS_CHANGED,
            Topics.PRACTICE_SESSIONS, "practice-session-status-changed"),
    PRACTICE_SESSION_CONFIGURED(PracticeSessionConfigured.class, CloudEventTypes.PRACTICE_SESSION_CONFIGURED,
            Topics.PRACTICE_SCHEDULE, "practice-session-configured"),
    SSH_KEY_WARNING(SshKeyWarning.class, CloudEventTypes.SSH_KEY_WARNING, Topics.FETCH_EVENTS, "ssh-key-warning"),
    LOGIN_CHECK_COMPLETED(LoginCheckCompleted.class, CloudEventTypes.LOGIN_CHECK_COMPLETED, Topics.FETCH_EVENTS,
            "login-check-completed"),
    NOTIFICATION_DELIVERED(NotificationDelivered.class, CloudEventTypes.NOTIFICATION_DELIVERED, Topics.NOTIFICATIONS,
            "notification-delivered"),
    ACCESS_LOG_CHECKPOINTED(AccessLogCheckpointed.class, CloudEventTypes.ACCESS_LOG_CHECKPOINTED,
            Topics.ACCESS_LOG_CHECKPOINTS, "access-log-checkpointed"),
    ARCHIVE_ALTERED(ArchiveAltered.class, CloudEventTypes.ARCHIVE_ALTERED, Topics.ARCHIVE_ALERTS, "archive-altered"),
    ARCHIVE_RESTORED(ArchiveRestored.class, CloudEventTypes.ARCHIVE_RESTORED, Topics.ARCHIVE_ALERTS,
            "archive-restored"),
    RECORD_DEAD_LETTERED(RecordDeadLettered.class, CloudEventTypes.RECORD_DEAD_LETTERED, Topics.DEAD_LETTER_ALERTS,
            "record-dead-lettered"),
    BUSINESS_DAY_COMPLETE(BusinessDayComplete.class, CloudEventTypes.BUSINESS_DAY_COMPLETE, Topics.BUSINESS_DAYS,
            "business-day-complete"),
    BUSINESS_DAY_INCOMPLETE(BusinessDayIncomplete.class, CloudEventTypes.BUSINESS_DAY_INCOMPLETE, Topics.BUSINESS_DAYS,
            "business-day-incomplete");

    private final Class<? extends RapEvent> recordType;
    private final String cloudEventType;
    private final String topic;
    private final String schemaName;

    EventType(Class<? extends RapEvent> recordType, String cloudEventType, String topic, String schemaName) {
        this.recordType = recordType;
        this.cloudEventType = cloudEventType;
        this.topic = topic;
        this.schemaName = schemaName;
    }

    public Class<? extends RapEvent> recordType() {
        return recordType;
    }

    public String cloudEventType() {
        return cloudEventType;
    }

    public String topic() {
        return topic;
    }

    /** Classpath location of the JSON Schema (draft 2020-12) the payload must satisfy. */
    public String schemaResource() {
        return "schemas/" + schemaName + ".v1.json";
    }

    public static EventType of(Class<? extends RapEvent> recordType) {
        return Arrays.stream(values())
                .filter(t -> t.recordType == recordType)
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Not an event record: " + recordType));
    }

    public static Optional<EventType> ofCloudEventType(String cloudEventType) {
        return Arrays.stream(values()).filter(t -> t.cloudEventType.equals(cloudEventType)).findFirst();
    }
}
