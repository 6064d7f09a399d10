package io.raprelay.testing.mail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The local outbox: an SMTP server (GreenMail) whose mail a person can read, and an SMS aggregator's JSON endpoint
 * whose messages show beside it. Every email received is written to a folder as {@code NNNN.eml}; a small web page
 * lists mail and SMS ({@code /}), with {@code /messages} as JSON (time, from, to, subject, text),
 * {@code /messages/N.eml} raw, {@code POST /sms} taking an SMS ({@code {"to", "from", "text"}}, answering
 * {@code {"messageId"}}, as the notifier's HTTP adapter sends it) and {@code GET /sms} listing them. For the local run
 * and the end-to-end tests; it accepts any sender and recipient and keeps everything in memory until it stops.
 */
public final class MailServer implements AutoCloseable {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One received message, as the web page and the JSON show it. */
    public record Mail(int number, String receivedAt, String from, List<String> to, String subject, String text) {
    }

    /** One SMS taken by {@code POST /sms}. */
    public record Sms(int number, String receivedAt, String from, String to, String text) {
    }

    private final GreenMail greenMail;
    private final HttpServer http;
    private final Path folder;
    private final ScheduledExecutorService writer;
    private int written;
    /** Files of earlier runs in the folder are kept: new ones are numbered after them. */
    private final int earlierFiles;
    private final List<Sms> sms = new CopyOnWriteArrayList<>();

    public MailServer(int smtpPort, int httpPort, Path folder) throws IOException {
        this.folder = Files.createDirectories(folder);
        try (var files = Files.list(this.folder)) {
            earlierFiles = (int) files.filter(f -> f.getFileName().toString().matches("\\d+\\.eml")).count();
        }
        greenMail = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        greenMail.start();
        http = HttpServer.create(new InetSocketAddress("127.0.0.1", httpPort), 0);
        http.createContext("/", this::handle);
        http.start();
        writer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "mail-folder-writer");
            thread.setDaemon(true);
            return thread;
        });
        writer.scheduleWithFixedDelay(this::writeNewMessages, 0, 500, TimeUnit.MILLISECONDS);
    }

    public int smtpPort() {
        return greenMail.getSmtp().getPort();
    }

    /** The viewer's address, e.g. {@code http://127.0.0.1:8025/}. */
    public String url() {
        return "http://127.0.0.1:" + http.getAddress().getPort() + "/";
    }

    /** Every message received so far, oldest first. */
    public List<Mail> messages() {
        MimeMessage[] received = greenMail.getReceivedMessages();
        List<Mail> mails = new ArrayList<>(received.length);
        for (int i = 0; i < received.length; i++) {
            mails.add(toMail(i + 1, received[i]));
        }
        return mails;
    }

    /** Every SMS taken so far, oldest first. */
    public List<Sms> sms() {
        return List.copyOf(sms);
    }

    private static Mail toMail(int number, MimeMessage message) {
        try {
            Object content = message.getContent();
            return new Mail(number, message.getSentDate() == null
                    ? ""
                    : TIME.format(message.getSentDate()
                            .toInstant()),
                    addresses(message.getFrom()).stream().findFirst().orElse(""),
                    addresses(message.getAllRecipients()), message.getSubject(),
                    content instanceof String text ? text : String.valueOf(content));
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException("Cannot read message " + number + ": " + e.getMessage(), e);
        }
    }

    private static List<String> addresses(Address[] addresses) {
        return addresses == null ? List.of() : Arrays.stream(addresses).map(Address::toString).toList();
    }

    private synchronized void writeNewMessages() {
        MimeMessage[] received = greenMail.getReceivedMessages();
        for (; written < received.length; written++) {
            try (OutputStream out = Files
                    .newOutputStream(folder.resolve("%04d.eml".formatted(earlierFiles + written + 1)))) {
                received[written].writeTo(out);
            } catch (IOException | MessagingException e) {
                System.err.println("Cannot write message " + (written + 1) + ": " + e.getMessage());
                return;
            }
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            if (path.equals("/")) {
                respond(exchange, 200, "text/html; charset=utf-8", page(messages(), sms()));
            } else if (path.equals("/sms") && exchange.getRequestMethod().equals("POST")) {
                takeSms(exchange);
            } else if (path.equals("/sms")) {
                respond(exchange, 200, "application/json", JSON.writeValueAsString(sms()));
            } else if (path.equals("/messages")) {
                respond(exchange, 200, "application/json", JSON.writeValueAsString(messages()));
            } else if (path.matches("/messages/\\d{1,6}\\.eml")) {
                int number = Integer.parseInt(path.substring("/messages/".length(), path.length() - 4));
                MimeMessage[] received = greenMail.getReceivedMessages();
                if (number < 1 || number > received.length) {
                    respond(exchange, 404, "text/plain", "No message " + number);
                    return;
                }
                ByteArrayOutputStream raw = new ByteArrayOutputStream();
                received[number - 1].writeTo(raw);
                respond(exchange, 200, "message/rfc822", raw.toString(StandardCharsets.UTF_8));
            } else {
                respond(exchange, 404, "text/plain", "Not found");
            }
        } catch (MessagingException e) {
            throw new IOException(e);
        }
    }

    private void takeSms(HttpExchange exchange) throws IOException {
        JsonNode body;
        try {
            body = JSON.readTree(exchange.getRequestBody());
        } catch (IOException e) {
            respond(exchange, 400, "application/json", "{\"error\":\"not JSON\"}");
            return;
        }
        if (body == null || !body.path("to").isTextual() || !body.path("text").isTextual()) {
            respond(exchange, 400, "application/json", "{\"error\":\"to and text are required\"}");
            return;
        }
        int number;
        synchronized (sms) {
            number = sms.size() + 1;
            sms.add(new Sms(number, TIME.format(Instant.now()), body.path("from").asText(""),
                    body.path("to").asText(), body.path("text").asText()));
        }
        respond(exchange, 200, "application/json", "{\"messageId\":\"local-sms-" + number + "\"}");
    }

    private static void respond(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private String page(List<Mail> mails, List<Sms> texts) {
        StringBuilder rows = new StringBuilder();
        for (int i = mails.size() - 1; i >= 0; i--) {
            Mail m = mails.get(i);
            rows.append("<tr><td>").append(m.number()).append("</td><td>").append(escape(m.receivedAt()))
                    .append("</td><td>").append(escape(String.join(", ", m.to()))).append("</td><td><details><summary>")
                    .append(escape(m.subject())).append("</summary><pre>").append(escape(m.text()))
                    .append("</pre></details></td><td><a href=\"/messages/").append(m.number())
                    .append(".eml\">.eml</a></td></tr>\n");
        }
        StringBuilder smsRows = new StringBuilder();
        for (int i = texts.size() - 1; i >= 0; i--) {
            Sms m = texts.get(i);
            smsRows.append("<tr><td>").append(m.number()).append("</td><td>").append(escape(m.receivedAt()))
                    .append("</td><td>").append(escape(m.from())).append("</td><td>").append(escape(m.to()))
                    .append("</td><td>").append(escape(m.text())).append("</td></tr>\n");
        }
        // One pass: text taken from mail and SMS is never read as a placeholder.
        return """
                <!DOCTYPE html>
                <html lang="en"><head><meta charset="utf-8"><title>RAP Relay outbox</title>
                <style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse;width:100%%}
                td,th{border-bottom:1px solid #ddd;padding:.3em;text-align:left;vertical-align:top}
                pre{white-space:pre-wrap}</style></head>
                <body><h1>RAP Relay outbox</h1>
                <h2>Email</h2>
                <p><span id="count">%1$d</span> messages received by the local SMTP server, newest first;
                also written to %2$s as .eml files. Reload to see new mail.</p>
                <table id="mail"><thead><tr><th>#</th><th>Sent</th><th>To</th><th>Subject</th><th></th></tr></thead>
                <tbody>
                %3$s</tbody></table>
                <h2>SMS</h2>
                <p><span id="sms-count">%4$d</span> messages taken by the local SMS gateway, newest first.</p>
                <table id="sms"><thead><tr><th>#</th><th>Received</th><th>Sender</th><th>To</th><th>Text</th></tr></thead>
                <tbody>
                %5$s</tbody></table></body></html>
                """
                .formatted(mails.size(), escape(folder.toAbsolutePath().toString()), rows,
                        texts.size(), smsRows);
    }

    private static String escape(String text) {
        return text == null ? "" : text.chars().mapToObj(c -> switch (c) {
            case '<' -> "&lt;";
            case '>' -> "&gt;";
            case '&' -> "&amp;";
            case '"' -> "&quot;";
            default -> String.valueOf((char) c);
        }).collect(Collectors.joining());
    }

    @Override
    public void close() {
        writer.shutdownNow();
        writeNewMessages();
        http.stop(0);
        greenMail.stop();
    }
}
