package io.raprelay.notifier.alert;

import java.time.Instant;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * A maintenance window: matching non-critical notices are not sent while it lasts (lists empty: all). Its owner (a
 * contact) is told before it ends and when it has ended.
 */
@Entity
@Table(name = "silence")
public class Silence extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    public String clearingHouses;
    public String eventTypes;
    public Instant startsAt;
    public Instant endsAt;
    public String reason;
    public String createdBy;
    public Instant createdAt;
    public Long ownerContactId;
    /** When the owner's "ends soon" notice was planned; null until then. */
    public Instant endingNoticeAt;
    /** When the owner's "has ended" notice was planned; null until then. */
    public Instant endedNoticeAt;
}
