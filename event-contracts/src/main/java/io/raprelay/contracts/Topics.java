package io.raprelay.contracts;

/** Kafka topic names. Dead-letter topics are named {@code <topic>.<consumer-service>.dlq}. */
public final class Topics {

    /** {@link ReportArrived}, keyed by report key (one partition order per remote path). */
    public static final String REPORTS = "rap.reports";
    /** Fetch problems and operator actions, keyed by installation. */
    public static final String FETCH_EVENTS = "rap.fetch-events";
    /** {@link ReportOverdue} and {@link ReportOverdueResolved}, keyed by report code and business date. */
    public static final String REPORT_OVERDUE = "rap.report-overdue";
    /**
     * {@link BusinessDayComplete} and {@link BusinessDayIncomplete}, keyed by clearing house, business date and
     * participant.
     */
    public static final String BUSINESS_DAYS = "rap.business-days";
    /** {@link PracticeSessionStatusChanged}, keyed by session id. */
    public static final String PRACTICE_SESSIONS = "rap.practice-sessions";
    /**
     * {@link PracticeSessionConfigured}, keyed by session id; compacted: the latest record of a session is the
     * session as it stands.
     */
    public static final String PRACTICE_SCHEDULE = "rap.practice-schedule";
    /** Every notification's final state (NotificationDelivered), from the notifier: who was told what, and how. */
    public static final String NOTIFICATIONS = "rap.notifications";
    /** {@link ArchiveAltered}, keyed by report key. */
    public static final String ARCHIVE_ALERTS = "rap.archive-alerts";
    /** {@link AccessLogCheckpointed}, keyed by the signing key's id: the access log's signed checkpoints. */
    public static final String ACCESS_LOG_CHECKPOINTS = "rap.access-log-checkpoints";
    /** {@link RecordDeadLettered}, keyed by the consumer service that gave up on a record. */
    public static final String DEAD_LETTER_ALERTS = "rap.dead-letter-alerts";

    private Topics() {
    }

    /** The dead-letter topic a consumer service uses for events it cannot read from {@code topic}. */
    public static String deadLetter(String topic, String consumerService) {
        return sourceOf(topic) + "." + consumerService + ".dlq";
    }

    /**
     * The topic a consumer service's replayed dead letters of {@code topic} go to: only that service reads it (and
     * only it may write it), so a replay never writes to a topic other services trust.
     */
    public static String replay(String topic, String consumerService) {
        return sourceOf(topic) + "." + consumerService + ".replay";
    }

    /** The topic an event was first published to: {@code topic} itself, or the source of a replay topic. */
    public static String sourceOf(String topic) {
        return topic.replaceFirst("\\.[a-z]+\\.replay$", "");
    }
}
