package io.raprelay.simulator.report;

import java.time.LocalTime;
import java.util.Set;

import io.raprelay.contracts.ClearingHouse;
import io.raprelay.contracts.SourceSystem;

/**
 * A report RAP offers every business day: its identifier, the system that makes it, the folder it appears in, when
 * (HKT) and for which clearing houses' accounts.
 *
 * @param runSuffix
 *            for reports produced several times a day (RMAMR03 at 11:30, 14:30, ...), the run's HHmm; else null
 */
public record ReportTemplate(String reportId, SourceSystem system, Folder folder, LocalTime release,
        Set<ClearingHouse> houses, ReportFormat format, String runSuffix) {

    /** RAP's top-level folders: the participant's own reports, reports common to all, risk parameter files. */
    public enum Folder {
        INBOX, COMMON, RPF
    }

    /** How the file is laid out. */
    public enum ReportFormat {
        /** CCASS fixed-length ASCII records: header, details with per-record checksums, trailer with hash totals. */
        FIXED_LENGTH,
        CSV,
        /** A zipped control file (VaR Platform RMAMR03 comes as a control and a data zip). */
        ZIP_CONTROL,
        /** A zipped data file. */
        ZIP_DATA,
        /** The daily bundle of derivatives risk parameter files (.lis), {@code RPF_yymmdd.zip}. */
        RPF_BUNDLE
    }
}
