package io.raprelay.fetcher.practice;

import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.raprelay.contracts.DataCentre;
import io.raprelay.contracts.Topics;

/**
 * Readiness {@code practice-schedule}: DOWN until the practice schedule is read (no file is fetched before); its data
 * name the session that makes downloads from the secondary data centre practice downloads now, if any.
 */
@Readiness
@ApplicationScoped
public class PracticeScheduleHealthCheck implements HealthCheck {

    private final PracticeCalendar calendar;
    private final Clock clock;

    PracticeScheduleHealthCheck(PracticeCalendar calendar, Clock clock) {
        this.calendar = calendar;
        this.clock = clock;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("practice-schedule").status(calendar.known())
                .withData("topic", Topics.PRACTICE_SCHEDULE).withData("sessions", calendar.sessions().size())
                .withData("secondaryIsPracticeNow", calendar.sessionAt(clock.instant(), DataCentre.SECONDARY)
                        .orElse("no"))
                .build();
    }
}
