package io.raprelay.simulator.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.junit.jupiter.api.Test;

import io.raprelay.contracts.ClearingHouse;
import io.raprelay.contracts.Installation;
import io.raprelay.simulator.SimulatorConfig.AccountConfig;
import io.raprelay.simulator.report.ReportCatalogue.PlannedReport;

class ReportCatalogueTest {

    static final LocalDate DAY = LocalDate.of(2025, 6, 20);
    static final AccountConfig HKSCC = new AccountConfig("rapb01234", Installation.HKSCC, ClearingHouse.HKSCC,
            "B01234", Path.of("keys"));
    static final AccountConfig SEOCH = new AccountConfig("rapseoch01", Installation.HKCC_SEOCH, ClearingHouse.SEOCH,
            "SEOCH01", Path.of("keys"));

    private final ReportCatalogue catalogue = new ReportCatalogue("yyyyMMdd");

    @Test
    void securitiesParticipantGetsCcassCcmsAndVarReportsInReleaseOrder() {
        List<PlannedReport> plan = catalogue.plan(HKSCC, DAY);

        assertThat(plan).extracting(PlannedReport::relativePath).contains(
                "INBOX/20250620/CSEMS08_B01234_20250620.txt",
                "INBOX/20250620/CCLTN05_B01234_20250620.txt",
                "INBOX/20250620/CCMDS01_B01234_20250620.txt",
                "INBOX/20250620/RMAMR01_B01234_20250620.csv",
                "INBOX/20250620/RMAMR03_B01234_20250620_2100_CTL.zip",
                "COMMON/20250620/RPF01_20250620.csv");
        assertThat(plan).hasSize(17).isSortedAccordingTo(
                (a, b) -> a.template().release().compareTo(b.template().release()));
        assertThat(plan.get(0).template().reportId()).isEqualTo("CSEMS08");
    }

    @Test
    void derivativesParticipantGetsDcassCcmsAndTheRiskParameterBundle() {
        assertThat(catalogue.plan(SEOCH, DAY)).extracting(PlannedReport::relativePath).containsExactly(
                "INBOX/20250620/DCSIM01_SEOCH01_20250620.txt",
                "INBOX/20250620/CCMDS01_SEOCH01_20250620.txt",
                "INBOX/20250620/DCSIM02_SEOCH01_20250620.csv",
                "RPF/RPF_250620.zip");
    }

    @Test
    void dailyFolderFormatIsConfigurable() {
        assertThat(new ReportCatalogue("yyyy-MM-dd").plan(HKSCC, DAY).get(0).relativePath())
                .isEqualTo("INBOX/2025-06-20/CSEMS08_B01234_20250620.txt");
    }

    @Test
    void fixedLengthReportHasHeaderDetailsWithValidChecksumsAndTrailer() {
        PlannedReport statement = find(catalogue.plan(HKSCC, DAY), "CCLTN05");
        List<String> records = new String(ReportContent.of(statement, 0), StandardCharsets.US_ASCII).lines()
                .toList();

        assertThat(records).allMatch(r -> r.length() == 80);
        assertThat(records.get(0)).startsWith("0B01234CCLTN05CCLTN05_B01234_MAIN20250620");
        List<String> details = records.subList(1, records.size() - 1);
        assertThat(details).isNotEmpty().allMatch(r -> r.startsWith("1")).allMatch(ReportContent::checksumMatches);
        long hashTotal = details.stream().mapToLong(r -> Long.parseLong(r.substring(12, 27))).sum();
        assertThat(records.get(records.size() - 1)).startsWith(String.format("9%08d%018d", details.size(), hashTotal));
    }

    @Test
    void sameGenerationGivesSameBytesAndAReissueDiffers() {
        PlannedReport statement = find(catalogue.plan(HKSCC, DAY), "CCLTN05");

        assertThat(ReportContent.of(statement, 0)).isEqualTo(ReportContent.of(statement, 0));
        assertThat(ReportContent.of(statement, 1)).isNotEqualTo(ReportContent.of(statement, 0));
    }

    @Test
    void riskParameterBundleHoldsIntradayEarlyAndFinalFiles() throws Exception {
        PlannedReport bundle = find(catalogue.plan(SEOCH, DAY), "RPF");
        List<String> entries = new ArrayList<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(ReportContent.of(bundle, 0)))) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                entries.add(e.getName());
            }
        }
        assertThat(entries).containsExactly("rpiseoch-250620-1030.lis", "rppseoch-250620.lis", "rpfseoch-250620.lis");
    }

    private static PlannedReport find(List<PlannedReport> plan, String reportId) {
        return plan.stream().filter(p -> p.template().reportId().equals(reportId)).findFirst().orElseThrow();
    }
}
