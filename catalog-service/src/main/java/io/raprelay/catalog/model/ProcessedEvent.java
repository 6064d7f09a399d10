package io.raprelay.catalog.model;

import java.time.Instant;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** An event already applied; written in the same transaction as the event's effect. */
@Entity
@Table(name = "processed_event")
public class ProcessedEvent extends PanacheEntityBase {

    @Id
    public String eventId;
    public String eventType;
    public String kafkaTopic;
    public int kafkaPartition;
    public long kafkaOffset;
    public Instant processedAt;
}
