package io.raprelay.fetcher;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

import java.net.URL;
import java.util.List;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.raprelay.testing.oidc.ApiBoundary;
import io.raprelay.testing.oidc.TestTokens;

/**
 * The fetcher's API port serves only {@code /api}, to valid tokens: every endpoint refuses the tokens nobody may use,
 * and health, metrics and OpenAPI answer on the management interface only.
 */
@QuarkusTest
@Order(5)
class ApiBoundaryTest {

    private static final List<String> ENDPOINTS = List.of("GET /api/sites", "GET /api/sites/HKSCC",
            "POST /api/sites/HKSCC/data-centre", "POST /api/sites/HKSCC/login-check?dataCentre=PRIMARY");

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
        given().auth().oauth2(TestTokens.of("mallory", "admin")).when().get("/api/sites").then().statusCode(200);
    }

    @Test
    void theApiPortServesOnlyTheApi() {
        ApiBoundary.onlyTheApiOnTheApiPort();
        given().when().get(management + "health/live").then().statusCode(200);
        given().when().get(management + "openapi").then().statusCode(200).body(containsString("/api/sites"));
    }
}
