package io.raprelay.notifier.contact;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.raprelay.contracts.ClearingHouse;
import io.raprelay.contracts.EventType;
import io.raprelay.contracts.Installation;
import io.raprelay.notifier.BadFieldException;

/** A contact as operators send it; {@link #validate()} names the first field it cannot accept. */
public record ContactRequest(String name, String email, String mobile, String language, Boolean active,
        List<Installation> installations, List<String> roles, List<SubscriptionRequest> subscriptions) {

    /** What the contact receives: event types and clearing houses (empty: all), a minimum severity, channels. */
    public record SubscriptionRequest(List<String> eventTypes, List<ClearingHouse> clearingHouses,
            Severity minSeverity, List<Channel> channels) {
    }

    public static final Set<String> LANGUAGES = Set.of("en", "zh-HK");
    static final Set<String> EVENT_TYPES = Arrays.stream(EventType.values()).map(EventType::cloudEventType)
            .collect(Collectors.toUnmodifiableSet());
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[A-Za-z0-9.-]{1,189}\\.[A-Za-z]{2,}");
    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{7,14}");
    /** Hong Kong mobile numbers: +852 and eight digits starting 4 to 9. */
    private static final Pattern HONG_KONG_MOBILE = Pattern.compile("\\+852[4-9][0-9]{7}");

    public void validate() {
        if (name == null || name.isBlank() || name.length() > 200) {
            throw new BadFieldException("name", "is required, at most 200 characters");
        }
        if (email == null || email.length() > 254 || !EMAIL.matcher(email).matches()) {
            throw new BadFieldException("email", "'" + email + "' is not an email address");
        }
        if (mobile == null || !E164.matcher(mobile).matches()) {
            throw new BadFieldException("mobile", "'" + mobile + "' is not an E.164 number (+85291234567)");
        }
        if (mobile.startsWith("+852") && !HONG_KONG_MOBILE.matcher(mobile).matches()) {
            throw new BadFieldException("mobile", "'" + mobile + "' is not a Hong Kong mobile number (+852 and 8 "
                    + "digits starting 4-9)");
        }
        if (language == null || !LANGUAGES.contains(language)) {
            throw new BadFieldException("language", "'" + language + "' is not one of " + LANGUAGES);
        }
        if (installations == null || installations.isEmpty() || installations.contains(null)) {
            throw new BadFieldException("installations", "one or both of " + Arrays.toString(Installation.values()));
        }
        if (roles != null) {
            if (roles.size() > 10) {
                throw new BadFieldException("roles", "at most 10 roles");
            }
            for (int i = 0; i < roles.size(); i++) {
                if (!Contact.isRole(roles.get(i))) {
                    throw new BadFieldException("roles[" + i + "]", Contact.ROLE_RULE);
                }
            }
        }
        if (subscriptions == null || subscriptions.isEmpty() || subscriptions.size() > 50) {
            throw new BadFieldException("subscriptions", "between 1 and 50 subscriptions");
        }
        for (int i = 0; i < subscriptions.size(); i++) {
            String at = "subscriptions[" + i + "]";
            SubscriptionRequest s = subscriptions.get(i);
            if (s == null) {
                throw new BadFieldException(at, "is empty");
            }
            if (s.eventTypes() != null) {
                for (int j = 0; j < s.eventTypes().size(); j++) {
                    if (!EVENT_TYPES.contains(s.eventTypes().get(j))) {
                        throw new BadFieldException(at + ".eventTypes[" + j + "]", "unknown event type '"
                                + s.eventTypes().get(j) + "'; one of " + EVENT_TYPES);
                    }
                }
            }
            if (s.clearingHouses() != null && s.clearingHouses().contains(null)) {
                throw new BadFieldException(at + ".clearingHouses", "holds an empty value");
            }
            if (s.minSeverity() == null) {
                throw new BadFieldException(at + ".minSeverity", "is required; one of " + Arrays.toString(
                        Severity.values()));
            }
            if (s.channels() == null || s.channels().isEmpty() || s.channels().contains(null)) {
                throw new BadFieldException(at + ".channels", "one or both of " + Arrays.toString(Channel.values()));
            }
        }
    }
}
