package io.raprelay.notifier;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.net.URL;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.raprelay.notifier.support.SmsGatewayStubResource;
import io.raprelay.testing.kafka.KafkaTestResource;
import io.raprelay.testing.mail.GreenMailTestResource;
import io.raprelay.testing.postgres.PostgresTestResource;

@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "purpose", value = "notifier"))
@QuarkusTestResource(GreenMailTestResource.class)
@QuarkusTestResource(SmsGatewayStubResource.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
class NotifierHealthTest {

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
        var metrics = given().when().get(management + "metrics").then().statusCode(200);
        for (String topic : new String[]{"rap.reports", "rap.fetch-events", "rap.report-overdue", "rap.archive-alerts",
                "rap.dead-letter-alerts"}) {
            metrics.body(containsString(
                    "raprelay_dead_letters_total{service=\"notifier\",topic=\"" + topic + "\"}"));
        }
    }

    @Test
    void alive() {
        given().when().get(management + "health/live").then().statusCode(200).body("status", equalTo("UP"));
    }
}
