package io.raprelay.notifier.contact;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import io.raprelay.contracts.ClearingHouse;
import io.raprelay.contracts.Installation;

/**
 * A contact as operators send it, checked by Bean Validation where the API receives it: a refusal is problem+json
 * naming the field ({@code mobile}, {@code roles[1]}, {@code subscriptions[0].channels}).
 */
public record ContactRequest(
        @NotBlank(message = "is required") @Size(max = 200, message = "at most 200 characters") String name,
        @NotNull(message = "is required") @Size(max = 254, message = "at most 254 characters") @Pattern(regexp = EMAIL, message = "is not an email address") String email,
        @NotNull(message = "is required") @Pattern(regexp = MOBILE, message = "is not an E.164 number (+85291234567); a +852 number must be a Hong Kong "
                + "mobile number (8 digits starting 4-9)") String mobile,
        @NotNull(message = "is required") @Pattern(regexp = "en|zh-HK", message = "is not one of [en, zh-HK]") String language,
        Boolean active,
        @NotEmpty(message = "one or both of [HKSCC, HKCC_SEOCH]") List<@NotNull(message = "is empty") Installation> installations,
        @Size(max = 10, message = "at most 10 roles") List<@NotNull(message = "is empty") @Pattern(regexp = Contact.ROLE_PATTERN, message = Contact.ROLE_RULE) String> roles,
        @NotEmpty(message = "between 1 and 50 subscriptions") @Size(max = 50, message = "between 1 and 50 subscriptions") List<@NotNull(message = "is empty") @Valid SubscriptionRequest> subscriptions) {

    static final String EMAIL = "[^@\\s]{1,64}@[A-Za-z0-9.-]{1,189}\\.[A-Za-z]{2,}";
    /** E.164; a Hong Kong number (+852) must be a mobile one: eight digits starting 4 to 9. */
    static final String MOBILE = "\\+(852[4-9][0-9]{7}|(?!852)[1-9][0-9]{7,14})";

    /**
     * What the contact (or a role) receives: event types and clearing houses (empty: all), a minimum severity,
     * channels.
     */
    public record SubscriptionRequest(
            List<@NotNull(message = "is empty") @EventTypeName String> eventTypes,
            List<@NotNull(message = "is empty") ClearingHouse> clearingHouses,
            @NotNull(message = "is required; one of [INFO, WARNING, ERROR, CRITICAL]") Severity minSeverity,
            @NotEmpty(message = "one or both of [EMAIL, SMS]") List<@NotNull(message = "is empty") Channel> channels) {
    }
}
