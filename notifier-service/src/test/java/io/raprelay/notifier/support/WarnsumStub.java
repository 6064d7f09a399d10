package io.raprelay.notifier.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import com.sun.net.httpserver.HttpServer;

/**
 * A stand-in for HKO's warnsum endpoint on loopback: serves whatever JSON (and status) the test scripts, in HKO's
 * shape. Also the test resource that points the notifier at it.
 */
public class WarnsumStub implements QuarkusTestResourceLifecycleManager {

    /** What the next request gets. */
    public static volatile String body = "{}";
    public static volatile int status = 200;
    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/warnsum", exchange -> {
            byte[] answer = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
            exchange.sendResponseHeaders(status, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
        return Map.of("notifier.weather.url", "http://127.0.0.1:" + server.getAddress().getPort() + "/warnsum");
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }
}
