package io.raprelay.simulator.admin;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.Executors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.raprelay.contracts.DataCentre;
import io.raprelay.contracts.Installation;
import io.raprelay.simulator.RapSimulator;
import io.raprelay.simulator.host.AccountKeys;
import io.raprelay.simulator.host.RapHost;
import io.raprelay.simulator.report.HostileEntry;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The simulator's admin HTTP API (JSON), for rehearsals and end-to-end tests: host status, fault switches, report
 * publishing and the SFTP operation log. Routes are listed in the module README. Binds to loopback only.
 */
public final class AdminApi implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AdminApi.class);

    private final RapSimulator simulator;
    private final HttpServer server;
    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(SerializationFeature.INDENT_OUTPUT);

    public AdminApi(RapSimulator simulator, String bindAddress, int port) {
        this.simulator = simulator;
        try {
            server = HttpServer.create(new InetSocketAddress(bindAddress, port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open admin API on port " + port, e);
        }
        server.setExecutor(Executors.newFixedThreadPool(2));
        server.createContext("/", this::handle);
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        // Not try-with-resources: the exchange must stay open for the error responses of the catch blocks.
        try {
            Object body = route(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    query(exchange.getRequestURI().getRawQuery()));
            if (body instanceof String text) {
                send(exchange, 200, "text/plain; charset=utf-8", text.getBytes(StandardCharsets.UTF_8));
            } else {
                send(exchange, 200, "application/json", json.writeValueAsBytes(body));
            }
        } catch (NoSuchElementException e) {
            problem(exchange, 404, e.getMessage());
        } catch (IllegalArgumentException | DateTimeException e) {
            problem(exchange, 400, e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("Admin request {} {} failed", exchange.getRequestMethod(), exchange.getRequestURI(), e);
            problem(exchange, 500, e.toString());
        } finally {
            exchange.close();
        }
    }

    private Object route(String method, String path, Map<String, String> q) {
        String[] p = path.replaceAll("^/+|/+$", "").split("/");
        if (method.equals("GET") && path.equals("/api/hosts")) {
            return simulator.hosts().stream().map(AdminApi::status).toList();
        }
        if (method.equals("GET") && path.equals("/api/known_hosts")) {
            return read(simulator.knownHostsFile());
        }
        if (method.equals("GET") && path.equals("/api/operations")) {
            return simulator.operations().all().stream()
                    .filter(o -> !q.containsKey("user") || q.get("user").equals(o.user()))
                    .filter(o -> !q.containsKey("host") || q.get("host").equals(o.host()))
                    .toList();
        }
        if (!method.equals("POST")) {
            throw new NoSuchElementException("No route " + method + " " + path);
        }
        if (p.length == 4 && p[1].equals("hosts")) {
            RapHost host = simulator.host(p[2]);
            switch (p[3]) {
                case "stop" -> host.stop();
                case "start" -> host.start();
                case "drop-connections" -> host.dropConnections();
                case "rotate-host-key" -> simulator.rotateHostKey(host.name(),
                        Boolean.parseBoolean(q.getOrDefault("update-known-hosts", "false")));
                case "refuse-login" -> host.refuseLogins(true);
                case "accept-login" -> host.refuseLogins(false);
                case "stall" -> host.stall().arm(Long.parseLong(required(q, "after-bytes")));
                case "stall-listings" -> host.stall().armListings();
                case "release" -> host.stall().release();
                default -> throw new NoSuchElementException("No host action " + p[3]);
            }
            return status(host);
        }
        if (p.length == 5 && p[1].equals("data-centres")) {
            Installation installation = Installation.valueOf(p[2].toUpperCase());
            DataCentre dataCentre = DataCentre.valueOf(p[3].toUpperCase());
            switch (p[4]) {
                case "stop" -> simulator.stopDataCentre(installation, dataCentre);
                case "start" -> simulator.startDataCentre(installation, dataCentre);
                default -> throw new NoSuchElementException("No data-centre action " + p[4]);
            }
            return simulator.hosts().stream().map(AdminApi::status).toList();
        }
        if (p.length == 3 && p[1].equals("practice") && method.equals("POST")) {
            return switch (p[2]) {
                case "start" -> simulator.startPractice(LocalDate.parse(required(q, "date"))).stream()
                        .map(Object::toString).toList();
                case "stop" -> {
                    simulator.stopPractice();
                    yield simulator.hosts().stream().map(AdminApi::status).toList();
                }
                default -> throw new NoSuchElementException("No practice action " + p[2]);
            };
        }
        if (p.length == 4 && p[1].equals("days") && p[3].equals("publish")) {
            return simulator.generator().publishDay(LocalDate.parse(p[2])).stream().map(Object::toString).toList();
        }
        if (p.length == 3 && p[1].equals("reports")) {
            String account = required(q, "account");
            return switch (p[2]) {
                case "reissue" -> simulator.generator().reissue(account, required(q, "path")).toString();
                case "zero-byte" -> simulator.generator().publishZeroByte(account, required(q, "path")).toString();
                case "slow" -> simulator.generator().writeSlowly(account, required(q, "path"),
                        Integer.parseInt(q.getOrDefault("size", "100000")),
                        Duration.ofSeconds(Long.parseLong(q.getOrDefault("seconds", "10")))).toString();
                case "hostile" -> simulator.generator().publishHostile(account, LocalDate.parse(required(q, "date")),
                        HostileEntry.valueOf(required(q, "kind").toUpperCase())).toString();
                default -> throw new NoSuchElementException("No report action " + p[2]);
            };
        }
        throw new NoSuchElementException("No route " + method + " " + path);
    }

    private static Map<String, Object> status(RapHost host) {
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("name", host.name());
        status.put("installation", host.address().installation());
        status.put("dataCentre", host.address().dataCentre());
        status.put("port", host.port());
        status.put("running", host.isRunning());
        status.put("refusingLogins", host.isRefusingLogins());
        status.put("stalled", host.stall().isArmed());
        status.put("hostKeyFingerprint", AccountKeys.fingerprint(host.hostKey()));
        return status;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String required(Map<String, String> q, String name) {
        String value = q.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("Missing query parameter '" + name + "'");
        }
        return value;
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> q = new LinkedHashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                q.put(key, value);
            }
        }
        return q;
    }

    private void problem(HttpExchange exchange, int status, String detail) throws IOException {
        Map<String, Object> problem = Map.of("status", status, "title", status == 404
                ? "Not Found"
                : status == 400
                        ? "Bad Request"
                        : "Internal Server Error",
                "detail", String.valueOf(detail));
        send(exchange, status, "application/problem+json", json.writeValueAsBytes(problem));
    }

    private static void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
