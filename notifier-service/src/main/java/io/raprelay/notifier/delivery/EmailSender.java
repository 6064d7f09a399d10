package io.raprelay.notifier.delivery;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.Mailer;
import io.raprelay.notifier.NotifierConfig;

/** Email through Quarkus Mailer (SMTP); the Message-ID it sets is the delivery log's provider id. */
@ApplicationScoped
public class EmailSender {

    private final Mailer mailer;
    private final String from;

    public EmailSender(Mailer mailer, NotifierConfig config) {
        this.mailer = mailer;
        this.from = config.delivery().from();
    }

    /** Sends and returns the Message-ID; throws {@link DeliveryException} when the SMTP server refused or is down. */
    public String send(long notificationId, int attempt, String to, String subject, String body) {
        String messageId = "<notification-" + notificationId + "." + attempt + "@rap-relay>";
        try {
            mailer.send(Mail.withText(to, subject, body).setFrom(from).addHeader("Message-ID", messageId));
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
