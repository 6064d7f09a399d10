package io.raprelay.catalog.schedule;

import java.time.Instant;
import java.time.LocalDate;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** One version of the expected-report schedule; its {@link ExpectedReport}s apply from {@code effectiveFrom}. */
@Entity
@Table(name = "schedule_version")
public class ScheduleVersion extends PanacheEntityBase {

    @Id
    public int version;
    public LocalDate effectiveFrom;
    public Instant createdAt;
    public String createdBy;
    public String reason;
}
