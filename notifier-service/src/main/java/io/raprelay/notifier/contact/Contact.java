package io.raprelay.notifier.contact;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A designated contact person of the participant: who HKEX and RAP Relay reach by email and SMS. */
@Entity
@Table(name = "contact")
public class Contact extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    public String name;
    public String email;
    public String mobile;
    public String language;
    public boolean active;
    /** Comma-separated installations the contact covers (HKSCC, HKCC_SEOCH). */
    public String installations;
    /** Comma-separated roles (e.g. operations, IT, compliance), as the participant names them. */
    public String roles;
    public Instant createdAt;
    public Instant updatedAt;
    @OneToMany(mappedBy = "contact", cascade = CascadeType.ALL, orphanRemoval = true, fetch = FetchType.EAGER)
    public List<Subscription> subscriptions = new ArrayList<>();
}
