package io.raprelay.notifier.contact;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import io.raprelay.notifier.contact.ContactRequest.SubscriptionRequest;

/**
 * What a role receives, as operators send it ({@code PUT /api/role-subscriptions/{role}}).
 *
 * @param subscriptions
 *            1 to 50, as a contact's own
 */
public record RoleSubscriptionsRequest(
        @NotEmpty(message = "between 1 and 50 subscriptions") @Size(max = 50, message = "between 1 and 50 "
                + "subscriptions") List<@NotNull(message = "is empty") @Valid SubscriptionRequest> subscriptions) {
}
