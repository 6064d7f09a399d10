package io.raprelay.contracts;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.annotation.ElementType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Path;
import jakarta.validation.TraversableResolver;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;

import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

/**
 * Turns events into JSON and back. Reading is strict in three steps (JSON Schema, binding, Bean Validation) so that a
 * consumer either gets a valid record or an {@link InvalidEventException} naming every bad field. Thread-safe.
 */
public final class EventCodec {

    private final ObjectMapper mapper;
    private final Validator validator;
    private final Map<EventType, JsonSchema> schemas = new EnumMap<>(EventType.class);

    public EventCodec() {
        this(defaultValidator());
    }

    public EventCodec(Validator validator) {
        this.validator = validator;
        this.mapper = new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                // Newer producers may add optional fields (the schemas allow them); old consumers ignore them.
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder()
                .pathType(PathType.JSON_PATH)
                .formatAssertionsEnabled(true)
                .build();
        for (EventType type : EventType.values()) {
            schemas.put(type, factory.getSchema(openSchema(type), config));
        }
    }

    /** The JSON payload of an event, as published. */
    public byte[] write(RapEvent event) {
        try {
            return mapper.writeValueAsBytes(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot serialise " + event.type(), e);
        }
    }

    /**
     * Checks an event against its JSON Schema and constraints exactly as a consumer will read it: producers call this
     * before publishing, so nothing they send can be dead-lettered for breaking the contract.
     *
     * @throws InvalidEventException
     *             naming every bad field
     */
    public void check(RapEvent event) {
        read(write(event), event.type());
    }

    /** Reads a payload of a known type; the CloudEvents type from the {@code ce_type} header chooses it. */
    public RapEvent read(byte[] json, String cloudEventType) {
        EventType type = EventType.ofCloudEventType(cloudEventType)
                .orElseThrow(() -> new InvalidEventException(String.valueOf(cloudEventType),
                        List.of("ce_type: unknown event type '" + cloudEventType + "'")));
        return read(json, type);
    }

    public <T extends RapEvent> T read(byte[] json, Class<T> recordType) {
        return recordType.cast(read(json, EventType.of(recordType)));
    }

    /** Validates a payload against its schema without binding it; empty when valid. */
    public List<String> schemaProblems(byte[] json, EventType type) {
        JsonNode tree = parse(json, type);
        return schemaProblems(tree, type);
    }

    public ObjectMapper mapper() {
        return mapper;
    }

    private RapEvent read(byte[] json, EventType type) {
        JsonNode tree = parse(json, type);
        List<String> problems = schemaProblems(tree, type);
        if (!problems.isEmpty()) {
            throw new InvalidEventException(type.cloudEventType(), problems);
        }
        RapEvent event;
        try {
            event = mapper.treeToValue(tree, type.recordType());
        } catch (JsonMappingException e) {
            throw new InvalidEventException(type.cloudEventType(), List.of(path(e) + ": " + e.getOriginalMessage()));
        } catch (JsonProcessingException e) {
            throw new InvalidEventException(type.cloudEventType(), List.of("$: " + e.getOriginalMessage()));
        }
        Set<ConstraintViolation<RapEvent>> violations = validator.validate(event);
        if (!violations.isEmpty()) {
            throw new InvalidEventException(type.cloudEventType(), violations.stream()
                    .map(v -> "$." + v.getPropertyPath() + ": " + v.getMessage())
                    .sorted()
                    .toList());
        }
        return event;
    }

    private JsonNode parse(byte[] json, EventType type) {
        if (json == null || json.length == 0) {
            throw new InvalidEventException(type.cloudEventType(), List.of("$: empty payload"));
        }
        try {
            JsonNode tree = mapper.readTree(json);
            if (tree == null || !tree.isObject()) {
                throw new InvalidEventException(type.cloudEventType(), List.of("$: payload is not a JSON object"));
            }
            return tree;
        } catch (IOException e) {
            throw new InvalidEventException(type.cloudEventType(), List.of("$: not JSON (" + firstLine(e) + ")"));
        }
    }

    private List<String> schemaProblems(JsonNode tree, EventType type) {
        List<String> problems = new ArrayList<>();
        schemas.get(type).validate(tree).stream()
                .sorted(Comparator.comparing(ValidationMessage::getMessage))
                .forEach(m -> problems.add(m.getMessage()));
        return problems;
    }

    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder("$");
        for (JsonMappingException.Reference ref : e.getPath()) {
            path.append(ref.getFieldName() != null ? "." + ref.getFieldName() : "[" + ref.getIndex() + "]");
        }
        return path.toString();
    }

    private static String firstLine(IOException e) {
        String message = String.valueOf(e.getMessage());
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    private static InputStream openSchema(EventType type) {
        InputStream in = EventCodec.class.getClassLoader().getResourceAsStream(type.schemaResource());
        if (in == null) {
            throw new UncheckedIOException(new IOException("Missing schema " + type.schemaResource()));
        }
        return in;
    }

    private static Validator defaultValidator() {
        // ParameterMessageInterpolator: no Expression Language implementation needed outside a container.
        ValidatorFactory factory = Validation.byDefaultProvider()
                .configure()
                .messageInterpolator(new ParameterMessageInterpolator())
                .traversableResolver(new EveryPropertyReachable())
                .buildValidatorFactory();
        return factory.getValidator();
    }

    /**
     * Events are plain records, never lazily loaded entities. With Jakarta Persistence on the class path the default
     * resolver asks the persistence providers whether each property of each event is loaded: in the catalog's ingest
     * profile that was about half of the time spent validating events (docs/benchmarks/catalog.md).
     */
    private static final class EveryPropertyReachable implements TraversableResolver {

        @Override
        public boolean isReachable(Object bean, Path.Node property, Class<?> rootType, Path path, ElementType type) {
            return true;
        }

        @Override
        public boolean isCascadable(Object bean, Path.Node property, Class<?> rootType, Path path, ElementType type) {
            return true;
        }
    }
}
