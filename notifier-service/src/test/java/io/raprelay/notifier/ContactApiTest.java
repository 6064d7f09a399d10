package io.raprelay.notifier;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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

/** Operators manage the designated contacts; every bad field is a 400 naming it. */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "purpose", value = "notifier"))
@QuarkusTestResource(GreenMailTestResource.class)
@QuarkusTestResource(SmsGatewayStubResource.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
class ContactApiTest {

    static final String CONTACT = """
            {"name": "Carol Chan", "email": "carol@example.com", "mobile": "+85291234567", "language": "zh-HK", "installations": ["HKCC_SEOCH"],
             "roles": ["operations", "IT 2nd line"],
             "subscriptions": [{"eventTypes": ["rap.fetch.failed.v1"], "clearingHouses": ["HKCC", "SEOCH"],
                                "minSeverity": "WARNING", "channels": ["EMAIL"]}]}""";

    @Test
    void anOperatorCreatesReadsUpdatesAndDeactivatesAContact() {
        int id = given().auth().oauth2(token("operator")).contentType(ContentType.JSON).body(CONTACT)
                .when().post("/api/contacts").then().statusCode(201)
                .body("name", equalTo("Carol Chan"))
                .body("subscriptions[0].clearingHouses", equalTo(java.util.List.of("HKCC", "SEOCH")))
                .body("installations", equalTo(java.util.List.of("HKCC_SEOCH")))
                .body("roles", equalTo(java.util.List.of("operations", "IT 2nd line")))
                .extract().path("id");
        given().auth().oauth2(token("admin")).when().get("/api/contacts").then().statusCode(200)
                .body("id", hasItem(id));
        given().auth().oauth2(token("operator")).contentType(ContentType.JSON)
                .body(CONTACT.replace("Carol Chan", "Carol Chan Ka-yan")).when().put("/api/contacts/" + id).then()
                .statusCode(200).body("name", equalTo("Carol Chan Ka-yan"));
        given().auth().oauth2(token("operator")).when().delete("/api/contacts/" + id).then().statusCode(200)
                .body("active", equalTo(false));
        given().auth().oauth2(token("operator")).when().get("/api/contacts/987654321").then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void onlyOperatorsAndAdminsManageContacts() {
        given().when().get("/api/contacts").then().statusCode(401);
        given().auth().oauth2(token("auditor")).when().get("/api/contacts").then().statusCode(403);
        given().auth().oauth2(token("auditor")).contentType(ContentType.JSON).body(CONTACT).when()
                .post("/api/contacts").then().statusCode(403);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "\"carol@example.com\" | \"carol(at)example.com\" | email",
            "\"+85291234567\" | \"91234567\" | mobile",
            "\"+85291234567\" | \"+85221234567\" | mobile",
            "\"+85291234567\" | \"+8529123456\" | mobile",
            "\"zh-HK\" | \"fr\" | language",
            "\"rap.fetch.failed.v1\" | \"rap.weather.v9\" | subscriptions[0].eventTypes[0]",
            "\"WARNING\" | \"LOUD\" | subscriptions[0].minSeverity",
            "\"HKCC\", \"SEOCH\" | \"NYSE\" | subscriptions[0].clearingHouses[0]",
            "[\"EMAIL\"] | [] | subscriptions[0].channels",
            "[\"HKCC_SEOCH\"] | [] | installations",
            "[\"HKCC_SEOCH\"] | [\"HKEX\"] | installations[0]",
            "\"operations\" | \"ops;drop\" | roles[0]",
            "\"IT 2nd line\" | \"   \" | roles[1]",
            "\"Carol Chan\" | \"\" | name"})
    void badFieldsAreRefusedNamingTheField(String good, String bad, String field) {
        given().auth().oauth2(token("operator")).contentType(ContentType.JSON).body(CONTACT.replace(good, bad))
                .when().post("/api/contacts").then().statusCode(400).contentType("application/problem+json")
                .body("field", equalTo(field));
    }

    @Test
    void aMissingBodyIsRefusedNamingTheBody() {
        given().auth().oauth2(token("operator")).contentType(ContentType.JSON).when().post("/api/contacts").then()
                .statusCode(400).contentType("application/problem+json").body("field", equalTo("body"));
    }

    private static String token(String role) {
        return TestTokens.of("alice", role);
    }
}
