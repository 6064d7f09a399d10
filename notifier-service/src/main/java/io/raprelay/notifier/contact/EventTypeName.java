package io.raprelay.notifier.contact;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

import io.raprelay.contracts.EventType;

/** The CloudEvents type of one of the contract's events ({@code rap.fetch.failed.v1}); null is left to others. */
@Documented
@Constraint(validatedBy = EventTypeName.Check.class)
@Target({ElementType.TYPE_USE, ElementType.FIELD, ElementType.PARAMETER})
@Retention(RetentionPolicy.RUNTIME)
public @interface EventTypeName {

    String message() default "unknown event type (docs/events.md lists them)";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** Checks a name against {@link EventType}. */
    class Check implements ConstraintValidator<EventTypeName, String> {

        static final Set<String> TYPES = Arrays.stream(EventType.values()).map(EventType::cloudEventType)
                .collect(Collectors.toUnmodifiableSet());

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            return value == null || TYPES.contains(value);
        }
    }
}
