package io.raprelay.testing.weather;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

/**
 * Serves HKO's warning summary ({@code GET /warnsum}, the JSON object keyed by warning statement) from a scripted
 * timeline, for tests and the local run. A script is a list of steps, each a warnsum document and when it starts to be
 * served, counted from the simulator's start ({@code after}, an ISO-8601 duration such as {@code PT2M}); a test may
 * also serve one document (or an error status) directly.
 */
public final class WarnsumSimulator implements AutoCloseable {

    /** One step of a script: from {@code after} the start on, this document is served. */
    public record Step(Duration after, String warnsum) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final Clock clock;
    private final Instant started;
    private volatile List<Step> script = List.of(new Step(Duration.ZERO, "{}"));
    private volatile int status = 200;

    public WarnsumSimulator(int port, Clock clock) {
        this.clock = clock;
        this.started = clock.instant();
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot listen on port " + port, e);
        }
        server.createContext("/warnsum", exchange -> {
            byte[] answer = (status == 200 ? current() : "{\"error\":\"unavailable\"}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
            exchange.sendResponseHeaders(status, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
    }

    /** Reads a script: {@code {"steps": [{"after": "PT0S", "warnsum": {...}}, ...]}}. */
    public static List<Step> readScript(Path file) throws IOException {
        JsonNode steps = JSON.readTree(Files.readString(file)).path("steps");
        if (!steps.isArray() || steps.isEmpty()) {
            throw new IllegalArgumentException(file + ": steps[] is missing or empty");
        }
        List<Step> script = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            JsonNode step = steps.get(i);
            if (!step.path("warnsum").isObject()) {
                throw new IllegalArgumentException(file + ": steps[" + i + "].warnsum is not a JSON object");
            }
            script.add(new Step(Duration.parse(step.path("after").asText("PT0S")), step.get("warnsum").toString()));
        }
        return script;
    }

    /** Replaces the script (times count from the simulator's start). */
    public void play(List<Step> steps) {
        this.script = steps.stream().sorted(Comparator.comparing(Step::after)).toList();
        this.status = 200;
    }

    /** Serves one document from now on. */
    public void serve(String warnsum) {
        play(List.of(new Step(Duration.ZERO, warnsum)));
    }

    /** Answers every request with this HTTP status (200 serves the script again). */
    public void fail(int httpStatus) {
        this.status = httpStatus;
    }

    /** The document served now: the last step whose time has come. */
    public String current() {
        Duration elapsed = Duration.between(started, clock.instant());
        String document = "{}";
        for (Step step : script) {
            if (step.after().compareTo(elapsed) <= 0) {
                document = step.warnsum();
            }
        }
        return document;
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/warnsum";
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
