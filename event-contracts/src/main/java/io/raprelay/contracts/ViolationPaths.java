package io.raprelay.contracts;

import java.util.List;
import java.util.Set;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;

/**
 * Bean Validation's refusals of an API request, as the services answer them: each field named as the client sent it
 * ({@code create.request.subscriptions[0].eventTypes[1].<list element>} as {@code subscriptions[0].eventTypes[1]};
 * {@code body} for a missing body, the parameter's name for a path or query parameter).
 */
public final class ViolationPaths {

    private ViolationPaths() {
    }

    /** Every violation as {@code field: message (was 'value')}, sorted: the first names the field to report. */
    public static List<String> problems(Set<? extends ConstraintViolation<?>> violations) {
        return violations.stream().map(v -> {
            Object value = v.getInvalidValue();
            String shown = value instanceof String || value instanceof Number || value instanceof Enum
                    ? " (was '" + value + "')"
                    : "";
            return field(v.getPropertyPath()) + ": " + v.getMessage() + shown;
        }).sorted().toList();
    }

    /** The field of a problem from {@link #problems}. */
    public static String fieldOf(String problem) {
        return problem.substring(0, problem.indexOf(": "));
    }

    /** The field a path names, as the client sent it. */
    public static String field(Path path) {
        StringBuilder field = new StringBuilder();
        String parameter = null;
        for (Path.Node node : path) {
            switch (node.getKind()) {
                case METHOD, CONSTRUCTOR -> {
                }
                case PARAMETER -> parameter = node.getName();
                default -> {
                    if (node.isInIterable()) {
                        field.append('[').append(node.getIndex() != null ? node.getIndex() : node.getKey())
                                .append(']');
                    }
                    if (node.getKind() != ElementKind.CONTAINER_ELEMENT) {
                        field.append(field.isEmpty() ? "" : ".").append(node.getName());
                    }
                }
            }
        }
        if (!field.isEmpty()) {
            return field.toString();
        }
        return parameter == null || parameter.equals("request") ? "body" : parameter;
    }
}
