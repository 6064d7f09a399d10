package io.raprelay.notifier.delivery;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import io.raprelay.notifier.NotifierConfig;
import io.raprelay.notifier.contact.Contact;

/**
 * Delivers notifications and keeps the delivery log. Each attempt is recorded; a failed one is retried with a
 * doubling wait, and after {@code notifier.delivery.max-attempts} on one channel the notice goes out on the other
 * channel instead, saying so.
 */
@ApplicationScoped
public class DeliveryService {

    private final EmailSender email;
    private final SmsGateway sms;
    private final NotifierConfig.Delivery config;
    private final Clock clock;

    public DeliveryService(EmailSender email, SmsGateway sms, NotifierConfig config, Clock clock) {
        this.email = email;
        this.sms = sms;
        this.config = config.delivery();
        this.clock = clock;
    }

    @Scheduled(every = "{notifier.delivery.retry-check}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void retryDue() {
        List<Long> due = QuarkusTransaction.requiringNew().call(() -> Notification
                .<Notification>list("status = ?1 and nextAttemptAt <= ?2 order by nextAttemptAt",
                        Notification.Status.PENDING, clock.instant())
                .stream().map(n -> n.id).toList());
        due.forEach(this::deliver);
    }

    /** One attempt for a pending notification (others are left alone). */
    public void deliver(long notificationId) {
        Attempt attempt = QuarkusTransaction.requiringNew().call(() -> {
            Notification n = Notification.findById(notificationId);
            if (n == null || n.status != Notification.Status.PENDING) {
                return null;
            }
            Contact contact = Contact.findById(n.contactId);
            // An SMS carries the subject line only; a fallback says why it comes by SMS.
            String subject = n.channel == Channel.SMS && n.fallbackOf != null
                    ? "[by SMS: email failed] " + n.subject
                    : n.subject;
            return new Attempt(n.id, n.channel, n.attempts + 1, n.channel == Channel.EMAIL
                    ? contact.email
                    : contact.mobile, subject, n.body);
        });
        if (attempt == null) {
            return;
        }
        String providerId = null;
        String error = null;
        try {
            providerId = attempt.channel() == Channel.EMAIL
                    ? email.send(attempt.notificationId(), attempt.number(), attempt.address(), attempt.subject(),
                            attempt.body())
                    : sms.send(attempt.address(), attempt.subject());
        } catch (DeliveryException e) {
            error = e.getMessage();
        }
        record(attempt, providerId, error);
    }

    private record Attempt(long notificationId, Channel channel, int number, String address, String subject,
            String body) {
    }

    private void record(Attempt attempt, String providerId, String error) {
        Long fallback = QuarkusTransaction.requiringNew().call(() -> {
            Instant now = clock.instant();
            DeliveryAttempt log = new DeliveryAttempt();
            log.notificationId = attempt.notificationId();
            log.attemptedAt = now;
            log.outcome = error == null ? "SENT" : "FAILED";
            log.providerMessageId = providerId;
            log.error = error == null ? null : error.length() > 2000 ? error.substring(0, 2000) : error;
            log.persist();
            Notification n = Notification.findById(attempt.notificationId());
            n.attempts = attempt.number();
            n.updatedAt = now;
            if (error == null) {
                n.status = Notification.Status.SENT;
                n.nextAttemptAt = null;
                return null;
            }
            if (n.attempts < config.maxAttempts()) {
                n.nextAttemptAt = now.plus(config.firstRetry().multipliedBy(1L << Math.min(n.attempts - 1, 10)));
                Log.warnf("Notification %d (%s to contact %d) failed, attempt %d of %d, retry at %s: %s", n.id,
                        n.channel, n.contactId, n.attempts, config.maxAttempts(), n.nextAttemptAt, error);
                return null;
            }
            n.nextAttemptAt = null;
            if (n.fallbackOf != null || Notification.count("eventId = ?1 and contactId = ?2 and channel = ?3",
                    n.eventId, n.contactId, n.channel.other()) > 0) {
                n.status = Notification.Status.FAILED; // the other channel was tried (or is already in use)
                Log.errorf("Notification %d (%s to contact %d) gave up after %d attempts: %s", n.id, n.channel,
                        n.contactId, n.attempts, error);
                return null;
            }
            n.status = Notification.Status.FALLEN_BACK;
            Notification other = new Notification();
            other.eventId = n.eventId;
            other.eventType = n.eventType;
            other.contactId = n.contactId;
            other.channel = n.channel.other();
            other.severity = n.severity;
            other.subject = n.subject;
            other.body = "Sent by " + other.channel + " because " + n.channel + " failed " + n.attempts
                    + " times (" + error + ").\n\n" + n.body;
            other.status = Notification.Status.PENDING;
            other.nextAttemptAt = now;
            other.fallbackOf = n.id;
            other.createdAt = now;
            other.updatedAt = now;
            other.persist();
            Log.warnf("Notification %d (%s to contact %d) falls back to %s as notification %d: %s", n.id, n.channel,
                    n.contactId, other.channel, other.id, error);
            return other.id;
        });
        if (fallback != null) {
            deliver(fallback);
        }
    }
}
