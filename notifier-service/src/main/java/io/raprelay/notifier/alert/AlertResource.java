package io.raprelay.notifier.alert;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import io.quarkus.logging.Log;
import io.quarkus.security.identity.SecurityIdentity;
import io.raprelay.notifier.BadFieldException;

/**
 * The alerts raised one by one (failures, failovers, switches, overdue reports, altered archives ...), and their
 * acknowledgement: an acknowledged alert escalates no further, and the repeats of the same failure are held back for
 * {@code notifier.acknowledgement.holds-for}. Contacts can also acknowledge from the signed link in the email
 * ({@link AcknowledgementPage}).
 */
@Path("/api/alerts")
@Produces(MediaType.APPLICATION_JSON)
public class AlertResource {

    /**
     * @param escalatedTier
     *            1: only the contacts the routing chose were told; 2, 3 ...: the escalation tiers told so far
     * @param coveredBy
     *            a repeat held back by an earlier acknowledgement: that alert's event id
     */
    public record AlertView(String eventId, String eventType, String severity, String title, Instant raisedAt,
            boolean sent, Instant acknowledgedAt, String acknowledgedBy, String coveredBy, Instant resolvedAt,
            int escalatedTier) {

        static AlertView of(RaisedAlert a) {
            return new AlertView(a.eventId, a.eventType, a.severity, a.titleEn, a.raisedAt, a.sent, a.acknowledgedAt,
                    a.acknowledgedBy, a.coveredBy, a.resolvedAt, a.escalatedTier);
        }
    }

    private final SecurityIdentity identity;
    private final Clock clock;

    public AlertResource(SecurityIdentity identity, Clock clock) {
        this.identity = identity;
        this.clock = clock;
    }

    /** The latest alerts first; {@code open=true}: only those sent and neither acknowledged nor resolved. */
    @GET
    @RolesAllowed({"operator", "admin", "auditor"})
    @Transactional
    public List<AlertView> list(@QueryParam("open") @DefaultValue("false") boolean open,
            @QueryParam("limit") @DefaultValue("100") int limit) {
        if (limit < 1 || limit > 1000) {
            throw new BadFieldException("limit", "must be 1 to 1000");
        }
        return RaisedAlert.<RaisedAlert>find(open
                ? "sent = true and acknowledgedAt is null and resolvedAt is null order by raisedAt desc"
                : "order by raisedAt desc").page(0, limit).list().stream().map(AlertView::of).toList();
    }

    @GET
    @Path("/{eventId}")
    @RolesAllowed({"operator", "admin", "auditor"})
    @Transactional
    public AlertView get(@PathParam("eventId") String eventId) {
        return AlertView.of(find(eventId));
    }

    /** Acknowledges the alert as the caller (again: nothing changes, the first acknowledgement stands). */
    @POST
    @Path("/{eventId}/acknowledgement")
    @RolesAllowed({"operator", "admin"})
    @Transactional
    public AlertView acknowledge(@PathParam("eventId") String eventId) {
        RaisedAlert alert = find(eventId);
        if (alert.acknowledge(identity.getPrincipal().getName(), clock.instant())) {
            Log.infof("Alert %s (%s) acknowledged by %s", alert.eventId, alert.titleEn, alert.acknowledgedBy);
        }
        return AlertView.of(alert);
    }

    static RaisedAlert find(String eventId) {
        RaisedAlert alert = eventId.length() > 128 ? null : RaisedAlert.findById(eventId);
        if (alert == null) {
            throw new NotFoundException("No alert raised by event " + eventId);
        }
        return alert;
    }
}
