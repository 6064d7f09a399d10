package io.raprelay.notifier.practice;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A practice session as stored: its parts as JSON, its own contacts, and the last status published for it. */
@Entity
@Table(name = "practice_session")
public class ConfiguredSession extends PanacheEntityBase {

    @Id
    public String id;
    public LocalDate sessionDate;
    public String parts;
    public String status;
    /** The last status published was provisional (decided on uncertain weather). */
    public boolean statusProvisional;
    /** Hotline numbers for the notice texts (the circular's two differ between its sections: configurable). */
    public String hotline;
    /** The session's own contacts, in the order given; none: the subscribers of practice-session notices. */
    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "practice_session_contact", joinColumns = @JoinColumn(name = "session_id"))
    @OrderColumn(name = "position")
    @Column(name = "contact_id")
    public List<Long> contactIds = new ArrayList<>();
    public String createdBy;
    public Instant createdAt;
    /** Grows by one with every edit, postponement or withdrawal (each kept in practice_session_revision). */
    public int revision;
    /** Cancelled by an operator: no rules run, no window marks a download as practice. */
    public boolean withdrawn;
}
