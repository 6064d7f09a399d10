package io.raprelay.catalog.model;

import java.time.Instant;
import java.time.LocalDate;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.raprelay.contracts.ClearingHouse;
import io.raprelay.contracts.Installation;
import io.raprelay.contracts.SourceSystem;

/** One remote file path of one RAP account; each fetched version is a {@link ReportVersion}. */
@Entity
@Table(name = "report")
public class Report extends PanacheEntityBase {

    @Id
    @Column(name = "report_key")
    public String reportKey;
    @Enumerated(EnumType.STRING)
    public ClearingHouse clearingHouse;
    @Enumerated(EnumType.STRING)
    public SourceSystem sourceSystem;
    public String reportCode;
    public String participant;
    public LocalDate businessDate;
    @Enumerated(EnumType.STRING)
    public Installation installation;
    public String account;
    public String fileName;
    public String remotePath;
    public int latestVersion;
    public Instant firstSeenAt;
    /** When the fetcher first took a version outside any practice session; null if none (completeness counts it). */
    public Instant firstFetchedAt;
    public Instant updatedAt;
    /** The practice session it was fetched in (its key starts with {@code practice/}); null for production. */
    public String practiceSessionId;
}
