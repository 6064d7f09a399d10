package io.raprelay.catalog;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.net.URL;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.raprelay.catalog.support.CatalogSetup;
import io.raprelay.testing.kafka.KafkaTestResource;
import io.raprelay.testing.oidc.ApiBoundary;

@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(CatalogSetup.class)
class CatalogHealthTest {

    /** The management interface (its own port), ending in {@code /q/}. */
    @TestHTTPResource(value = "/", management = true)
    URL management;

    @Test
    void readyOnlyWithARealKafkaConnection() {
        given().when().get(management + "health/ready")
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem("Kafka connection health check"))
                .body("checks.find { it.name == 'Kafka connection health check' }.status", equalTo("UP"));
    }

    @Test
    void deadLetterCountsAreExportedFromTheStartForEachConsumedTopic() {
        given().when().get(management + "metrics").then().statusCode(200)
                .body(containsString("raprelay_dead_letters_total{service=\"catalog\",topic=\"rap.reports\"}"))
                .body(containsString("raprelay_dead_letters_total{service=\"catalog\",topic=\"rap.fetch-events\"}"));
    }

    /** Nothing but the API on the API port: health, metrics and OpenAPI are on the management interface only. */
    @Test
    void theApiPortServesOnlyTheApi() {
        ApiBoundary.onlyTheApiOnTheApiPort();
        given().when().get(management + "openapi").then().statusCode(200).body(containsString("/api/reports"));
        given().when().get(management + "swagger-ui/").then().statusCode(200);
    }

    @Test
    void alive() {
        given().when().get(management + "health/live").then().statusCode(200).body("status", equalTo("UP"));
    }
}
