package io.raprelay.testing.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;

import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MailServerTest {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void receivedMailIsWrittenAsEmlAndShownOnThePageAndAsJson(@TempDir Path folder) throws Exception {
        try (MailServer server = new MailServer(0, 0, folder)) {
            send(server.smtpPort(), "ops@example.hk", "42 CCASS reports arrived for 2025-06-20",
                    "42 reports, 2 re-issued <b>not markup</b>");
            send(server.smtpPort(), "kit@example.hk", "[RAP Relay] 演習 2025-06-21：TERMINATED", "已終止");

            await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(folder.resolve("0002.eml")));
            assertThat(Files.readString(folder.resolve("0001.eml"))).contains("To: ops@example.hk")
                    .contains("42 reports, 2 re-issued");

            String page = get(server.url());
            assertThat(page).contains("<span id=\"count\">2</span>")
                    .contains("42 CCASS reports arrived for 2025-06-20").contains("演習 2025-06-21")
                    .contains("&lt;b&gt;not markup&lt;/b&gt;").doesNotContain("<b>not markup</b>");
            assertThat(page.indexOf("演習")).as("newest first").isLessThan(page.indexOf("42 CCASS"));
            assertThat(get(server.url() + "messages")).contains("\"to\":[\"kit@example.hk\"]")
                    .contains("\"subject\":\"[RAP Relay] 演習 2025-06-21：TERMINATED\"");
            assertThat(get(server.url() + "messages/1.eml")).contains("Subject: 42 CCASS reports arrived");
            assertThat(http.send(HttpRequest.newBuilder(URI.create(server.url() + "messages/3.eml")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(404);
        }
        try (MailServer restarted = new MailServer(0, 0, folder)) {
            send(restarted.smtpPort(), "ops@example.hk", "after a restart", "kept apart");
            await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(folder.resolve("0003.eml")));
            assertThat(Files.readString(folder.resolve("0001.eml"))).as("earlier mail is not overwritten")
                    .contains("42 reports, 2 re-issued");
        }
    }

    @Test
    void smsPostedAsTheNotifiersHttpAdapterSendsThemAreAnsweredWithAnIdAndListed(@TempDir Path folder)
            throws Exception {
        try (MailServer server = new MailServer(0, 0, folder)) {
            HttpResponse<String> taken = post(server.url() + "sms",
                    "{\"to\": \"+85291230008\", \"from\": \"#RAPRELAY\", \"text\": \"[RAP Relay] FetchFailed HKSCC\"}");
            assertThat(taken.statusCode()).isEqualTo(200);
            assertThat(taken.body()).isEqualTo("{\"messageId\":\"local-sms-1\"}");
            assertThat(post(server.url() + "sms", "{\"to\": \"+85291230008\"}").statusCode()).isEqualTo(400);
            assertThat(post(server.url() + "sms", "not json").statusCode()).isEqualTo(400);

            assertThat(server.sms()).extracting(MailServer.Sms::to, MailServer.Sms::text)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("+85291230008",
                            "[RAP Relay] FetchFailed HKSCC"));
            assertThat(get(server.url())).contains("<span id=\"sms-count\">1</span>").contains("#RAPRELAY");
            assertThat(get(server.url() + "sms")).contains("\"to\":\"+85291230008\"");
        }
    }

    private HttpResponse<String> post(String url, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json").build(), HttpResponse.BodyHandlers.ofString());
    }

    private String get(String url) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    private static void send(int port, String to, String subject, String text) throws Exception {
        Properties props = new Properties();
        props.put("mail.smtp.host", "127.0.0.1");
        props.put("mail.smtp.port", String.valueOf(port));
        MimeMessage message = new MimeMessage(Session.getInstance(props));
        message.setFrom(new InternetAddress("rap-relay@example.hk"));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(to));
        message.setSubject(subject, "UTF-8");
        message.setText(text, "UTF-8");
        Transport.send(message);
    }
}
