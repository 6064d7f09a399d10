package io.raprelay.notifier.alert;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import java.util.TreeSet;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;

import org.hibernate.annotations.DynamicUpdate;
import org.hibernate.annotations.Fetch;
import org.hibernate.annotations.FetchMode;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.raprelay.contracts.ClearingHouse;

/**
 * A maintenance window: matching non-critical notices are not sent while it lasts (lists empty: all). Its owner (a
 * contact) is told before it ends and when it has ended. An update writes only the columns it changed: the check that
 * records its notices and an operator ending it write different columns and may overlap, and neither erases the other.
 */
@Entity
@DynamicUpdate
@Table(name = "silence")
public class Silence extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @ElementCollection(fetch = FetchType.EAGER)
    @Fetch(FetchMode.SUBSELECT)
    @CollectionTable(name = "silence_house", joinColumns = @JoinColumn(name = "silence_id"))
    @Column(name = "clearing_house")
    @Enumerated(EnumType.STRING)
    public Set<ClearingHouse> clearingHouses = EnumSet.noneOf(ClearingHouse.class);
    @ElementCollection(fetch = FetchType.EAGER)
    @Fetch(FetchMode.SUBSELECT)
    @CollectionTable(name = "silence_event_type", joinColumns = @JoinColumn(name = "silence_id"))
    @Column(name = "event_type")
    public Set<String> eventTypes = new TreeSet<>();
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

    /** Whether it holds back notices of this type about these clearing houses. */
    public boolean covers(String eventType, Set<ClearingHouse> houses) {
        return (eventTypes.isEmpty() || eventTypes.contains(eventType))
                && (clearingHouses.isEmpty() || clearingHouses.stream().anyMatch(houses::contains));
    }
}
