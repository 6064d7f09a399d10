package io.raprelay.notifier;

import java.time.Clock;
import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import io.quarkus.arc.DefaultBean;
import io.quarkus.logging.Log;
import io.raprelay.contracts.EventCodec;

/** The notifier's plain-Java collaborators. */
@ApplicationScoped
public class NotifierBeans {

    @Produces
    @ApplicationScoped
    EventCodec eventCodec() {
        return new EventCodec();
    }

    @Produces
    @DefaultBean
    @ApplicationScoped
    Clock clock(NotifierConfig config) {
        Clock system = Clock.systemUTC();
        return config.clockStartsAt().map(start -> {
            Log.warnf("notifier.clock-starts-at is set: the clock starts at %s (rehearsal or test only)", start);
            return Clock.offset(system, Duration.between(system.instant(), start.toInstant()));
        }).orElse(system);
    }
}
