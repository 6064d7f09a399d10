package io.raprelay.catalog;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.raprelay.testing.kafka.KafkaTestResource;
import io.raprelay.testing.postgres.PostgresTestResource;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.smallrye.jwt.build.Jwt;

/**
 * Every endpoint of the catalog API against no token, an expired token, a token without any catalog role, and each
 * role: 401, 401, 403, then 403 for the roles it does not admit and anything but 401/403 for those it does.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "purpose", value = "catalog"))
@QuarkusTestResource(OidcWiremockTestResource.class)
class AuthorizationMatrixTest {

    private static final Set<String> READERS = Set.of("auditor", "operator", "admin");
    private static final String SCHEDULE = """
            {"effectiveFrom": "2040-01-01", "reason": "matrix",
             "expected": [{"clearingHouse": "HKSCC", "sourceSystem": "CCASS", "reportCode": "CCLTN05",
                           "deadlineTime": "19:00", "deadlineBusinessDays": 0, "onHalfDays": true}]}""";

    record Endpoint(String method, String path, Set<String> admitted, String body) {

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    static List<Endpoint> endpoints() {
        return List.of(
                new Endpoint("GET", "/api/reports", READERS, null),
                new Endpoint("GET", "/api/reports/export", READERS, null),
                new Endpoint("GET", "/api/reports/HKSCC/rapb01234/INBOX/none.txt", READERS, null),
                new Endpoint("GET", "/api/reports/HKSCC/rapb01234/INBOX/none.txt/versions/1/content",
                        Set.of("auditor", "admin"), null),
                new Endpoint("GET", "/api/completeness/2025-10-02", READERS, null),
                new Endpoint("GET", "/api/completeness?from=2025-10-01&to=2025-10-03", READERS, null),
                new Endpoint("GET", "/api/schedule", READERS, null),
                new Endpoint("GET", "/api/schedule/versions", READERS, null),
                new Endpoint("GET", "/api/schedule/versions/1", READERS, null),
                new Endpoint("POST", "/api/schedule", Set.of("operator", "admin"), SCHEDULE),
                new Endpoint("GET", "/api/calendar/2025", READERS, null),
                new Endpoint("PUT", "/api/calendar", Set.of("operator", "admin"), "{}"),
                new Endpoint("GET", "/api/access-log", Set.of("admin"), null),
                new Endpoint("GET", "/api/access-log/verify", Set.of("admin"), null),
                new Endpoint("POST", "/api/admin/dead-letters/replay", Set.of("admin"), null));
    }

    @ParameterizedTest
    @MethodSource("endpoints")
    void onlyAdmittedRolesGetIn(Endpoint endpoint) {
        send(given(), endpoint).then().statusCode(401);
        send(given().auth().oauth2(expiredToken()), endpoint).then().statusCode(401);
        send(given().auth().oauth2(token("guest")), endpoint).then().statusCode(403);
        for (String role : READERS) {
            if (endpoint.admitted().contains(role)) {
                send(given().auth().oauth2(token(role)), endpoint).then()
                        .statusCode(not(anyOf(equalTo(401), equalTo(403), equalTo(500))));
            } else {
                send(given().auth().oauth2(token(role)), endpoint).then().statusCode(403);
            }
        }
    }

    @Test
    void theExpiredTokenIsRefusedForItsExpiryAlone() {
        given().auth().oauth2(signedToken(Instant.now().plusSeconds(3600))).when().get("/api/access-log/verify")
                .then().statusCode(200);
        given().auth().oauth2(expiredToken()).when().get("/api/access-log/verify").then().statusCode(401);
    }

    private static io.restassured.response.Response send(RequestSpecification request, Endpoint endpoint) {
        if (endpoint.body() != null) {
            request = request.contentType(ContentType.JSON).body(endpoint.body());
        }
        return request.when().request(endpoint.method(), endpoint.path());
    }

    private static String token(String role) {
        return OidcWiremockTestResource.getAccessToken("alice", Set.of(role));
    }

    /** Signed like the test server's tokens, but expired an hour ago. */
    private static String expiredToken() {
        return signedToken(Instant.now().minusSeconds(3600));
    }

    private static String signedToken(Instant expiresAt) {
        return Jwt.preferredUserName("alice").groups(Set.of("admin")).issuer("https://server.example.com")
                .audience("https://service.example.com").issuedAt(expiresAt.minusSeconds(7200))
                .expiresAt(expiresAt).jws().keyId("1").sign("privateKey.jwk");
    }
}
