package io.raprelay.notifier.practice;

import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.raprelay.notifier.weather.WeatherService;

/**
 * Runs the practice-session rules every {@code notifier.practice.check}, from the application's start to its stop.
 * Separate from {@link PracticeSessionService} because the scheduler fires its first run while the application is
 * still starting: creating the service then, before Reactive Messaging has connected its emitter, failed with
 * SRMSG00019. The service is looked up only once the start is complete.
 */
@ApplicationScoped
class PracticeSessionTicker {

    private final Instance<PracticeSessionService> sessions;
    private final WeatherService weather;
    private final Clock clock;
    private volatile boolean running;

    PracticeSessionTicker(Instance<PracticeSessionService> sessions, WeatherService weather, Clock clock) {
        this.sessions = sessions;
        this.weather = weather;
        this.clock = clock;
    }

    /** Runs after Reactive Messaging's own start observer (it observes at a library priority). */
    void onStart(@Observes StartupEvent event) {
        running = true;
    }

    void onStop(@Observes ShutdownEvent event) {
        running = false;
    }

    /** Not before the weather feed has been read once since the start: a decision then would rest on old weather. */
    @Scheduled(every = "{notifier.practice.check}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        if (running && weather.ready()) {
            sessions.get().check(clock.instant());
        }
    }
}
