package io.raprelay.fetcher.support;

import static io.restassured.RestAssured.given;

import java.net.URL;

/** How many polls of one account have completed, from the fetcher's Prometheus metrics. */
public final class CompletedPolls {

    private CompletedPolls() {
    }

    /**
     * @param management
     *            the management interface, ending in {@code /q/}
     */
    public static double of(URL management, String account) {
        String metrics = given().when().get(management + "metrics").then().statusCode(200).extract().asString();
        return metrics.lines()
                .filter(l -> l.startsWith("rap_fetcher_poll_seconds_count")
                        && l.contains("account=\"" + account + "\""))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                .sum();
    }
}
