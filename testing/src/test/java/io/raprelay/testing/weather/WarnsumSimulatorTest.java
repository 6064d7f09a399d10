package io.raprelay.testing.weather;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WarnsumSimulatorTest {

    /** A clock the test moves by hand. */
    private static final class ManualClock extends Clock {
        Instant now = Instant.parse("2025-06-21T06:00:00Z");

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void aScriptIsServedStepByStepOverHttp(@TempDir Path dir) throws Exception {
        Path script = dir.resolve("typhoon.json");
        Files.writeString(script, """
                {"steps": [
                  {"after": "PT0S", "warnsum": {}},
                  {"after": "PT1H", "warnsum": {"WTCSGNL": {"name": "Tropical Cyclone Warning Signal", "code": "TC8NE",
                      "actionCode": "ISSUE", "issueTime": "2025-06-21T15:10:00+08:00"}}}]}""");
        ManualClock clock = new ManualClock();
        try (WarnsumSimulator simulator = new WarnsumSimulator(0, clock)) {
            simulator.play(WarnsumSimulator.readScript(script));
            assertThat(get(simulator)).isEqualTo("{}");
            clock.now = clock.now.plus(Duration.ofMinutes(61));
            assertThat(get(simulator)).contains("\"code\":\"TC8NE\"");

            simulator.fail(503);
            HttpResponse<String> down = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(simulator.url())).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(down.statusCode()).isEqualTo(503);
            simulator.serve("{}");
            assertThat(get(simulator)).isEqualTo("{}");
        }
    }

    @Test
    void aBrokenScriptIsRefusedNamingTheStep(@TempDir Path dir) throws Exception {
        Path script = dir.resolve("bad.json");
        Files.writeString(script, "{\"steps\": [{\"after\": \"PT0S\", \"warnsum\": []}]}");
        assertThatThrownBy(() -> WarnsumSimulator.readScript(script)).hasMessageContaining("steps[0].warnsum");
    }

    private static String get(WarnsumSimulator simulator) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(simulator.url())).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }
}
