package io.raprelay.contracts;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** One realistic, valid instance of every event type. */
final class EventSamples {

    static final Instant FETCHED = Instant.parse("2025-06-20T12:05:03.250Z");

    private EventSamples() {
    }

    static ReportArrived reportArrived() {
        return new ReportArrived("6f1c2a4e-8b1d-4c7e-9a55-0d2f3b4c5d6e", "rapb01234:INBOX/20250620/CCLTN05@1f2e",
                "HKSCC/rapb01234/INBOX/20250620/CCLTN05_B01234_20250620.txt", ClearingHouse.HKSCC,
                SourceSystem.CCASS, "CCLTN05", "B01234", LocalDate.of(2025, 6, 20), "CCLTN05_B01234_20250620.txt",
                "INBOX/20250620/CCLTN05_B01234_20250620.txt", 4_812,
                "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", Instant.parse(
                        "2025-06-20T12:00:00Z"),
                FETCHED, Installation.HKSCC, "rapb01234", DataCentre.PRIMARY, "10.243.2.141:18801",
                "file:///var/lib/rap-relay/archive/HKSCC/rapb01234/2025-06-20/CCLTN05_B01234_20250620.txt",
                "text/plain", false);
    }

    static List<RapEvent> all() {
        return List.of(reportArrived(),
                new FetchFailed("ff-1", FETCHED, Installation.HKCC_SEOCH, "raphkcc01", DataCentre.PRIMARY,
                        FailureReason.NETWORK, "Connection refused by both hosts",
                        List.of("10.151.14.141:18801", "10.151.14.142:18801"), FETCHED.minusSeconds(600), 5),
                new HostFailover("hf-1", FETCHED, Installation.HKSCC, "rapb01234", DataCentre.PRIMARY,
                        "10.243.2.141:18801", "10.243.2.142:18801", FailureReason.TIMEOUT, "Connect timed out"),
                new DataCentreSwitched("dcs-1", FETCHED, Installation.HKSCC, DataCentre.PRIMARY,
                        DataCentre.SECONDARY, "ops.chan", "Practice session part 1", false),
                new HostKeyRejected("hkr-1", FETCHED, Installation.HKSCC, DataCentre.SECONDARY,
                        "10.243.66.141:18801", "SHA256:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU",
                        "SHA256:uNiVztksCsDhcc0u9e8BujQXVUpKZIDTMczCvj3tD2s", "Host key changed"),
                new ReportRejected("rr-1", FETCHED, Installation.HKSCC, "rapb01234", DataCentre.PRIMARY,
                        "10.243.2.141:18801", "INBOX/20250620/../../etc/passwd", RejectionReason.PATH_TRAVERSAL,
                        "Name climbs out of the archive", 512L),
                new ReportOverdue("ro-1", FETCHED, ClearingHouse.HKSCC, SourceSystem.VAR, "RMAMR03", "B01234",
                        LocalDate.of(2025, 6, 20), Instant.parse("2025-06-20T07:30:00Z"), 3, "1430"),
                new PracticeSessionStatusChanged("pss-1", FETCHED, "2025-06-21-drill", LocalDate.of(2025, 6, 21),
                        PracticeSessionStatus.TERMINATED, PracticeSessionStatus.PROCEEDING,
                        Instant.parse("2025-06-21T07:05:00Z"), "RULE_2_TERMINATE", "TC8NE",
                        Instant.parse("2025-06-21T06:50:00Z"),
                        "Signal No. 8 (TC8NE) issued 14:50 after the 14:00 start: terminated at 15:05"),
                new PracticeSessionConfigured("2025-06-21-drill:rev:2", FETCHED, "2025-06-21-drill",
                        LocalDate.of(2025, 6, 21), 2, List.of(
                                new PracticeSessionConfigured.Part("Part 1: download from the secondary data centre",
                                        Instant.parse("2025-06-21T06:00:00Z"), Instant.parse("2025-06-21T08:00:00Z"),
                                        DataCentre.SECONDARY),
                                new PracticeSessionConfigured.Part("Part 2: log in on the primary data centre",
                                        Instant.parse("2025-06-21T10:00:00Z"), Instant.parse("2025-06-21T11:00:00Z"),
                                        DataCentre.PRIMARY)),
                        false, "ops.chan", "Part 2 moved by HKEX's notice of 10 June"),
                new SshKeyWarning("skw-1", FETCHED, Installation.HKSCC, "rapb01234",
                        SshKeyWarning.Kind.CHANGED_NEAR_PRACTICE, "SHA256:uNiVztksCsDhcc0u9e8BujQXVUpKZIDTMczCvj3tD2s",
                        "SHA256:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU", null, "2025-06-21",
                        "The key file changed on the day of practice session 2025-06-21"),
                new LoginCheckCompleted("scc-1", FETCHED, Installation.HKCC_SEOCH, DataCentre.SECONDARY,
                        LoginCheckCompleted.Occasion.IN_PART, "2025-06-21", LocalDate.of(2025, 6, 21), "Part 2", false,
                        List.of(new LoginCheckCompleted.HostResult("10.152.14.141:18801", "rapd01234", true, true, 2,
                                null),
                                new LoginCheckCompleted.HostResult("10.152.14.142:18801", "rapd01234", false, false,
                                        null, "Auth fail for methods 'publickey'"))),
                new NotificationDelivered("delivery-42", FETCHED, 42, "practice:2025-06-21:DECISION_0900:1750467600000",
                        "rap.practice-session.status-changed.v1", "2025-06-21", 7, "Kit Lau",
                        NotificationDelivered.Channel.EMAIL, "k***@drill.example", "CRITICAL",
                        "[RAP Relay] Practice session 2025-06-21: PROCEEDING (09:00 decision)",
                        NotificationDelivered.Outcome.SENT, 1),
                new AccessLogCheckpointed("checkpoint-0123456789abcdef-1042", FETCHED, 1042, 1042, "c".repeat(64),
                        "0123456789abcdef", "bG9uZyBFZDI1NTE5IHNpZ25hdHVyZQ=="),
                new ArchiveAltered("aa-1", FETCHED, "HKSCC/rapb01234/INBOX/20250620/CCLTN05_B01234_20250620.txt",
                        "r-0123456789abcdef", 1, "file:///var/lib/rap-relay/archive/HKSCC/rapb01234/2025-06-20/x.txt",
                        "a".repeat(64), "b".repeat(64), "alice"),
                new RecordDeadLettered("dl-1", FETCHED, "catalog", "rap.reports", 2, 1234L,
                        "rap.reports.catalog.dlq", "HKSCC/rapb01234/INBOX/20250620/x.txt", "rap.report.arrived.v1",
                        "$.sha256: does not match the pattern"),
                new ReportOverdueResolved("ror-1", FETCHED, "ro-1", ClearingHouse.HKSCC, SourceSystem.VAR, "RMAMR03",
                        "B01234", LocalDate.of(2025, 6, 20), Instant.parse("2025-06-20T07:30:00Z"), 3, "1430",
                        Instant.parse("2025-06-20T08:02:10Z"),
                        List.of("HKSCC/rapb01234/INBOX/20250620/RMAMR03_B01234_20250620_1430_CTL.zip",
                                "HKSCC/rapb01234/INBOX/20250620/RMAMR03_B01234_20250620_1430_DAT.zip")),
                new BusinessDayComplete("bdc-1", FETCHED, ClearingHouse.HKSCC, "B01234", LocalDate.of(2025, 6, 20), 3,
                        2, "bdc-0", List.of(businessDayReport())),
                new BusinessDayIncomplete("bdi-1", FETCHED, ClearingHouse.HKSCC, null, LocalDate.of(2025, 6, 20), 3,
                        Instant.parse("2025-06-20T13:15:00Z"),
                        List.of(new BusinessDayIncomplete.Missing(SourceSystem.VAR, "RMAMR03", "2100",
                                Instant.parse("2025-06-20T13:15:00Z"), List.of("DAT"))),
                        List.of(businessDayReport())),
                new FetchRecovered("fr-1", FETCHED, Installation.HKCC_SEOCH, "raphkcc01", DataCentre.PRIMARY,
                        "10.151.14.141:18801", FETCHED.minusSeconds(900), 7, List.of("ff-1")),
                new HostRecovered("hr-1", FETCHED, Installation.HKCC_SEOCH, "raphkcc01", DataCentre.PRIMARY,
                        "10.151.14.141:18801", FETCHED.minusSeconds(600), List.of("hf-1")),
                new ArchiveRestored("ar-1", FETCHED, "HKSCC/rapb01234/INBOX/20250620/CCLTN05_B01234_20250620.txt",
                        "r-0123456789abcdef", 1, "file:///var/lib/rap-relay/archive/HKSCC/rapb01234/2025-06-20/x.txt",
                        "a".repeat(64), FETCHED.minusSeconds(3600), List.of("aa-1"), "ops-admin"));
    }

    private static BusinessDayReport businessDayReport() {
        ReportArrived arrived = reportArrived();
        return new BusinessDayReport(arrived.reportKey(), arrived.reportId(), arrived.reportCode(), arrived.fileName(),
                2, arrived.sha256());
    }
}
