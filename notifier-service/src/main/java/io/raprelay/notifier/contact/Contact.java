package io.raprelay.notifier.contact;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import jakarta.persistence.CascadeType;
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
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;

import org.hibernate.annotations.Fetch;
import org.hibernate.annotations.FetchMode;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.raprelay.contracts.ClearingHouse;
import io.raprelay.contracts.Installation;

/** A designated contact person of the participant: who HKEX and RAP Relay reach by email and SMS. */
@Entity
@Table(name = "contact")
public class Contact extends PanacheEntityBase {

    /** What a role may be. */
    public static final String ROLE_RULE = "1 to 40 letters, digits, spaces or . _ / -, not only spaces";
    /** {@link #ROLE_RULE} as a regular expression (Bean Validation takes it from here). */
    public static final String ROLE_PATTERN = "(?=.*[^ ])[\\p{L}0-9 ._/-]{1,40}";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    public String name;
    public String email;
    public String mobile;
    public String language;
    public boolean active;
    /** The installations the contact covers (none: all of them). */
    @ElementCollection(fetch = FetchType.EAGER)
    @Fetch(FetchMode.SUBSELECT)
    @CollectionTable(name = "contact_installation", joinColumns = @JoinColumn(name = "contact_id"))
    @Column(name = "installation")
    @Enumerated(EnumType.STRING)
    public Set<Installation> installations = EnumSet.noneOf(Installation.class);
    /** Roles (e.g. operations, IT, duty manager), as the participant names them, in the order given. */
    @ElementCollection(fetch = FetchType.EAGER)
    @Fetch(FetchMode.SUBSELECT)
    @CollectionTable(name = "contact_role", joinColumns = @JoinColumn(name = "contact_id"))
    @OrderColumn(name = "position")
    @Column(name = "role")
    public List<String> roles = new ArrayList<>();
    public Instant createdAt;
    public Instant updatedAt;
    @OneToMany(mappedBy = "contact", cascade = CascadeType.ALL, orphanRemoval = true, fetch = FetchType.EAGER)
    @Fetch(FetchMode.SUBSELECT)
    public List<Subscription> subscriptions = new ArrayList<>();

    /** Whether the contact looks after one of these clearing houses (no installations named: all of them). */
    public boolean covers(Set<ClearingHouse> clearingHouses) {
        return installations.isEmpty() || installations.stream().flatMap(i -> i.clearingHouses().stream())
                .anyMatch(clearingHouses::contains);
    }

    /** Whether the contact holds the role (as the participant names it; case and outer spaces do not count). */
    public boolean holds(String role) {
        return roles.stream().anyMatch(r -> r.trim().equalsIgnoreCase(role.trim()));
    }
}
