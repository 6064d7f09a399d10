package io.raprelay.catalog.model;

import java.time.Instant;
import java.util.Optional;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A legal hold on a report: while in force, no copy of any of its versions is removed, whatever its retention. */
@Entity
@Table(name = "legal_hold")
public class LegalHold extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    public String reportKey;
    public String reason;
    public String setBy;
    public Instant setAt;
    public String releasedBy;
    public Instant releasedAt;
    public String releaseReason;

    /** The hold in force on a report, if any. */
    public static Optional<LegalHold> inForce(String reportKey) {
        return find("reportKey = ?1 and releasedAt is null", reportKey).firstResultOptional();
    }
}
