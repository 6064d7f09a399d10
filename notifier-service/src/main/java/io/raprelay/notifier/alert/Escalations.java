package io.raprelay.notifier.alert;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import io.raprelay.notifier.contact.Severity;
import io.raprelay.notifier.delivery.DeliveryService;

/**
 * Escalates the alerts nobody acknowledged: once a tier's delay has passed since an alert was raised, the tier's
 * contacts are told ({@link NotificationPlanner#escalate}), tier after tier, until someone acknowledges it, it
 * is resolved, or the last tier was told. The tier reached is recorded with its notifications in one transaction, so
 * a restart neither loses nor repeats an escalation.
 */
@ApplicationScoped
public class Escalations {

    private final NotificationPlanner planner;
    private final DeliveryService delivery;
    private final Clock clock;

    public Escalations(NotificationPlanner planner, DeliveryService delivery, Clock clock) {
        this.planner = planner;
        this.delivery = delivery;
        this.clock = clock;
    }

    @Scheduled(every = "{notifier.escalation.check}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        try {
            check();
        } catch (RuntimeException e) {
            // Nothing is recorded for an escalation not planned: the next check plans it.
            Log.warnf("Escalations not planned (%s); tried again at the next check", e.getMessage());
        }
    }

    /** Plans the escalations due now; returns the notifications to send. */
    public List<Long> check() {
        Instant now = clock.instant();
        List<Long> planned = QuarkusTransaction.requiringNew().call(() -> {
            List<Long> ids = new ArrayList<>();
            Map<String, Optional<EscalationPolicy>> policies = new HashMap<>();
            for (RaisedAlert alert : RaisedAlert.<RaisedAlert>list("escalationDone = false order by raisedAt")) {
                EscalationPolicy policy = policies.computeIfAbsent(alert.eventType,
                        type -> EscalationPolicy.<EscalationPolicy>findByIdOptional(type)).orElse(null);
                if (alert.acknowledgedAt != null || alert.resolvedAt != null || !alert.sent || policy == null
                        || policy.steps.isEmpty()
                        || Severity.valueOf(alert.severity).compareTo(policy.minSeverity) < 0) {
                    alert.escalationDone = true;
                    continue;
                }
                List<EscalationPolicy.Tier> tiers = policy.tiers();
                for (EscalationPolicy.Tier tier : tiers) {
                    if (tier.tier() > alert.escalatedTier && !alert.raisedAt.plus(tier.after()).isAfter(now)) {
                        ids.addAll(planner.escalate(alert, tier));
                        alert.escalatedTier = tier.tier();
                        Log.warnf("Alert %s (%s) not acknowledged after %s: escalated to tier %d (contacts %s, "
                                + "roles %s)", alert.eventId, alert.titleEn, tier.after(), tier.tier(),
                                tier.contactIds(), tier.roles());
                    }
                }
                alert.escalationDone = alert.escalatedTier >= tiers.get(tiers.size() - 1).tier();
            }
            return ids;
        });
        planned.forEach(delivery::submit);
        return planned;
    }
}
