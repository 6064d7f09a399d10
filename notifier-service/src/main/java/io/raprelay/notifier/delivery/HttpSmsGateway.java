package io.raprelay.notifier.delivery;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import jakarta.enterprise.context.ApplicationScoped;

import io.raprelay.notifier.NotifierConfig;
import io.smallrye.common.annotation.Identifier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * SMS through an HTTP aggregator, as Hong Kong SMS aggregators offer: a JSON POST whose field names are configurable
 * ({@code notifier.sms.http.*}), the registered sender id, an optional API key header; the provider's message id is
 * read from the configured field of the JSON answer.
 */
@ApplicationScoped
@Identifier("http")
public class HttpSmsGateway implements SmsGateway {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final NotifierConfig.Sms config;
    private final HttpClient http;

    public HttpSmsGateway(NotifierConfig config) {
        this.config = config.sms();
        this.http = HttpClient.newBuilder().connectTimeout(this.config.http().timeout()).build();
    }

    @Override
    public String send(String mobile, String text) {
        NotifierConfig.Sms.Http http = config.http();
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put(http.toField(), mobile);
        body.put(http.senderField(), config.senderId());
        body.put(http.textField(), text);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(http.url()))
                .timeout(http.timeout())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
        http.apiKey().ifPresent(key -> request.header(http.apiKeyHeader(), key));
        HttpResponse<String> response;
        try {
            response = this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new DeliveryException("SMS gateway " + http.url() + " unreachable: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeliveryException("interrupted while sending an SMS", e);
        }
        if (response.statusCode() / 100 != 2) {
            throw new DeliveryException("SMS gateway answered " + response.statusCode() + ": "
                    + abbreviate(response.body()));
        }
        try {
            JsonNode id = JSON.readTree(response.body()).path(http.messageIdField());
            if (id.isMissingNode() || id.asText().isBlank()) {
                throw new DeliveryException("SMS gateway answered without " + http.messageIdField() + ": "
                        + abbreviate(response.body()));
            }
            return id.asText();
        } catch (IOException e) {
            throw new DeliveryException("SMS gateway answered something other than JSON: "
                    + abbreviate(response.body()), e);
        }
    }

    private static String abbreviate(String text) {
        return text == null ? "" : text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }
}
