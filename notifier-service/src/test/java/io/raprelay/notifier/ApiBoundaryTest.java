package io.raprelay.notifier;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

import java.net.URL;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.raprelay.notifier.support.SmsGatewayStubResource;
import io.raprelay.testing.kafka.KafkaTestResource;
import io.raprelay.testing.mail.GreenMailTestResource;
import io.raprelay.testing.oidc.ApiBoundary;
import io.raprelay.testing.oidc.TestTokens;
import io.raprelay.testing.postgres.PostgresTestResource;

/**
 * The notifier's API port serves only {@code /api}, to valid tokens: every endpoint refuses the tokens nobody may use
 * (nothing is sent, changed or announced), and health, metrics and OpenAPI answer on the management interface only.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "purpose", value = "notifier"))
@QuarkusTestResource(GreenMailTestResource.class)
@QuarkusTestResource(SmsGatewayStubResource.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
class ApiBoundaryTest {

    private static final List<String> ENDPOINTS = List.of(
            "GET /api/deliveries", "GET /api/silences", "POST /api/silences", "DELETE /api/silences/1",
            "GET /api/contacts", "GET /api/contacts/1", "POST /api/contacts", "PUT /api/contacts/1",
            "DELETE /api/contacts/1", "GET /api/weather", "GET /api/weather/warnings", "POST /api/weather/warnings",
            "POST /api/weather/warnings/1/end", "GET /api/practice-sessions", "POST /api/practice-sessions",
            "PUT /api/practice-sessions/s1", "POST /api/practice-sessions/s1/withdraw",
            "POST /api/practice-sessions/s1/announcements", "GET /api/practice-sessions/s1/announcements",
            "POST /api/practice-sessions/what-if", "POST /api/admin/dead-letters/replay");

    @TestHTTPResource(value = "/", management = true)
    URL management;

    static List<TestTokens.BadToken> badTokens() {
        return TestTokens.refused();
    }

    @ParameterizedTest
    @MethodSource("badTokens")
    void badTokensGetNowhere(TestTokens.BadToken bad) {
        ApiBoundary.refusedEverywhere(bad, ENDPOINTS);
    }

    @Test
    void theSameClaimsInAValidTokenGetIn() {
        given().auth().oauth2(TestTokens.of("mallory", "admin")).when().get("/api/contacts").then().statusCode(200);
    }

    @Test
    void theApiPortServesOnlyTheApi() {
        ApiBoundary.onlyTheApiOnTheApiPort();
        given().when().get(management + "openapi").then().statusCode(200).body(containsString("/api/contacts"));
    }
}
