package io.raprelay.notifier.practice;

import java.time.Clock;
import java.time.LocalDate;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.Startup;
import io.raprelay.contracts.PracticeSessionStatus;

/**
 * {@code raprelay_notifier_practice_sessions_today{status}} on {@code /q/metrics}: how many practice sessions are
 * configured for today (Hong Kong) in each status, every status exported (at 0) from the start: a cancelled or
 * terminated drill shows on a dashboard next to the notices that said so.
 */
@Startup
@ApplicationScoped
public class PracticeMetrics {

    public PracticeMetrics(MeterRegistry registry, Clock clock) {
        for (PracticeSessionStatus status : PracticeSessionStatus.values()) {
            registry.gauge("raprelay.notifier.practice.sessions.today", Tags.of("status", status.name()), clock,
                    c -> today(status, LocalDate.ofInstant(c.instant(), PracticeRules.HONG_KONG)));
        }
    }

    private static long today(PracticeSessionStatus status, LocalDate today) {
        String query = status == PracticeSessionStatus.SCHEDULED // no status published yet: scheduled
                ? "sessionDate = ?1 and (status is null or status = ?2)"
                : "sessionDate = ?1 and status = ?2";
        return QuarkusTransaction.requiringNew().call(() -> ConfiguredSession.count(query, today, status.name()));
    }
}
