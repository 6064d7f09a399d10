package io.raprelay.notifier;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import io.raprelay.contracts.Installation;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The notifier's own options ({@code notifier.*}); every one is listed in docs/configuration.md. */
@ConfigMapping(prefix = "notifier")
public interface NotifierConfig {

    Delivery delivery();

    /** The same failure (kind, site, reason) is notified again only after this long while it lasts. */
    @WithDefault("15m")
    Duration repeatInterval();

    Digest digest();

    Silences silences();

    Acknowledgement acknowledgement();

    Escalation escalation();

    Weather weather();

    Practice practice();

    /**
     * Rehearsals and end-to-end tests only: the service's clock starts at this time (ISO-8601 with offset) and runs
     * on at real pace, so a practice-session day can be played at any hour. Never set in production: every time the
     * notifier decides and records follows it.
     */
    Optional<OffsetDateTime> clockStartsAt();

    /** Silences: how long one may last, and when its owner is told it ends. */
    interface Silences {

        /** The longest a silence may last: one that never ends would hide notices for good. */
        @WithDefault("P7D")
        Duration maxDuration();

        /** The owner is told this long before a silence ends (and again when it has ended). */
        @WithDefault("15m")
        Duration noticeBefore();

        /** How often silences are looked at for those notices: a duration such as {@code 30s}, or {@code off}. */
        @WithDefault("30s")
        String check();
    }

    /** Acknowledging an alert: through the API, or the signed link in its email. */
    interface Acknowledgement {

        /** The notifier's address as contacts' browsers reach it: the email links point to {@code {base-url}/ack}. */
        @WithDefault("http://127.0.0.1:8083")
        String baseUrl();

        /**
         * The HMAC-SHA256 key that signs the links (at least 32 characters); from a secret in production, where the
         * service does not start without it.
         */
        Optional<String> linkSecret();

        /** How long an emailed link can acknowledge its alert. */
        @WithDefault("P2D")
        Duration linkValidFor();

        /**
         * How long an acknowledgement holds back the repeats of the same failure (same kind, site and reason): after
         * that, a failure still going on is sent again and needs a new acknowledgement.
         */
        @WithDefault("12h")
        Duration holdsFor();
    }

    /** Escalation of unacknowledged alerts (the policies themselves: {@code /api/escalation-policies}). */
    interface Escalation {

        /** How often unacknowledged alerts are looked at: a duration such as {@code 30s}, or {@code off}. */
        @WithDefault("30s")
        String check();
    }

    /** Practice sessions. */
    interface Practice {

        /** How often the rules run on the day of a session: a duration, or {@code off}. */
        @WithDefault("30s")
        String check();

        /**
         * The installations the fetcher serves: ten minutes into each part, each must be on the part's data centre
         * (from the fetcher's {@code DataCentreSwitched} events), or the contacts are alerted.
         */
        @WithDefault("HKSCC,HKCC_SEOCH")
        List<Installation> installations();
    }

    /** HKO's warning summary feed. */
    interface Weather {

        /** The warnsum URL (English). */
        @WithDefault("https://data.weather.gov.hk/weatherAPI/opendata/weather.php?dataType=warnsum&lang=en")
        String url();

        /** How often it is read: a duration, or {@code off}. */
        @WithDefault("60s")
        String pollInterval();

        @WithDefault("10s")
        Duration timeout();

        /** A feed failing this long is alerted (once per outage). */
        @WithDefault("5m")
        Duration staleAfter();
    }

    /** Arrivals are grouped per clearing house and business date over a window. */
    interface Digest {

        /** How long a digest collects arrivals after its first one. */
        @WithDefault("5m")
        Duration window();

        /** How often windows are checked for closing: a duration, or {@code off}. */
        @WithDefault("10s")
        String check();
    }

    Sms sms();

    /** Retries and fallback. */
    interface Delivery {

        /** Attempts on one channel before the notice falls back to the other channel. */
        @WithDefault("3")
        int maxAttempts();

        /** Wait before the first retry; doubled after each further failure. */
        @WithDefault("30s")
        Duration firstRetry();

        /** How often due retries are looked for: a duration, or {@code off}. */
        @WithDefault("10s")
        String retryCheck();

        /** How often final states not yet published as NotificationDelivered are published. */
        @WithDefault("5s")
        String reportInterval();

        /** Longest wait for the SMTP server to take one email; longer counts as a failed attempt. */
        @WithDefault("30s")
        Duration sendTimeout();

        /** Sender address of the emails. */
        @WithDefault("RAP Relay <rap-relay@localhost>")
        String from();
    }

    /** SMS through an HTTP aggregator. */
    interface Sms {

        /** Registered sender id shown on the phone (Hong Kong's registered senders start with {@code #}). */
        @WithDefault("#RAPRELAY")
        String senderId();

        /** Which adapter sends: {@code http} (an aggregator's JSON API) or {@code smpp} (an SMSC, SMPP 3.4). */
        @WithDefault("http")
        String adapter();

        Http http();

        Smpp smpp();

        /** An SMSC over SMPP 3.4 (jSMPP), bound as transmitter for each message. */
        interface Smpp {

            @WithDefault("127.0.0.1")
            String host();

            @WithDefault("2775")
            int port();

            @WithDefault("raprelay")
            String systemId();

            /** The bind password; from the environment in production. */
            Optional<String> password();

            /** The bind's system_type, if the SMSC wants one. */
            Optional<String> systemType();

            @WithDefault("10s")
            Duration timeout();
        }

        interface Http {

            /** The aggregator's send endpoint (JSON POST). */
            @WithDefault("http://127.0.0.1:8190/sms")
            String url();

            @WithDefault("to")
            String toField();

            @WithDefault("from")
            String senderField();

            @WithDefault("text")
            String textField();

            /** Field of the JSON answer holding the provider's message id. */
            @WithDefault("messageId")
            String messageIdField();

            /** API key, sent in {@link #apiKeyHeader()}; from the environment in production. */
            Optional<String> apiKey();

            @WithDefault("X-Api-Key")
            String apiKeyHeader();

            @WithDefault("10s")
            Duration timeout();
        }
    }
}
