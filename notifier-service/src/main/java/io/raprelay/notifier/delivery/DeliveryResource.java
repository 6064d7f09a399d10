package io.raprelay.notifier.delivery;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import io.raprelay.notifier.BadFieldException;
import io.raprelay.notifier.contact.Channel;

/** The delivery log: every notification with every attempt (status, provider message id, error). */
@Path("/api/deliveries")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({"operator", "admin", "auditor"})
public class DeliveryResource {

    static final int MAX_LIMIT = 500;
    private static final Pattern EVENT_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    public record AttemptView(Instant attemptedAt, String outcome, String providerMessageId, String error) {
    }

    public record NotificationView(long id, String eventId, String eventType, long contactId, Channel channel,
            String severity, String subject, Notification.Status status, int attempts, Instant nextAttemptAt,
            Long fallbackOf, Instant createdAt, List<AttemptView> deliveryAttempts) {
    }

    @GET
    @Transactional
    public List<NotificationView> list(@QueryParam("eventId") String eventId,
            @QueryParam("contactId") String contactId, @QueryParam("limit") String limit) {
        StringBuilder where = new StringBuilder("1 = 1");
        Map<String, Object> params = new java.util.HashMap<>();
        if (eventId != null && !eventId.isBlank()) {
            if (!EVENT_ID.matcher(eventId).matches()) {
                throw new BadFieldException("eventId", "does not match " + EVENT_ID.pattern());
            }
            where.append(" and eventId = :eventId");
            params.put("eventId", eventId);
        }
        if (contactId != null && !contactId.isBlank()) {
            try {
                params.put("contactId", Long.parseLong(contactId));
            } catch (NumberFormatException e) {
                throw new BadFieldException("contactId", "'" + contactId + "' is not a number");
            }
            where.append(" and contactId = :contactId");
        }
        int max = 100;
        if (limit != null && !limit.isBlank()) {
            try {
                max = Integer.parseInt(limit);
            } catch (NumberFormatException e) {
                throw new BadFieldException("limit", "'" + limit + "' is not a number");
            }
            if (max < 1 || max > MAX_LIMIT) {
                throw new BadFieldException("limit", "must be between 1 and " + MAX_LIMIT);
            }
        }
        List<NotificationView> views = new ArrayList<>();
        for (Notification n : Notification.<Notification>find(where + " order by id desc", params).page(0, max)
                .list()) {
            List<AttemptView> attempts = DeliveryAttempt.<DeliveryAttempt>list("notificationId = ?1 order by id",
                    n.id).stream().map(a -> new AttemptView(a.attemptedAt, a.outcome, a.providerMessageId, a.error))
                    .toList();
            views.add(new NotificationView(n.id, n.eventId, n.eventType, n.contactId, n.channel, n.severity,
                    n.subject, n.status, n.attempts, n.nextAttemptAt, n.fallbackOf, n.createdAt, attempts));
        }
        return views;
    }
}
