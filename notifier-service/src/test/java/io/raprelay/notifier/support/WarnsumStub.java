package io.raprelay.notifier.support;

import java.time.Clock;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.raprelay.testing.weather.WarnsumSimulator;

/** Runs the testing module's warnsum simulator and points the notifier at it; tests script it through here. */
public class WarnsumStub implements QuarkusTestResourceLifecycleManager {

    private static volatile WarnsumSimulator simulator;

    @Override
    public Map<String, String> start() {
        simulator = new WarnsumSimulator(0, Clock.systemUTC());
        return Map.of("notifier.weather.url", simulator.url());
    }

    /** Serves this warnsum document from now on. */
    public static void serve(String warnsum) {
        simulator.serve(warnsum);
    }

    /** Answers with this HTTP status until {@link #serve} is called again. */
    public static void fail(int status) {
        simulator.fail(status);
    }

    @Override
    public void stop() {
        if (simulator != null) {
            simulator.close();
        }
    }
}
