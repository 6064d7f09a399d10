package io.raprelay.testing.contracts;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.raprelay.contracts.ArchiveAltered;
import io.raprelay.contracts.ArchiveRestored;
import io.raprelay.contracts.EventCodec;
import io.raprelay.contracts.EventType;
import io.raprelay.contracts.FetchFailed;
import io.raprelay.contracts.FetchRecovered;
import io.raprelay.contracts.HostFailover;
import io.raprelay.contracts.HostRecovered;
import io.raprelay.contracts.RapEvent;
import io.raprelay.contracts.ReportOverdue;
import io.raprelay.contracts.ReportOverdueResolved;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Contract-valid events with every field at its JSON Schema's limit, made from the schemas themselves: strings at
 * {@code maxLength} (padded with random three-byte characters, so byte-sized stores and indexes feel it too), patterns
 * at their longest, integers at {@code maximum}, arrays at {@code maxItems}, and one event per value of the largest
 * enum so that every enum value and both booleans appear. Each payload is read back through {@link EventCodec}: what
 * comes out passed the schema and the records' constraints, so a consumer that refuses one has a column or buffer
 * smaller than the contract.
 */
public final class MaximalEvents {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final Pattern BOUNDED_CLASS = Pattern.compile("\\^\\[([^\\]]+)\\]\\{(?:\\d+,)?(\\d+)\\}\\$");

    private MaximalEvents() {
    }

