package io.raprelay.notifier.delivery;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.quarkus.runtime.Startup;
import io.raprelay.notifier.NotifierConfig;
import io.vertx.ext.mail.mailencoder.EmailAddress;

/**
 * Email through Quarkus Mailer (SMTP); the Message-ID it sets is the delivery log's provider id. Created at start, so
 * that a sender address the mail client would refuse stops the start instead of failing every email.
 */
@Startup
@ApplicationScoped
public class EmailSender {

    private final ReactiveMailer mailer;
    private final String from;
    private final Duration timeout;

    public EmailSender(ReactiveMailer mailer, NotifierConfig config) {
        this.mailer = mailer;
        this.from = checkedFrom(config.delivery().from());
        this.timeout = config.delivery().sendTimeout();
    }

    /** The sender address as the mail client parses it (a display name with parentheses, say, is refused). */
    static String checkedFrom(String from) {
        try {
            new EmailAddress(from);
            return from;
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("notifier.delivery.from '" + from + "' is not an address the mail "
                    + "client accepts (" + e.getMessage() + "); write it as: RAP Relay <rap-relay@example.hk>", e);
        }
    }

    /** Sends and returns the Message-ID; throws {@link DeliveryException} when the SMTP server refused or is down. */
    public String send(long notificationId, int attempt, String to, String subject, String body) {
        String messageId = "<notification-" + notificationId + "." + attempt + "@rap-relay>";
        try {
            // Bounded: an SMTP server that stops answering must not hold the consumer (the blocking Mailer waits
            // forever); a timeout is a failed attempt, retried and then falling back to SMS.
            mailer.send(Mail.withText(to, subject, body).setFrom(from).addHeader("Message-ID", messageId)).await()
                    .atMost(timeout);
        } catch (RuntimeException e) {
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            throw new DeliveryException("SMTP: " + root.getClass().getSimpleName() + ": " + root.getMessage(), e);
        }
        return messageId;
    }
}
