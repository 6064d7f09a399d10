package io.raprelay.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The alert rules and the dashboard load, and each rule can be acted on: a severity, a summary, and a section of the
 * runbook that explains it under its own name. (That every metric they name is exported by the running services is
 * checked on the whole system: {@code WholeSystemIT}.)
 */
class MonitoringFilesTest {

    static final Path RUNBOOK = Path.of("../docs/runbook.md");

    @Test
    void everyRuleHasASeverityASummaryAndItsOwnSectionOfTheRunbook() throws Exception {
        List<String> runbook = Files.readAllLines(RUNBOOK);
        List<JsonNode> rules = MonitoringFiles.rules();

        assertThat(rules).hasSizeGreaterThanOrEqualTo(8);
        for (JsonNode rule : rules) {
            String alert = rule.path("alert").asText();
            assertThat(alert).matches("RapRelay[A-Za-z]+");
            assertThat(rule.path("expr").asText()).as(alert).isNotBlank();
            assertThat(rule.path("labels").path("severity").asText()).as(alert).isIn("critical", "warning", "info");
            assertThat(rule.path("annotations").path("summary").asText()).as(alert).isNotBlank();
            assertThat(rule.path("annotations").path("runbook_url").asText()).as(alert)
                    .isEqualTo("docs/runbook.md#" + alert.toLowerCase(Locale.ROOT));
            assertThat(runbook).as("a runbook section for " + alert).contains("### " + alert);
        }
        assertThat(runbook.stream().filter(line -> line.matches("### RapRelay[A-Za-z]+")).map(l -> l.substring(4)))
                .as("no runbook section for a rule that is gone")
                .containsExactlyInAnyOrderElementsOf(rules.stream().map(r -> r.path("alert").asText()).toList());
    }

    @Test
    void theDashboardLoadsAndEveryPanelQueriesRapRelaysMetrics() throws Exception {
        List<String> queries = MonitoringFiles.dashboardQueries();

        assertThat(queries).hasSizeGreaterThanOrEqualTo(10).allSatisfy(query -> assertThat(
                MonitoringFiles.metricsIn(query)).as(query).isNotEmpty());
        Set<String> names = MonitoringFiles.metricNames();
        assertThat(names).contains("raprelay_dead_letters_total", "kafka_consumer_fetch_manager_records_lag",
                "raprelay_notifier_delivery_attempts_total", "raprelay_notifier_oldest_pending_delivery_seconds",
                "raprelay_catalog_expected_reports_today", "raprelay_notifier_practice_sessions_today",
                "rap_fetcher_bytes_fetched_total", "rap_fetcher_files_fetched_total");
    }
}
