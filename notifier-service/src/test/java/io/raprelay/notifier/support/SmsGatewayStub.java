package io.raprelay.notifier.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;

/**
 * A real HTTP SMS aggregator on loopback, as far as the notifier can tell: it takes the JSON POST, records it, and
 * answers with a message id (or with 503 while {@link #failing} is set).
 */
public final class SmsGatewayStub {

    private final HttpServer server;
    private final List<String> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger ids = new AtomicInteger();
    public volatile boolean failing;

    /** A new gateway on a free loopback port. */
    public static SmsGatewayStub start() {
        try {
            return new SmsGatewayStub();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private SmsGatewayStub() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/sms", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                byte[] answer;
                int status;
                if (failing) {
                    status = 503;
                    answer = "{\"error\":\"unavailable\"}".getBytes(StandardCharsets.UTF_8);
                } else {
                    received.add(body);
                    status = 200;
                    answer = ("{\"messageId\":\"sms-" + ids.incrementAndGet() + "\"}")
                            .getBytes(StandardCharsets.UTF_8);
                }
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(status, answer.length);
                exchange.getResponseBody().write(answer);
            } finally {
                exchange.close();
            }
        });
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/sms";
    }

    /** The JSON bodies of the messages accepted so far. */
    public List<String> received() {
        return received;
    }

    public void stop() {
        server.stop(0);
    }
}
