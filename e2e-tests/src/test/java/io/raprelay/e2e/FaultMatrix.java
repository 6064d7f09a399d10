package io.raprelay.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The fault matrix, one row per fault the suite caused, with the counts the suite itself took; written as Markdown
 * (docs/reliability.md is a copy of a run's {@code target/reliability.md}).
 */
final class FaultMatrix {

    /** Reports of one fault: expected, in the catalog with the expected checksum, duplicated. */
    record Reports(int expected, int inCatalog, int duplicated) {

        static final Reports NONE = new Reports(0, 0, 0);
    }

    record Row(String fault, String behaviour, Reports reports, int alertsExpected, int alertsDelivered) {
    }

    private static final List<Row> ROWS = new ArrayList<>();

    private FaultMatrix() {
    }

    static void row(String fault, String behaviour, Reports reports, int alertsExpected, int alertsDelivered) {
        Row row = new Row(fault, behaviour, reports, alertsExpected, alertsDelivered);
        ROWS.add(row);
        System.out.printf("[e2e fault matrix] %s | %s | reports %d/%d/%d | alerts %d/%d%n", fault, behaviour,
                reports.expected(), reports.inCatalog(), reports.duplicated(), alertsExpected, alertsDelivered);
    }

    static void write(Path file) throws IOException {
        StringBuilder out = new StringBuilder(
                """
                        # Reliability: the fault matrix

                        Written by the end-to-end fault suite (`e2e-tests`, `FaultSuiteIT`) from its own counts, on the
                        whole system as `deploy/local/run.sh` starts it. Reports: expected / in the catalog with the
                        expected checksum / duplicated (versions or events beyond the expected). Alerts: expected /
                        delivered to the operations contact, and to the duty manager for an escalation (each once per
                        channel).

                        | fault | what the system did | reports expected | in catalog | duplicated | alerts expected | alerts delivered |
                        |---|---|---|---|---|---|---|
                        """);
        for (Row row : ROWS) {
            out.append("| %s | %s | %d | %d | %d | %d | %d |%n".formatted(row.fault(), row.behaviour(),
                    row.reports().expected(), row.reports().inCatalog(), row.reports().duplicated(),
                    row.alertsExpected(), row.alertsDelivered()));
        }
        out.append("%nRun finished %s.%n".formatted(Instant.now()));
        Files.writeString(file, out);
    }
}
