package io.raprelay.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The JSON Schemas are the published contract: they must describe exactly the records' fields. */
class SchemaMatchesRecordTest {

    @ParameterizedTest
    @EnumSource(EventType.class)
    void schemaListsEveryRecordFieldAndRequiresExactlyTheMandatoryOnes(EventType type) throws Exception {
        JsonNode schema;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(type.schemaResource())) {
            schema = new ObjectMapper().readTree(in);
        }
        RecordComponent[] components = type.recordType().getRecordComponents();

        Set<String> properties = new TreeSet<>();
        schema.get("properties").fieldNames().forEachRemaining(properties::add);
        Set<String> required = new TreeSet<>();
        schema.get("required").forEach(n -> required.add(n.asText()));

        assertThat(properties).isEqualTo(names(Arrays.asList(components)));
        assertThat(required).isEqualTo(names(Arrays.stream(components).filter(this::mandatory).toList()));
        assertThat(schema.get("description").asText()).contains(type.topic()).contains(type.cloudEventType());
    }

    private boolean mandatory(RecordComponent component) {
        // Constraint annotations propagate to the accessor, not to the record component itself.
        Method accessor = component.getAccessor();
        return component.getType().isPrimitive() || accessor.isAnnotationPresent(NotNull.class)
                || accessor.isAnnotationPresent(NotBlank.class) || accessor.isAnnotationPresent(NotEmpty.class);
    }

    private static Set<String> names(List<RecordComponent> components) {
        List<String> names = new ArrayList<>();
        components.forEach(c -> names.add(c.getName()));
        return new TreeSet<>(names);
    }
}
