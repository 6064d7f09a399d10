package io.raprelay.catalog.audit;

import java.time.Instant;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** One recorded API call; never updated or deleted (the runtime role may not, and the table refuses it). */
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
    /** The hash is an HMAC under the chain key (every entry since migration V8), not a plain SHA-256. */
    public boolean keyed;
}
