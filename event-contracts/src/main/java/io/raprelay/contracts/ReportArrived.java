package io.raprelay.contracts;

import java.time.Instant;
import java.time.LocalDate;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * A report version was downloaded from RAP, archived durably and verified. Published by the fetcher on
 * {@link Topics#REPORTS} once the archive copy is on disk; keyed by {@link #reportKey()}.
 *
 * @param reportId
 *            stable for one remote file version (same path, size and modification time)
 * @param reportKey
 *            stable across versions: a re-issue under the same path has a new reportId, the same reportKey
 * @param reportCode
 *            the HKEX report identifier (e.g. CCLTN05), or UNKNOWN when the name matches no rule
 * @param participant
 *            the participant the report is for; absent for reports common to all participants
 * @param practiceSession
 *            true when fetched during a practice session: such files never count as production, and their report
 *            keys start with {@code practice/<session id>/}, so they never become versions of production reports
 * @param practiceSessionId
 *            the practice session the file was fetched in (see {@link PracticeSessionConfigured}); null for
 *            production
 */
public record ReportArrived(
        @NotNull @Pattern(regexp = Patterns.EVENT_ID) String eventId,
        @NotBlank @Size(max = 128) String reportId,
        @NotBlank @Size(max = 512) String reportKey,
        @NotNull ClearingHouse clearingHouse,
        @NotNull SourceSystem sourceSystem,
        @NotNull @Pattern(regexp = Patterns.REPORT_CODE) String reportCode,
        @Size(max = 32) String participant,
        @NotNull LocalDate businessDate,
        @NotBlank @Size(max = 255) String fileName,
        @NotBlank @Size(max = 1024) String remotePath,
        @PositiveOrZero @Max(Patterns.MAX_SIZE) long size,
        @NotNull @Pattern(regexp = Patterns.SHA_256) String sha256,
        @NotNull Instant remoteModifiedAt,
        @NotNull Instant fetchedAt,
        @NotNull Installation installation,
        @NotBlank @Size(max = 64) String account,
        @NotNull DataCentre dataCentre,
        @NotBlank @Size(max = 255) String host,
        @NotBlank @Size(max = 2048) String archiveLocation,
        @NotBlank @Size(max = 127) String mediaType,
        boolean practiceSession,
        @Size(max = 64) String practiceSessionId) implements RapEvent {

    /** A production report (no practice session). */
    public ReportArrived(String eventId, String reportId, String reportKey, ClearingHouse clearingHouse,
            SourceSystem sourceSystem, String reportCode, String participant, LocalDate businessDate, String fileName,
            String remotePath, long size, String sha256, Instant remoteModifiedAt, Instant fetchedAt,
            Installation installation, String account, DataCentre dataCentre, String host, String archiveLocation,
            String mediaType, boolean practiceSession) {
        this(eventId, reportId, reportKey, clearingHouse, sourceSystem, reportCode, participant, businessDate,
                fileName, remotePath, size, sha256, remoteModifiedAt, fetchedAt, installation, account, dataCentre,
                host, archiveLocation, mediaType, practiceSession, null);
    }

    @Override
    @JsonIgnore
    public Instant occurredAt() {
        return fetchedAt;
    }

    @Override
    public String kafkaKey() {
        return reportKey;
    }
}
