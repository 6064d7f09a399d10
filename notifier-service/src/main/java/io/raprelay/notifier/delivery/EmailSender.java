package io.raprelay.notifier.delivery;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.raprelay.notifier.NotifierConfig;

/** Email through Quarkus Mailer (SMTP); the Message-ID it sets is the delivery log's provider id. */
@ApplicationScoped
public class EmailSender {

    private final ReactiveMailer mailer;
    private final String from;
    private final Duration timeout;

    public EmailSender(ReactiveMailer mailer, NotifierConfig config) {
        this.mailer = mailer;
        this.from = config.delivery().from();
        this.timeout = config.delivery().sendTimeout();
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
