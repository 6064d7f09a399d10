package io.raprelay.notifier.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import io.quarkus.runtime.configuration.DurationConverter;
import io.raprelay.notifier.NotifierConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/** The signed acknowledgement links: what they claim, and what they refuse (altered, foreign, expired, weak key). */
class AcknowledgementLinksTest {

    private static final Instant SENT = Instant.parse("2026-12-07T01:30:00Z");
    private static final String SECRET = "unit-test-only-not-a-secret-0123456789";

    @Test
    void aLinkNamesItsAlertAndContactUntilItExpires() {
        String link = links(SECRET, SENT).link("3f1c0b6e-1d2a-4c55-9a7e-0c1f2e3d4a5b", 42);
        assertThat(link).startsWith("https://rap-relay.example/notifier/ack?t=");
        String token = link.substring(link.indexOf("?t=") + 3);

        AcknowledgementLinks.Claim claim = links(SECRET, SENT.plus(Duration.ofDays(2)).minusSeconds(1)).verify(token);
        assertThat(claim.eventId()).isEqualTo("3f1c0b6e-1d2a-4c55-9a7e-0c1f2e3d4a5b");
        assertThat(claim.contactId()).isEqualTo(42);
        assertThat(claim.expiresAt()).isEqualTo(SENT.plus(Duration.ofDays(2)));

        assertThatThrownBy(() -> links(SECRET, SENT.plus(Duration.ofDays(2))).verify(token))
                .isInstanceOfSatisfying(AcknowledgementLinks.InvalidLinkException.class,
                        e -> assertThat(e.expired()).isTrue())
                .hasMessageContaining("expired at 2026-12-09 09:30:00 HKT");
    }

    @Test
    void anAlteredLinkOrOneSignedWithAnotherKeyIsRefused() {
        String token = links(SECRET, SENT).link("event-1", 42).replaceFirst(".*\\?t=", "");
        // another contact: the payload changed, the signature did not
        String payload = new String(java.util.Base64.getUrlDecoder().decode(token.substring(0, token.indexOf('.'))));
        String otherContact = java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString(payload.replace("\n42\n", "\n43\n").getBytes()) + token.substring(token.indexOf('.'));
        for (String bad : new String[]{otherContact, token.substring(0, token.length() - 2), "", "x.y", "no-dot"}) {
            assertThatThrownBy(() -> links(SECRET, SENT).verify(bad))
                    .isInstanceOfSatisfying(AcknowledgementLinks.InvalidLinkException.class,
                            e -> assertThat(e.expired()).isFalse());
        }
        assertThatThrownBy(() -> links("another-key-of-at-least-32-characters!", SENT).verify(token))
                .hasMessageContaining("signature does not match");
    }

    @Test
    void aMissingOrShortSecretStopsTheStart() {
        assertThatThrownBy(() -> links("short", SENT)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("at least 32 characters");
        assertThatThrownBy(() -> links(null, SENT)).isInstanceOf(IllegalStateException.class);
    }

    private static AcknowledgementLinks links(String secret, Instant now) {
        SmallRyeConfigBuilder builder = new SmallRyeConfigBuilder().withMapping(NotifierConfig.class)
                .withConverter(Duration.class, 100, new DurationConverter())
                .withDefaultValue("notifier.acknowledgement.base-url", "https://rap-relay.example/notifier/");
        if (secret != null) {
            builder.withDefaultValue("notifier.acknowledgement.link-secret", secret);
        }
        NotifierConfig config = builder.build().getConfigMapping(NotifierConfig.class);
        return new AcknowledgementLinks(config, Clock.fixed(now, ZoneOffset.UTC));
    }
}
