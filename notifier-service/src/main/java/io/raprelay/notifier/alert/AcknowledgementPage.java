package io.raprelay.notifier.alert;

import java.time.Clock;

import jakarta.annotation.security.PermitAll;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.quarkus.logging.Log;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.raprelay.notifier.contact.Contact;

/**
 * The page behind the acknowledgement link in an alert's email ({@link AcknowledgementLinks}): no login, the signed
 * token is the permission. Opening the link only shows the alert and one button; the button (a POST) acknowledges it,
 * as the contact the email went to. (A GET that acknowledged would be triggered by the link scanners of mail
 * gateways, which open every link in a message: nobody would have seen the alert, yet its escalation would stop.)
 */
@Path("/ack")
@PermitAll
public class AcknowledgementPage {

    private final AcknowledgementLinks links;
    private final Template page;
    private final Clock clock;

    public AcknowledgementPage(AcknowledgementLinks links, @Location("acknowledge.html") Template page,
            Clock clock) {
        this.links = links;
        this.page = page;
        this.clock = clock;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Transactional
    public String show(@QueryParam("t") String token) {
        AcknowledgementLinks.Claim claim = verify(token);
        return render(AlertResource.find(claim.eventId()), token, false);
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    @Transactional
    public String acknowledge(@FormParam("t") String token) {
        AcknowledgementLinks.Claim claim = verify(token);
        RaisedAlert alert = AlertResource.find(claim.eventId());
        Contact contact = Contact.findById(claim.contactId());
        String by = contact == null
                ? "contact " + claim.contactId() + " (email link)"
                : contact.name + " <" + contact.email + "> (email link)";
        boolean now = alert.acknowledge(by, clock.instant());
        if (now) {
            Log.infof("Alert %s (%s) acknowledged by %s", alert.eventId, alert.titleEn, by);
        }
        return render(alert, token, now);
    }

    private AcknowledgementLinks.Claim verify(String token) {
        try {
            return links.verify(token);
        } catch (AcknowledgementLinks.InvalidLinkException e) {
            throw new WebApplicationException(e.getMessage(),
                    e.expired() ? Response.Status.GONE : Response.Status.FORBIDDEN);
        }
    }

    private String render(RaisedAlert alert, String token, boolean justNow) {
        return page.data("alert", alert).data("token", token).data("justNow", justNow)
                .data("raisedAt", Alert.HKT.format(alert.raisedAt))
                .data("acknowledgedAt", alert.acknowledgedAt == null ? "" : Alert.HKT.format(alert.acknowledgedAt))
                .render();
    }
}
