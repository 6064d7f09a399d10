package io.raprelay.e2e;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * The monitoring files of {@code deploy/monitoring}: the Prometheus alert rules and the Grafana dashboard, and the
 * metrics their expressions name (RAP Relay's {@code raprelay_*} and {@code rap_*}, and the Kafka clients'
 * {@code kafka_*}; Prometheus' own {@code up} is not a service's to export).
 */
final class MonitoringFiles {

    static final Path RULES = Path.of("../deploy/monitoring/prometheus-rules.yaml");
    static final Path DASHBOARD = Path.of("../deploy/monitoring/grafana-dashboard.json");
    private static final Pattern METRIC = Pattern.compile("\\b(?:raprelay|rap|kafka)_[a-z0-9_]+\\b");

    private MonitoringFiles() {
    }

    /** The alert rules, each an {@code alert}, {@code expr}, {@code labels} and {@code annotations}. */
    static List<JsonNode> rules() throws IOException {
        List<JsonNode> rules = new ArrayList<>();
        JsonNode file = new ObjectMapper(new YAMLFactory()).readTree(RULES.toFile());
        file.path("spec").path("groups").forEach(group -> group.path("rules").forEach(rules::add));
        return rules;
    }

    /** Every query of the dashboard's panels. */
    static List<String> dashboardQueries() throws IOException {
        List<String> queries = new ArrayList<>();
        new ObjectMapper().readTree(DASHBOARD.toFile()).path("panels")
                .forEach(panel -> panel.path("targets").forEach(target -> queries.add(target.path("expr").asText())));
        return queries;
    }

    /** The metrics named by the rules and the dashboard. */
    static Set<String> metricNames() throws IOException {
        Set<String> names = new TreeSet<>();
        for (JsonNode rule : rules()) {
            names.addAll(metricsIn(rule.path("expr").asText()));
        }
        for (String query : dashboardQueries()) {
            names.addAll(metricsIn(query));
        }
        return names;
    }

    static Set<String> metricsIn(String expression) {
        Set<String> names = new TreeSet<>();
        Matcher matcher = METRIC.matcher(expression);
        while (matcher.find()) {
            names.add(matcher.group());
        }
        return names;
    }
}
