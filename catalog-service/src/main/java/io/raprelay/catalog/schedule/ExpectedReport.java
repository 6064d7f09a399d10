package io.raprelay.catalog.schedule;

import java.time.LocalTime;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.raprelay.contracts.ClearingHouse;
import io.raprelay.contracts.SourceSystem;

/** One report a schedule version expects each business day, with its deadline. */
@Entity
@Table(name = "expected_report")
public class ExpectedReport extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    public int scheduleVersion;
    @Enumerated(EnumType.STRING)
    public ClearingHouse clearingHouse;
    @Enumerated(EnumType.STRING)
    public SourceSystem sourceSystem;
    public String reportCode;
    public String participant;
    public LocalTime deadlineTime;
    public int deadlineBusinessDays;
    public boolean onHalfDays;
    public String run;

    Expectation toExpectation() {
        return new Expectation(clearingHouse, sourceSystem, reportCode, participant, deadlineTime,
                deadlineBusinessDays, onHalfDays, run);
    }
}
