package io.raprelay.catalog;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.raprelay.catalog.support.CatalogSetup;
import io.raprelay.testing.kafka.KafkaTestResource;
import io.raprelay.testing.oidc.ApiBoundary;
import io.raprelay.testing.oidc.TestTokens;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/**
 * Every endpoint of the catalog API against no token, a token without any catalog role, and each role: 401, 403, then
 * 403 for the roles it does not admit and anything but 401/403 for those it does; and every endpoint against the
 * tokens nobody may use (wrong audience or issuer, unsigned, HS256 with the public key, expired, not yet valid, admin
 * only in a groups claim).
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(CatalogSetup.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
class AuthorizationMatrixTest {

    private static final Set<String> READERS = Set.of("auditor", "operator", "admin");
    /** Downstream systems (client credentials) read reports and their content, nothing else. */
    private static final Set<String> REPORT_READERS = Set.of("auditor", "operator", "admin", "downstream");
    private static final List<String> ROLES = List.of("auditor", "operator", "admin", "downstream");
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
                new Endpoint("GET", "/api/reports", REPORT_READERS, null),
                new Endpoint("HEAD", "/api/reports", REPORT_READERS, null),
                new Endpoint("GET", "/api/reports/export", REPORT_READERS, null),
                new Endpoint("GET", "/api/reports/HKSCC/rapb01234/INBOX/none.txt", REPORT_READERS, null),
                new Endpoint("GET", "/api/reports/HKSCC/rapb01234/INBOX/none.txt/versions/1/content",
                        Set.of("auditor", "admin", "downstream"), null),
                new Endpoint("GET", "/api/reports/HKSCC/rapb01234/INBOX/none.txt/versions/1/content-link",
                        Set.of("auditor", "admin", "downstream"), null),
                new Endpoint("POST", "/api/reports/HKSCC/rapb01234/INBOX/none.txt/versions/1/verification",
                        Set.of("admin"), null),
                new Endpoint("GET", "/api/reports/HKSCC/rapb01234/INBOX/none.txt/legal-hold",
                        Set.of("auditor", "admin"), null),
                new Endpoint("PUT", "/api/reports/HKSCC/rapb01234/INBOX/none.txt/legal-hold", Set.of("admin"),
                        "{\"reason\": \"matrix\"}"),
                new Endpoint("DELETE", "/api/reports/HKSCC/rapb01234/INBOX/none.txt/legal-hold?reason=matrix",
                        Set.of("admin"), null),
                new Endpoint("GET", "/api/completeness/2025-10-02", READERS, null),
                new Endpoint("GET", "/api/completeness?from=2025-10-01&to=2025-10-03", READERS, null),
                new Endpoint("GET", "/api/schedule", READERS, null),
                new Endpoint("GET", "/api/schedule/versions", READERS, null),
                new Endpoint("GET", "/api/schedule/versions/1", READERS, null),
                new Endpoint("POST", "/api/schedule", Set.of("operator", "admin"), SCHEDULE),
                new Endpoint("PUT", "/api/schedule/versions/1/effective-from", Set.of("operator", "admin"), "{}"),
                new Endpoint("GET", "/api/practice-sessions/none/evidence", READERS, null),
                new Endpoint("GET", "/api/practice-sessions/none/evidence/export", READERS, null),
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
        send(given().auth().oauth2(token("guest")), endpoint).then().statusCode(403);
        for (String role : ROLES) {
            if (endpoint.admitted().contains(role)) {
                send(given().auth().oauth2(token(role)), endpoint).then()
                        .statusCode(not(anyOf(equalTo(401), equalTo(403), equalTo(500))));
            } else {
                send(given().auth().oauth2(token(role)), endpoint).then().statusCode(403);
            }
        }
    }

    static List<TestTokens.BadToken> badTokens() {
        return TestTokens.refused();
    }

    /** Tokens claiming admin that must not get in anywhere: 401, or 403 for a groups claim alone. */
    @ParameterizedTest
    @MethodSource("badTokens")
    void badTokensGetNowhere(TestTokens.BadToken bad) {
        ApiBoundary.refusedEverywhere(bad, endpoints().stream().map(Endpoint::toString).toList());
    }

    @Test
    void theSameClaimsInAValidTokenGetIn() {
        given().auth().oauth2(TestTokens.of("mallory", "admin")).when().get("/api/access-log/verify")
                .then().statusCode(200);
    }

    private static io.restassured.response.Response send(RequestSpecification request, Endpoint endpoint) {
        if (endpoint.body() != null) {
            request = request.contentType(ContentType.JSON).body(endpoint.body());
        }
        return request.when().request(endpoint.method(), endpoint.path());
    }

    private static String token(String role) {
        return TestTokens.of("alice", role);
    }
}
