package io.raprelay.notifier.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.raprelay.contracts.Traces;
import io.raprelay.notifier.NotifierConfig;
import io.raprelay.notifier.contact.Channel;
import io.raprelay.notifier.contact.Contact;
import io.smallrye.common.annotation.Identifier;

/**
 * Delivers notifications and keeps the delivery log. Each attempt is recorded; a failed one is retried with a
 * doubling wait, and after {@code notifier.delivery.max-attempts} on one channel the notice goes out on the other
 * channel instead, saying so. A critical notice whose channels both failed is not given up: it is retried at most
 * every 15 minutes until it goes out (an SMTP server and SMS gateway both down must not lose it).
 * <p>
 * Deliveries run on threads of their own, never on a Vert.x context: the mail client calls back on the context that
 * sent, and a Kafka consumer or scheduler thread waiting for the send on that same context stalled until the timeout.
 * Before sending, an attempt claims its notification with a lease (a conditional update), so the consumer and the
 * retry sweep never send the same notification twice at once.
 */
@ApplicationScoped
public class DeliveryService {

    private static final Duration CRITICAL_RETRY_CAP = Duration.ofMinutes(15);

    private final EmailSender email;
    private final SmsGateway sms;
    private final NotifierConfig.Delivery config;
    private final Clock clock;
    private final ExecutorService senders;
    private final DeliveryMetrics metrics;
    private final Tracer tracer;

    public DeliveryService(EmailSender email, @Any Instance<SmsGateway> gateways, NotifierConfig config,
            Clock clock, DeliveryMetrics metrics, Tracer tracer) {
        this.email = email;
        this.tracer = tracer;
        this.metrics = metrics;
        String adapter = config.sms().adapter();
        if (!adapter.equals("http") && !adapter.equals("smpp")) {
            throw new IllegalStateException("notifier.sms.adapter is '" + adapter + "'; use http or smpp");
        }
        this.sms = gateways.select(Identifier.Literal.of(adapter)).get();
        this.config = config.delivery();
        this.clock = clock;
        AtomicInteger threads = new AtomicInteger();
        this.senders = Executors.newFixedThreadPool(4, r -> {
            Thread thread = new Thread(r, "delivery-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    private volatile boolean stopping;

    void onStop(@Observes ShutdownEvent event) {
        stopping = true; // the sweep must not run into a closing database
    }

    @PreDestroy
    void stop() {
        senders.shutdownNow();
    }

    /** Queues one attempt for a notification; returns at once. */
    public void submit(long notificationId) {
        senders.execute(() -> {
            try {
                deliver(notificationId);
            } catch (RuntimeException e) {
                Log.errorf(e, "Delivery of notification %d failed unexpectedly; the retry sweep takes it again",
                        notificationId);
            }
        });
    }

    @Scheduled(every = "{notifier.delivery.retry-check}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void retryDue() {
        if (stopping) {
            return;
        }
        List<Long> due = QuarkusTransaction.requiringNew().call(() -> Notification
                .<Notification>list("status = ?1 and nextAttemptAt <= ?2 order by nextAttemptAt",
                        Notification.Status.PENDING, clock.instant())
                .stream().map(n -> n.id).toList());
        due.forEach(this::submit);
    }

    /** One attempt for a pending, due notification that no other attempt holds (others are left alone). */
    void deliver(long notificationId) {
        Attempt attempt = QuarkusTransaction.requiringNew().call(() -> {
            Instant now = clock.instant();
            // The lease: only one attempt at a time gets a notification, until it records its outcome.
            int claimed = Notification.update(
                    "nextAttemptAt = ?1 where id = ?2 and status = ?3 and nextAttemptAt <= ?4",
                    now.plus(config.sendTimeout()).plusSeconds(30), notificationId, Notification.Status.PENDING,
                    now);
            if (claimed == 0) {
                return null;
            }
            Notification n = Notification.findById(notificationId);
            Contact contact = Contact.findById(n.contactId);
            // An SMS carries the subject line only; a fallback says why it comes by SMS.
            String subject = n.channel == Channel.SMS && n.fallbackOf != null
                    ? "[by SMS: email failed] " + n.subject
                    : n.subject;
            return new Attempt(n.id, n.channel, n.attempts + 1, n.channel == Channel.EMAIL
                    ? contact.email
                    : contact.mobile, subject, n.body, n.eventId, n.traceParent);
        });
        if (attempt == null) {
            return;
        }
        // The delivery is the last span of the trace that planned it (a report's: poll, archive, publish, alert).
        Span span = tracer.spanBuilder("rap.deliver").setSpanKind(SpanKind.CLIENT)
                .setParent(Traces.fromTraceparent(attempt.traceParent()))
                .setAttribute("rap.channel", attempt.channel().name())
                .setAttribute("rap.notification_id", attempt.notificationId())
                .setAttribute("rap.event_id", attempt.eventId())
                .setAttribute("rap.attempt", attempt.number()).startSpan();
        String providerId = null;
        String error = null;
        try (Scope scope = Traces.enter(span)) {
            providerId = attempt.channel() == Channel.EMAIL
                    ? email.send(attempt.notificationId(), attempt.number(), attempt.address(), attempt.subject(),
                            attempt.body())
                    : sms.send(attempt.address(), attempt.subject());
        } catch (DeliveryException e) {
            error = e.getMessage();
            Traces.failed(span, e);
        } finally {
            span.end();
        }
        metrics.attempted(attempt.channel(), error == null);
        record(attempt, providerId, error);
    }

    private record Attempt(long notificationId, Channel channel, int number, String address, String subject,
            String body, String eventId, String traceParent) {
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
                if ("CRITICAL".equals(n.severity)) {
                    // A critical notice is never given up while a channel may return: it stays due, at most every
                    // CRITICAL_RETRY_CAP, and the pending delivery shows in the delivery log and its age.
                    Duration wait = config.firstRetry().multipliedBy(1L << Math.min(n.attempts - 1, 10));
                    n.nextAttemptAt = now.plus(wait.compareTo(CRITICAL_RETRY_CAP) > 0 ? CRITICAL_RETRY_CAP : wait);
                    Log.errorf("Critical notification %d (%s to contact %d) still failing after %d attempts, next at "
                            + "%s: %s", n.id, n.channel, n.contactId, n.attempts, n.nextAttemptAt, error);
                    return null;
                }
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
            other.traceParent = n.traceParent;
            other.createdAt = now;
            other.updatedAt = now;
            other.persist();
            Log.warnf("Notification %d (%s to contact %d) falls back to %s as notification %d: %s", n.id, n.channel,
                    n.contactId, other.channel, other.id, error);
            return other.id;
        });
        if (fallback != null) {
            submit(fallback);
        }
    }
}
