package io.raprelay.catalog.api;

import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.StreamingOutput;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.raprelay.catalog.model.Report;
import io.raprelay.catalog.model.ReportVersion;

/**
 * A search's whole result as CSV (RFC 4180), streamed page by page with the same keyset query as the API, so memory
 * stays flat however many rows match. Cells that a spreadsheet would run as a formula are prefixed with a quote.
 */
@ApplicationScoped
public class CsvExport {

    static final String HEADER = "reportKey,clearingHouse,sourceSystem,reportCode,participant,businessDate,"
            + "installation,account,fileName,remotePath,latestVersion,sha256,size,fetchedAt,dataCentre,host";
    private static final int PAGE = ReportQuery.MAX_LIMIT;

    private final ReportSearch search;

    public CsvExport(ReportSearch search) {
        this.search = search;
    }

    public StreamingOutput write(ReportQuery query) {
        return out -> {
            Writer csv = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
            csv.write(HEADER + "\r\n");
            ReportQuery page = query.withPaging(PAGE, query.after());
            while (true) {
                ReportQuery current = page;
                ReportSearch.Page rows = QuarkusTransaction.requiringNew().call(() -> search.find(current));
                for (Report r : rows.reports()) {
                    csv.write(row(r, rows.latest().get(r.reportKey)));
                }
                if (rows.next() == null) {
                    break;
                }
                page = page.withPaging(PAGE, Optional.of(rows.next()));
            }
            csv.flush();
        };
    }

    private static String row(Report r, ReportVersion v) {
        return Stream.of(r.reportKey, r.clearingHouse, r.sourceSystem, r.reportCode, r.participant, r.businessDate,
                r.installation, r.account, r.fileName, r.remotePath, r.latestVersion, v == null ? null : v.sha256,
                v == null ? null : v.size, v == null ? null : v.fetchedAt, v == null ? null : v.dataCentre,
                v == null ? null : v.host)
                .map(CsvExport::cell)
                .collect(Collectors.joining(",", "", "\r\n"));
    }

    static String cell(Object value) {
        if (value == null) {
            return "";
        }
        String text = value.toString();
        if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
            text = "'" + text;
        }
        if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
            text = "\"" + text.replace("\"", "\"\"") + "\"";
        }
        return text;
    }
}
