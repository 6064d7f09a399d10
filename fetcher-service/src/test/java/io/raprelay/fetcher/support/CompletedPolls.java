package io.raprelay.fetcher.support;

import static io.restassured.RestAssured.given;

import java.net.URL;
import java.util.Arrays;

/** How many polls of one account have completed, and how many failed, from the fetcher's Prometheus metrics. */
public final class CompletedPolls {

    private CompletedPolls() {
    }

    /**
     * @param management
     *            the management interface, ending in {@code /q/}
     */
    public static double of(URL management, String account) {
        return sum(management, "rap_fetcher_poll_seconds_count", account);
    }

    /** Failed downloads and failed polls of one account so far (every reason). */
    public static double failures(URL management, String account) {
        return sum(management, "rap_fetcher_poll_failures_total", account);
    }

    /** Failed downloads and failed polls of one account so far, for one reason ({@code TIMEOUT}, ...). */
    public static double failures(URL management, String account, String reason) {
        return sum(management, "rap_fetcher_poll_failures_total", account, "reason=\"" + reason + "\"");
    }

    /** The sum of one metric's series for one account (and with every other label given, as {@code name="value"}). */
    private static double sum(URL management, String metric, String account, String... labels) {
        String metrics = given().when().get(management + "metrics").then().statusCode(200).extract().asString();
        return metrics.lines()
                .filter(l -> l.startsWith(metric) && l.contains("account=\"" + account + "\""))
                .filter(l -> Arrays.stream(labels).allMatch(l::contains))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                .sum();
    }
}
