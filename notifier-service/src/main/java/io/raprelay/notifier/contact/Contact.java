package io.raprelay.notifier.contact;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.raprelay.contracts.ClearingHouse;
import io.raprelay.contracts.Installation;

/** A designated contact person of the participant: who HKEX and RAP Relay reach by email and SMS. */
@Entity
@Table(name = "contact")
public class Contact extends PanacheEntityBase {

    /** What a role may be (no comma: roles are kept comma-separated). */
    public static final String ROLE_RULE = "1 to 40 letters, digits, spaces or . _ / -";
    private static final Pattern ROLE = Pattern.compile("[\\p{L}0-9 ._/-]{1,40}");

    /** Whether the text is a role as {@link #ROLE_RULE} says. */
    public static boolean isRole(String text) {
        return text != null && ROLE.matcher(text).matches();
    }

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

    /** Whether the contact looks after one of these clearing houses (no installations named: all of them). */
    public boolean covers(Set<ClearingHouse> clearingHouses) {
        return installations == null || installations.isBlank() || Arrays.stream(installations.split(","))
                .map(Installation::valueOf).flatMap(i -> i.clearingHouses().stream())
                .anyMatch(clearingHouses::contains);
    }

    /** Whether the contact holds the role (as the participant names it; case and outer spaces do not count). */
    public boolean holds(String role) {
        return roles != null && Arrays.stream(roles.split(",")).anyMatch(r -> r.trim().equalsIgnoreCase(role.trim()));
    }
}
