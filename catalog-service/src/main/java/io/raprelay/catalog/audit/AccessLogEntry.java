package io.raprelay.catalog.audit;

import java.time.Instant;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** One recorded API call; never updated or deleted (the database refuses it). */
@Entity
@Table(name = "access_log")
public class AccessLogEntry extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    public Instant at;
    public String subject;
    public String roles;
    public String clientAddress;
    public String action;
    public String parameters;
    public Integer resultCount;
    public int outcome;
    public String previousHash;
    public String hash;

    /** The text the hash covers: every field but the id and the hash itself, in a fixed order. */
    String canonical() {
        return String.join("\n", previousHash, at.toString(), subject, roles, clientAddress, action, parameters,
                String.valueOf(resultCount), String.valueOf(outcome));
    }
}
