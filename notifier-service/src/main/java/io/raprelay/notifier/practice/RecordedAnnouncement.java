package io.raprelay.notifier.practice;

import java.time.Instant;
import java.util.Optional;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.raprelay.contracts.PracticeSessionStatus;

/** HKEX's announcement about a session as an operator recorded it; the newest one overrides the rules. */
@Entity
@Table(name = "practice_announcement")
public class RecordedAnnouncement extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    public String sessionId;
    public String status;
    public Instant effectiveAt;
    public String reference;
    public String recordedBy;
    public Instant recordedAt;

    /** The newest announcement recorded for a session, if any. */
    static Optional<PracticeRules.Announcement> latest(String sessionId) {
        return RecordedAnnouncement.<RecordedAnnouncement>find("sessionId = ?1 order by recordedAt desc, id desc",
                sessionId).firstResultOptional().map(RecordedAnnouncement::toRule);
    }

    PracticeRules.Announcement toRule() {
        return new PracticeRules.Announcement(PracticeSessionStatus.valueOf(status), recordedAt, effectiveAt, reference,
                recordedBy);
    }
}
