package io.raprelay.catalog.schedule;

import java.time.Instant;
import java.time.LocalDate;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** An operator moved a schedule version's effective date: from which day to which, who, when and why. */
@Entity
@Table(name = "schedule_move")
public class ScheduleMove extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    public int scheduleVersion;
    public LocalDate movedFrom;
    public LocalDate movedTo;
    public Instant movedAt;
    public String movedBy;
    public String reason;
}
