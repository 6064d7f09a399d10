package io.raprelay.notifier.weather;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * HKO's warning summary ({@code dataType=warnsum}): a JSON object keyed by warning statement code, {@code {}} when
 * nothing is in force. Matched on {@code code} (the subtype for WTCSGNL, WRAIN, WFIRE), never on display text.
 */
public final class Warnsum {

    /** One entry of the feed. {@code cancelled}: listed with actionCode CANCEL, not in force from its update time. */
    public record Entry(String statement, String code, String name, String actionCode, Instant issuedAt,
            Instant updatedAt) {

        boolean cancelled() {
            return "CANCEL".equals(actionCode) || "CANCEL".equals(code);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> ACTIONS = Set.of("ISSUE", "REISSUE", "CANCEL", "EXTEND", "UPDATE");
    /** Statements whose {@code code} is a subtype; for the others the statement is the code. */
    private static final Set<String> SUBTYPED = Set.of("WTCSGNL", "WRAIN", "WFIRE");

    private Warnsum() {
    }

    /** Parses a warnsum document; throws {@link IllegalArgumentException} naming what is wrong. */
    public static List<Entry> parse(String body) {
        JsonNode root;
        try {
            root = JSON.readTree(body == null ? "" : body.replaceFirst("^\uFEFF", ""));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("warnsum is not JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("warnsum is not a JSON object keyed by warning statement");
        }
        List<Entry> entries = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> field = it.next();
            String statement = field.getKey();
            JsonNode value = field.getValue();
            String code = value.path("code").asText(SUBTYPED.contains(statement) ? "" : statement);
            if (code.isBlank()) {
                throw new IllegalArgumentException("warnsum." + statement + ".code is missing");
            }
            String action = value.path("actionCode").asText("");
            if (!ACTIONS.contains(action)) {
                throw new IllegalArgumentException("warnsum." + statement + ".actionCode '" + action
                        + "' is not one of " + ACTIONS);
            }
            Instant issued = time(statement, "issueTime", value);
            Instant updated = value.hasNonNull("updateTime") ? time(statement, "updateTime", value) : issued;
            entries.add(new Entry(statement, code, value.path("name").asText(code), action, issued, updated));
        }
        return entries;
    }

    private static Instant time(String statement, String field, JsonNode value) {
        String text = value.path(field).asText("");
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("warnsum." + statement + "." + field + " '" + text
                    + "' is not an ISO date-time with offset");
        }
    }
}
