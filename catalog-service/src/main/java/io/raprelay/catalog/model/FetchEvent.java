package io.raprelay.catalog.model;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.raprelay.contracts.Installation;

/** A fetcher event other than an arrival (failover, failure, rejection, switch): the sites' and reports' timeline. */
@Entity
@Table(name = "fetch_event")
public class FetchEvent extends PanacheEntityBase {

    @Id
    public String eventId;
    public String eventType;
    public Instant occurredAt;
    @Enumerated(EnumType.STRING)
    public Installation installation;
    public String account;
    public String reportKey;
    /** The practice session the event belongs to (configured, status, login check, notice), if any. */
    public String practiceSessionId;
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(columnDefinition = "jsonb")
    public String payload;
}
