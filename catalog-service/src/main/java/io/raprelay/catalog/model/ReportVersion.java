package io.raprelay.catalog.model;

import java.time.Instant;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.raprelay.contracts.DataCentre;

/** One fetched version of a report, with where it came from, where it is archived and which event told us. */
@Entity
@Table(name = "report_version")
public class ReportVersion extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "report_version_seq")
    @SequenceGenerator(name = "report_version_seq", sequenceName = "report_version_seq", allocationSize = 50)
    public Long id;
    public String reportKey;
    public int version;
    public String reportId;
    public String eventId;
    public long size;
    public String sha256;
    public Instant remoteModifiedAt;
    public Instant fetchedAt;
    @Enumerated(EnumType.STRING)
    public DataCentre dataCentre;
    public String host;
    public String archiveLocation;
    public String mediaType;
    public boolean practiceSession;
    public String practiceSessionId;
    public String kafkaTopic;
    public int kafkaPartition;
    public long kafkaOffset;
    public Instant ingestedAt;
    /** When retention removed the archived copy; null while it is kept. */
    public Instant removedAt;
}
