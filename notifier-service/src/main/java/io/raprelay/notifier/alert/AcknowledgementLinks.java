package io.raprelay.notifier.alert;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.runtime.Startup;
import io.raprelay.notifier.NotifierConfig;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The one-click acknowledgement link in an alert's email: {@code {base-url}/ack?t=...}, where the token names the
 * alert, the contact it was sent to and when it expires, signed with HMAC-SHA256 under
 * {@code notifier.acknowledgement.link-secret}. Whoever holds a valid link may acknowledge that one alert, as that
 * contact, until it expires: nothing else.
 */
@Startup // a missing or short secret stops the start, not the first alert
@ApplicationScoped
public class AcknowledgementLinks {

    /** What a valid token says. */
    public record Claim(String eventId, long contactId, Instant expiresAt) {
    }

    /** A token that is not one of ours, altered, or expired. */
    public static class InvalidLinkException extends RuntimeException {
        private final boolean expired;

        InvalidLinkException(String message, boolean expired) {
            super(message);
            this.expired = expired;
        }

        public boolean expired() {
            return expired;
        }
    }

    private static final Base64.Encoder ENCODE = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODE = Base64.getUrlDecoder();

    private final SecretKeySpec key;
    private final String baseUrl;
    private final Duration validFor;
    private final Clock clock;

    public AcknowledgementLinks(NotifierConfig config, Clock clock) {
        String secret = config.acknowledgement().linkSecret().orElse("");
        if (secret.length() < 32) {
            throw new IllegalStateException("notifier.acknowledgement.link-secret must be at least 32 characters (it "
                    + "signs the acknowledgement links in emails)");
        }
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
        this.baseUrl = config.acknowledgement().baseUrl().replaceAll("/+$", "");
        this.validFor = config.acknowledgement().linkValidFor();
        this.clock = clock;
    }

    /** The link for this contact to acknowledge this alert. */
    public String link(String eventId, long contactId) {
        long expires = clock.instant().plus(validFor).getEpochSecond();
        String payload = ENCODE.encodeToString((eventId + "\n" + contactId + "\n" + expires)
                .getBytes(StandardCharsets.UTF_8));
        return baseUrl + "/ack?t=" + payload + "." + ENCODE.encodeToString(sign(payload));
    }

    /** What the token says, if it is ours, unaltered and not expired. */
    public Claim verify(String token) {
        int dot = token == null ? -1 : token.indexOf('.');
        if (dot < 1 || token.length() > 1000) {
            throw new InvalidLinkException("not an acknowledgement link", false);
        }
        String payload = token.substring(0, dot);
        byte[] signature;
        String[] parts;
        try {
            signature = DECODE.decode(token.substring(dot + 1));
            parts = new String(DECODE.decode(payload), StandardCharsets.UTF_8).split("\n");
        } catch (IllegalArgumentException e) {
            throw new InvalidLinkException("not an acknowledgement link", false);
        }
        if (!MessageDigest.isEqual(sign(payload), signature) || parts.length != 3) {
            throw new InvalidLinkException("the link's signature does not match: copy the whole link from the email",
                    false);
        }
        Instant expiresAt = Instant.ofEpochSecond(Long.parseLong(parts[2]));
        if (!clock.instant().isBefore(expiresAt)) {
            throw new InvalidLinkException("the link expired at " + Alert.HKT.format(expiresAt)
                    + "; acknowledge through the API (POST /api/alerts/{eventId}/acknowledgement)", true);
        }
        return new Claim(parts[0], Long.parseLong(parts[1]), expiresAt);
    }

    private byte[] sign(String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(payload.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