    /** The maximal events of one type: as many as its largest enum has values (at least two). */
    public static List<RapEvent> of(EventType type) {
        JsonNode schema = schema(type);
        int variants = 2;
        for (JsonNode property : schema.get("properties")) {
            if (property.has("enum")) {
                variants = Math.max(variants, property.get("enum").size());
            }
        }
        EventCodec codec = new EventCodec();
        List<RapEvent> events = new ArrayList<>();
        for (int variant = 0; variant < variants; variant++) {
            ObjectNode payload = JSON.objectNode();
            Iterator<Map.Entry<String, JsonNode>> properties = schema.get("properties").fields();
            while (properties.hasNext()) {
                Map.Entry<String, JsonNode> property = properties.next();
                payload.set(property.getKey(), value(property.getValue(), variant));
            }
            try {
                events.add(codec.read(new ObjectMapper().writeValueAsBytes(payload), type.cloudEventType()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return events;
    }

    /**
     * The maximal events of every type published on {@code topic}, in the order of {@link EventType}. Each
     * {@code ReportOverdueResolved} resolves one of the {@code ReportOverdue} before it (its id, code, date and house,
     * so the same key and partition), as the catalog publishes them; each {@code FetchRecovered} ends the outage of the
     * {@code FetchFailed} before it of its installation (same key and partition), as the fetcher publishes them, and
     * each {@code HostRecovered} the {@code HostFailover}s of its installation; each {@code ArchiveRestored} resolves
     * one {@code ArchiveAltered} before it (its report key, so the same partition), as the catalog publishes them.
     */
    public static List<RapEvent> onTopic(String topic) {
        List<RapEvent> events = new ArrayList<>();
        for (EventType type : EventType.values()) {
            if (type.topic().equals(topic)) {
                events.addAll(of(type));
            }
        }
        follow(events, ReportOverdue.class, ReportOverdueResolved.class, (r, o, all) -> new ReportOverdueResolved(
                r.eventId(), r.occurredAt(), o.eventId(), o.clearingHouse(), r.sourceSystem(), o.reportCode(),
                r.participant(), o.businessDate(), r.deadline(), r.scheduleVersion(), r.run(), r.arrivedAt(),
                r.reportKeys()));
        follow(events, FetchFailed.class, FetchRecovered.class, (r, f, all) -> new FetchRecovered(r.eventId(),
                r.occurredAt(), f.installation(), r.account(), r.dataCentre(), r.host(), r.outageSince(),
                r.failedPolls(), all.stream().filter(o -> o.installation() == f.installation())
                        .map(FetchFailed::eventId).toList()));
        follow(events, HostFailover.class, HostRecovered.class, (r, f, all) -> new HostRecovered(r.eventId(),
                r.occurredAt(), f.installation(), r.account(), r.dataCentre(), r.host(), r.failedOverAt(),
                all.stream().filter(o -> o.installation() == f.installation()).map(HostFailover::eventId).toList()));
        follow(events, ArchiveAltered.class, ArchiveRestored.class, (r, a, all) -> new ArchiveRestored(r.eventId(),
                r.occurredAt(), a.reportKey(), a.reportId(), a.version(), r.archiveLocation(), a.expectedSha256(),
                r.alteredSince(), List.of(a.eventId()), r.checkedBy()));
        return events;
    }

    /** How a later event is made to follow an earlier one of the topic (and all earlier ones of that type). */
    private interface Follower<E, L> {
        RapEvent follow(L later, E earlier, List<E> all);
    }

    /** Replaces each event of type {@code later} by one that follows an event of type {@code earlier} on the topic. */
    private static <E extends RapEvent, L extends RapEvent> void follow(List<RapEvent> events, Class<E> earlier,
            Class<L> later, Follower<E, L> follower) {
        List<E> all = events.stream().filter(earlier::isInstance).map(earlier::cast).toList();
        for (int i = 0; i < events.size(); i++) {
            if (later.isInstance(events.get(i))) {
                events.set(i, follower.follow(later.cast(events.get(i)), all.get(i % all.size()), all));
            }
        }
    }

    private static JsonNode value(JsonNode property, int variant) {
        if (property.has("enum")) {
            JsonNode values = property.get("enum");
            return values.get(variant % values.size());
        }
        String type = type(property);
        return switch (type) {
            case "boolean" -> JSON.booleanNode(variant % 2 == 0);
            case "integer" -> JSON.numberNode(property.get("maximum").asLong());
            case "array" -> {
                ArrayNode items = JSON.arrayNode();
                for (int i = 0; i < property.get("maxItems").asInt(); i++) {
                    items.add(value(property.get("items"), variant));
                }
                yield items;
            }
            case "string" -> JSON.textNode(string(property));
            case "object" -> {
                ObjectNode object = JSON.objectNode();
                property.get("properties").fields()
                        .forEachRemaining(p -> object.set(p.getKey(), value(p.getValue(), variant)));
                yield object;
            }
            default -> throw new IllegalArgumentException("No maximal value for type " + type);
        };
    }

    private static String string(JsonNode property) {
        String format = property.path("format").asText("");
        if (format.equals("date")) {
            return "2025-06-20";
        }
        if (format.equals("date-time")) {
            return Instant.now().toString();
        }
        String unique = UUID.randomUUID().toString();
        if (property.has("examples")) {
            return property.get("examples").get(0).asText(); // a pattern no bounded class describes (a time, say)
        }
        if (property.has("pattern")) {
            Matcher bounded = BOUNDED_CLASS.matcher(property.get("pattern").asText());
            if (!bounded.matches()) {
                throw new IllegalArgumentException("No maximal value for pattern " + property.get("pattern"));
            }
            List<Character> allowed = characters(bounded.group(1));
            int length = Integer.parseInt(bounded.group(2));
            StringBuilder value = new StringBuilder(length);
            for (int i = 0; i < length; i++) {
                value.append(allowed.get(Math.floorMod(unique.hashCode() * 31 + i * 7 + unique.charAt(i % 36),
                        allowed.size())));
            }
            return value.toString();
        }
        int length = property.get("maxLength").asInt();
        StringBuilder value = new StringBuilder(unique.substring(0, Math.min(length, unique.length())));
        java.util.Random random = new java.util.Random(unique.hashCode());
        while (value.length() < length) {
            // Random CJK ideographs: three bytes each in UTF-8, and no run a store could compress away.
            value.append((char) (0x4E00 + random.nextInt(0x5000)));
        }
        return value.toString();
    }

    /** The characters a regex character class such as {@code A-Za-z0-9._:-} allows. */
    private static List<Character> characters(String characterClass) {
        Set<Character> allowed = new HashSet<>();
        for (int i = 0; i < characterClass.length(); i++) {
            char c = characterClass.charAt(i);
            if (i + 2 < characterClass.length() && characterClass.charAt(i + 1) == '-') {
                for (char r = c; r <= characterClass.charAt(i + 2); r++) {
                    allowed.add(r);
                }
                i += 2;
            } else {
                allowed.add(c);
            }
        }
        return allowed.stream().sorted().toList();
    }

    private static String type(JsonNode property) {
        JsonNode type = property.get("type");
        if (type.isArray()) {
            for (JsonNode t : type) {
                if (!t.asText().equals("null")) {
                    return t.asText();
                }
            }
        }
        return type.asText();
    }

    private static JsonNode schema(EventType type) {
        try (InputStream in = EventType.class.getClassLoader().getResourceAsStream(type.schemaResource())) {
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
