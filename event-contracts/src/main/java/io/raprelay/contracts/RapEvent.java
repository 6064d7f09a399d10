package io.raprelay.contracts;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * A fact RAP Relay publishes to Kafka. The {@link #eventId()} is stable (it is also the {@code ce_id} header), so
 * consumers absorb redeliveries by remembering it.
 */
public sealed interface RapEvent permits ReportArrived, FetchFailed, HostFailover, DataCentreSwitched, HostKeyRejected,
        ReportRejected, ReportOverdue, PracticeSessionStatusChanged, PracticeSessionConfigured, SshKeyWarning,
        LoginCheckCompleted, NotificationDelivered, AccessLogCheckpointed,
        ArchiveAltered,
        RecordDeadLettered, BusinessDayComplete, BusinessDayIncomplete, ReportOverdueResolved,
        FetchRecovered, HostRecovered, ArchiveRestored {

    String eventId();

    Instant occurredAt();

    /** The Kafka record key: events with the same key keep their order. */
    @JsonIgnore
    String kafkaKey();

    @JsonIgnore
    default EventType type() {
        return EventType.of(getClass());
    }
}
