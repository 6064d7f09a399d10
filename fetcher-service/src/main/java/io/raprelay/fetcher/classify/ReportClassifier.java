package io.raprelay.fetcher.classify;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.raprelay.contracts.Installation;
import io.raprelay.contracts.SourceSystem;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Table-driven classification of remote paths: the rules come from one JSON file (shipped
 * {@code report-classification.json}, or {@code fetcher.classification-file}), so a new name seen in production is a
 * configuration change. Nothing is ever dropped: a path no rule matches is UNKNOWN, dated by its daily folder or,
 * failing that, by its modification time in Hong Kong.
 */
public final class ReportClassifier {

    static final ZoneId HONG_KONG = ZoneId.of("Asia/Hong_Kong");
    static final String UNKNOWN_CODE = "UNKNOWN";

    private final List<ClassificationRule> rules;
    private final List<DateTimeFormatter> dailyFolderFormats;

    ReportClassifier(List<ClassificationRule> rules, List<DateTimeFormatter> dailyFolderFormats) {
        this.rules = List.copyOf(rules);
        this.dailyFolderFormats = List.copyOf(dailyFolderFormats);
    }

    /** The shipped rules, or those of {@code file} when given. */
    public static ReportClassifier load(Optional<Path> file) {
        try (InputStream in = file.isPresent()
                ? Files.newInputStream(file.get())
                : ReportClassifier.class.getClassLoader().getResourceAsStream("report-classification.json")) {
            return parse(new ObjectMapper().readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read classification rules " + file.orElse(null), e);
        }
    }

    static ReportClassifier parse(JsonNode table) {
        List<ClassificationRule> rules = new ArrayList<>();
        for (JsonNode rule : table.path("rules")) {
            String name = rule.path("name").asText();
            rules.add(new ClassificationRule(name,
                    rule.hasNonNull("installation") ? Installation.valueOf(rule.get("installation").asText()) : null,
                    Pattern.compile(rule.path("pattern").asText()),
                    SourceSystem.valueOf(rule.path("system").asText()),
                    rule.hasNonNull("reportCode") ? rule.get("reportCode").asText() : null,
                    rule.path("dateFormat").asText("yyyyMMdd")));
        }
        List<DateTimeFormatter> folders = new ArrayList<>();
        table.path("dailyFolderFormats").forEach(f -> folders.add(DateTimeFormatter.ofPattern(f.asText())));
        return new ReportClassifier(rules, folders);
    }

    /**
     * Classifies a path relative to the account's root, e.g. {@code INBOX/20250620/CCLTN05_B01234_20250620.txt}.
     *
     * @param remoteModified
     *            the file's modification time, the business date of last resort
     */
    public Classification classify(Installation installation, String relativePath, Instant remoteModified) {
        String path = relativePath.replace('\\', '/').replaceFirst("^/+", "");
        for (ClassificationRule rule : rules) {
            if (rule.installation() != null && rule.installation() != installation) {
                continue;
            }
            Matcher m = rule.pattern().matcher(path);
            if (m.matches()) {
                String code = rule.reportCode() != null ? rule.reportCode() : group(m, "reportCode");
                LocalDate date = parse(group(m, "date"), DateTimeFormatter.ofPattern(rule.dateFormat()))
                        .or(() -> dailyFolderDate(path))
                        .orElseGet(() -> LocalDate.ofInstant(remoteModified, HONG_KONG));
                return new Classification(rule.system(), code == null ? UNKNOWN_CODE : code, group(m, "participant"),
                        date, mediaType(path), rule.name());
            }
        }
        return new Classification(SourceSystem.UNKNOWN, UNKNOWN_CODE, null,
                dailyFolderDate(path).orElseGet(() -> LocalDate.ofInstant(remoteModified, HONG_KONG)),
                mediaType(path), "none");
    }

    private Optional<LocalDate> dailyFolderDate(String path) {
        String[] segments = path.split("/");
        for (int i = 0; i < segments.length - 1; i++) {
            for (DateTimeFormatter format : dailyFolderFormats) {
                Optional<LocalDate> date = parse(segments[i], format);
                if (date.isPresent()) {
                    return date;
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<LocalDate> parse(String text, DateTimeFormatter format) {
        if (text == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.parse(text, format));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static String group(Matcher m, String name) {
        try {
            return m.group(name);
        } catch (IllegalArgumentException e) {
            return null; // the rule's pattern has no such group
        }
    }

    static String mediaType(String path) {
        String name = path.substring(path.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
        String extension = name.contains(".") ? name.substring(name.lastIndexOf('.') + 1) : "";
        return switch (extension) {
            case "txt", "lis", "ctl" -> "text/plain";
            case "csv" -> "text/csv";
            case "zip" -> "application/zip";
            case "xml" -> "application/xml";
            case "pdf" -> "application/pdf";
            default -> "application/octet-stream";
        };
    }
}
