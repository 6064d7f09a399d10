package io.raprelay.notifier.weather;

import java.time.Instant;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** One warning as seen in HKO's feed (with when it was first and last seen) or entered by an operator. */
@Entity
@Table(name = "warning_observation")
public class WarningObservation extends PanacheEntityBase {

    public static final String FEED = "FEED";
    public static final String OPERATOR = "OPERATOR";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    public String code;
    public String statement;
    public String name;
    /** HKO's actionCode at the latest sighting; OPERATOR for operators' entries. */
    public String actionCode;
    public String source;
    public Instant issuedAt;
    public Instant firstSeenAt;
    public Instant lastSeenAt;
    public Instant endedAt;
    /**
     * Set when the warning left the feed without a CANCEL entry seen: it ended at some time between this (its last
     * sighting) and {@link #endedAt} (the reading that missed it). Null when the end is HKO's own or an operator's.
     */
    public Instant endNotBefore;
    public String note;
}
