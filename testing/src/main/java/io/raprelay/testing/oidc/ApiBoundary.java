package io.raprelay.testing.oidc;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;

/**
 * What every service's API port must hold, checked the same way in each: a token nobody may use gets nowhere, and
 * nothing but {@code /api} is served there (health, metrics and OpenAPI live on the management interface).
 */
public final class ApiBoundary {

    private ApiBoundary() {
    }

    /**
     * Sends the bad token to every endpoint ({@code "METHOD /path"}, with an empty JSON body) and expects its status
     * from each: 401, or 403 for a valid token whose only roles are in a {@code groups} claim.
     */
    public static void refusedEverywhere(TestTokens.BadToken bad, List<String> endpoints) {
        for (String endpoint : endpoints) {
            String[] methodAndPath = endpoint.split(" ", 2);
            given().auth().oauth2(bad.token()).contentType("application/json").body("{}").when()
                    .request(methodAndPath[0], methodAndPath[1]).then().statusCode(bad.status());
        }
    }

    /** Health, metrics, OpenAPI, Swagger UI and any other path but {@code /api} are refused on the API port. */
    public static void onlyTheApiOnTheApiPort() {
        for (String path : List.of("/q/health", "/q/health/ready", "/q/metrics", "/q/openapi", "/q/swagger-ui/",
                "/anything")) {
            given().when().get(path).then().statusCode(anyOf(equalTo(401), equalTo(403), equalTo(404)));
        }
    }
}
