package io.raprelay.notifier;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.raprelay.notifier.support.SmsGatewayStubResource;
import io.raprelay.testing.kafka.KafkaTestResource;
import io.raprelay.testing.mail.GreenMailTestResource;
import io.raprelay.testing.oidc.TestTokens;
import io.raprelay.testing.postgres.PostgresTestResource;
import io.restassured.http.ContentType;

/** Operators rehearse a practice-session day: the decision and the notices, nothing sent. */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "purpose", value = "notifier"))
@QuarkusTestResource(GreenMailTestResource.class)
@QuarkusTestResource(SmsGatewayStubResource.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
class WhatIfTest {

    @Test
    void aSignal8DuringPart1OfTheJuneSessionTerminatesIt() {
        given().auth().oauth2(token("operator")).contentType(ContentType.JSON).body("""
                {"warnings": [{"code": "TC3", "issuedAt": "2025-06-21T08:00:00+08:00"},
                              {"code": "TC8NE", "issuedAt": "2025-06-21T15:10:00+08:00"}],
                 "at": "2025-06-21T23:00:00+08:00"}""")
                .when().post("/api/practice-sessions/what-if").then().statusCode(200)
                .body("sessionId", equalTo("2025-06-21"))
                .body("decision.status", equalTo("TERMINATED"))
                .body("decision.rule", equalTo("RULE_2_TERMINATE"))
                .body("decision.effectiveAt", equalTo("2025-06-21T07:25:00Z"))
                .body("notices.kind", contains("DECISION_0900", "STATUS_BEFORE_START", "TERMINATION",
                        "PRIMARY_REMINDER"));
    }

    @Test
    void aSessionOfItsOwnIsCancelledByABlackRainstormBeforeItStarts() {
        given().auth().oauth2(token("admin")).contentType(ContentType.JSON).body("""
                {"session": {"id": "2026-drill", "date": "2026-03-14",
                             "parts": [{"start": "10:00", "end": "12:00", "dataCentre": "SECONDARY"}]},
                 "warnings": [{"code": "WRAINB", "issuedAt": "2026-03-14T09:20:00+08:00",
                               "endedAt": "2026-03-14T09:50:00+08:00"}],
                 "at": "2026-03-14T12:30:00+08:00"}""")
                .when().post("/api/practice-sessions/what-if").then().statusCode(200)
                .body("decision.status", equalTo("CANCELLED"))
                .body("decision.decidedAt", equalTo("2026-03-14T01:20:00Z"));
    }

    @Test
    void aTimelineOutOfOrderOrABadCodeIsRefusedNamingTheField() {
        given().auth().oauth2(token("operator")).contentType(ContentType.JSON).body("""
                {"warnings": [{"code": "TC8NE", "issuedAt": "2025-06-21T15:10:00+08:00"},
                              {"code": "TC3", "issuedAt": "2025-06-21T08:00:00+08:00"}],
                 "at": "2025-06-21T23:00:00+08:00"}""")
                .when().post("/api/practice-sessions/what-if").then().statusCode(400)
                .contentType("application/problem+json").body("field", equalTo("warnings[1].issuedAt"));
        given().auth().oauth2(token("operator")).contentType(ContentType.JSON).body("""
                {"warnings": [{"code": "tc8; drop", "issuedAt": "2025-06-21T15:10:00+08:00"}],
                 "at": "2025-06-21T23:00:00+08:00"}""")
                .when().post("/api/practice-sessions/what-if").then().statusCode(400)
                .body("field", equalTo("warnings[0].code"));
        given().auth().oauth2(token("operator")).contentType(ContentType.JSON).body("""
                {"warnings": [], "at": "yesterday"}""")
                .when().post("/api/practice-sessions/what-if").then().statusCode(400).body("field", equalTo("at"));
        given().auth().oauth2(token("auditor")).contentType(ContentType.JSON).body("{}")
                .when().post("/api/practice-sessions/what-if").then().statusCode(403);
    }

    private static String token(String role) {
        return TestTokens.of("alice", role);
    }
}
