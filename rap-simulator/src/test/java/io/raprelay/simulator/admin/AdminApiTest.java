package io.raprelay.simulator.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.raprelay.simulator.RapSimulator;
import io.raprelay.simulator.SimulatorConfig;

class AdminApiTest {

    @TempDir
    static Path dataDir;
    static RapSimulator simulator;
    static AdminApi api;
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        simulator = RapSimulator.start(SimulatorConfig.forTests(dataDir));
        api = new AdminApi(simulator, "127.0.0.1", 0);
    }

    @AfterAll
    static void stop() {
        api.close();
        simulator.close();
    }

    @Test
    void listsTheEightHostsWithTheirKeyFingerprints() throws Exception {
        HttpResponse<String> response = get("/api/hosts");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"hkscc-primary-1\"", "\"hkcc_seoch-secondary-2\"", "SHA256:");
    }

    @Test
    void stopsAndStartsAHost() throws Exception {
        assertThat(post("/api/hosts/hkscc-primary-2/stop").body()).contains("\"running\" : false");
        assertThat(simulator.host("hkscc-primary-2").isRunning()).isFalse();

        assertThat(post("/api/hosts/hkscc-primary-2/start").body()).contains("\"running\" : true");
    }

    @Test
    void publishesABusinessDayOnDemand() throws Exception {
        HttpResponse<String> response = post("/api/days/2025-06-19/publish");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("CCLTN05_B01234_20250619.txt", "RPF_250619.zip");
    }

    @Test
    void badInputIsA400AndAnUnknownHostA404() throws Exception {
        HttpResponse<String> badDate = post("/api/days/2025-13-40/publish");
        assertThat(badDate.statusCode()).isEqualTo(400);
        assertThat(badDate.headers().firstValue("Content-Type")).contains("application/problem+json");

        assertThat(post("/api/hosts/hkscc-primary-3/stop").statusCode()).isEqualTo(404);
        assertThat(post("/api/hosts/hkscc-primary-1/stall").body()).contains("after-bytes");
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static URI uri(String path) {
        return URI.create("http://127.0.0.1:" + api.port() + path);
    }
}
