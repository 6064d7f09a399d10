package io.raprelay.e2e;

import static io.raprelay.e2e.WholeSystem.downstream;
import static io.raprelay.e2e.WholeSystem.system;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;

import io.raprelay.contracts.ReportArrived;
import io.restassured.path.json.JsonPath;

/**
 * What the end-to-end scenarios do to the running system and read from it, as its users would: files dropped into
 * the simulator's tree, the catalog's API, the outbox's mail and SMS, the downstream view of {@code rap.reports}, and
 * the machine's PostgreSQL cluster.
 */
final class SystemProbe {

    static final Duration WAIT = Duration.ofMinutes(3);

    private SystemProbe() {
    }

    /** 150 HKSCC and 75 HKCC files of 20-200 KB appear at once (written aside, then moved in). */
    static Map<String, String> publishBurst(String day, long seed) throws IOException {
        Map<String, String> files = new HashMap<>();
        files.putAll(burstFor("HKSCC/rapb01234", "CSEMA08_B01234", day, 150, seed));
        files.putAll(burstFor("HKCC_SEOCH/raphkcc01", "DCSIM01_HKCC01", day, 75, seed + 100));
        return files;
    }

    static Map<String, String> burstFor(String account, String prefix, String day, int count, long seed)
            throws IOException {
        Path staging = Files.createDirectories(system().work.resolve("staging").resolve(account).resolve(day));
        Random random = new Random(seed);
        Map<String, String> files = new HashMap<>();
        for (int i = 0; i < count; i++) {
            String name = "%s_%s_%03d.txt".formatted(prefix, day, i);
            Path file = Files.write(staging.resolve(name), bytes(random, 20_000 + random.nextInt(180_000)));
            files.put(account + "/INBOX/" + day + "/" + name, sha256(file));
        }
        Path inbox = Files.createDirectories(system().work.resolve("rap-simulator/tree").resolve(account)
                .resolve("INBOX"));
        Files.move(staging, inbox.resolve(day));
        return files;
    }

    /** Waits until part of the burst is in the catalog; returns how much. */
    static int awaitPartly(Map<String, String> burst) {
        return await().atMost(WAIT).pollInterval(Duration.ofMillis(200))
                .until(() -> catalogSha256(burst.keySet()).size(), n -> n >= 5);
    }

    static long arrivalsOf(Set<String> keys) {
        return downstream().events(ReportArrived.class).stream().filter(e -> keys.contains(e.reportKey())).count();
    }

    static void simulatorAdmin(String path) {
        given().baseUri(system().url("SIMULATOR_ADMIN_PORT")).post(path).then().statusCode(200);
    }

    static void postgres(String action) throws IOException, InterruptedException {
        String[] versions = new File("/etc/postgresql").list();
        assertThat(versions).as("the machine's PostgreSQL cluster (pg_ctlcluster)").isNotEmpty();
        String version = Stream.of(versions).max(Comparator.comparingInt(Integer::parseInt)).orElseThrow();
        Process process = new ProcessBuilder("pg_ctlcluster", "--skip-systemctl-redirect", version, "main", action)
                .inheritIO().start();
        assertThat(process.waitFor()).as("pg_ctlcluster %s", action).isZero();
    }

    static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** SHA-256 of each file the simulator serves, by report key (installation/account/remote path). */
    static Map<String, String> simulatorFiles(Predicate<String> keys) throws IOException {
        Path tree = system().work.resolve("rap-simulator/tree");
        try (Stream<Path> files = Files.walk(tree)) {
            Map<String, String> sha256ByKey = new HashMap<>();
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String key = tree.relativize(file).toString();
                if (keys.test(key)) {
                    sha256ByKey.put(key, sha256(file));
                }
            }
            return sha256ByKey;
        }
    }

    /** The catalog's latest SHA-256 of each of these reports (absent ones left out). */
    static Map<String, String> catalogSha256(Set<String> keys) {
        Map<String, String> found = new HashMap<>();
        catalogItems(keys).forEach((key, item) -> {
            @SuppressWarnings("unchecked")
            Map<String, Object> latest = (Map<String, Object>) item.get("latest");
            found.put(key, (String) latest.get("sha256"));
        });
        return found;
    }

    /** How many versions the catalog has of each of these reports. */
    static Map<String, Integer> catalogVersions(Set<String> keys) {
        Map<String, Integer> found = new HashMap<>();
        catalogItems(keys).forEach((key, item) -> found.put(key, (Integer) item.get("latestVersion")));
        return found;
    }

    static Map<String, Map<String, Object>> catalogItems(Set<String> keys) {
        Map<String, Map<String, Object>> found = new HashMap<>();
        String cursor = null;
        do {
            var request = system().as("audrey", "CATALOG_PORT").queryParam("limit", 500);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            JsonPath page = request.get("/api/reports").then().statusCode(200).extract().jsonPath();
            List<Map<String, Object>> items = page.getList("items");
            for (Map<String, Object> item : items) {
                String key = (String) item.get("reportKey");
                if (keys.contains(key)) {
                    found.put(key, item);
                }
            }
            cursor = page.getString("nextCursor");
        } while (cursor != null);
        return found;
    }

    static List<ReportArrived> arrivals(String reportKey) {
        return downstream().events(ReportArrived.class).stream().filter(e -> e.reportKey().equals(reportKey)).toList();
    }

    /** Subjects of the mails to {@code address} whose subject contains {@code text}. */
    static List<String> mails(String address, String text) {
        List<Map<String, Object>> messages = given().get(system().url("OUTBOX_PORT") + "/messages").then()
                .statusCode(200).extract().jsonPath().getList("$");
        return messages.stream().filter(m -> ((List<?>) m.get("to")).stream().anyMatch(
                to -> to.toString().contains(address))).map(m -> (String) m.get("subject"))
                .filter(s -> s.contains(text)).toList();
    }

    static List<String> sms(String mobile) {
        List<Map<String, Object>> messages = given().get(system().url("OUTBOX_PORT") + "/sms").then().statusCode(200)
                .extract().jsonPath().getList("$");
        return messages.stream().filter(m -> mobile.equals(m.get("to"))).map(m -> (String) m.get("text")).toList();
    }

    static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = in.read(buffer)) > 0;) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] bytes(Random random, int size) {
        byte[] content = new byte[size];
        random.nextBytes(content);
        return content;
    }

    /**
     * Makes a database read-only as a fail-over to a standby does, or writable again as its promotion does: new
     * sessions take the setting, and the old ones are cut as a fail-over cuts them.
     */
    static void setReadOnly(String database, boolean readOnly) throws SQLException {
        try (Connection admin = WholeSystem.POSTGRES.connect("postgres"); Statement sql = admin.createStatement()) {
            sql.execute("alter database \"" + database + "\" " + (readOnly
                    ? "set default_transaction_read_only = on"
                    : "reset default_transaction_read_only"));
            sql.execute("select pg_terminate_backend(pid) from pg_stat_activity where datname = '" + database
                    + "' and pid <> pg_backend_pid()");
        }
    }

    /** How many of these event ids the catalog recorded as applied. */
    static int processedByCatalog(List<String> eventIds) throws SQLException {
        return countIn(WholeSystem.catalogDb(), "select count(*) from processed_event where event_id = any (?)",
                eventIds);
    }

    /** How many of these arrivals the notifier holds for its digests. */
    static int digestEntries(List<String> eventIds) throws SQLException {
        return countIn(WholeSystem.notifierDb(), "select count(*) from arrival where event_id = any (?)", eventIds);
    }

    private static int countIn(String database, String query, List<String> ids) throws SQLException {
        try (Connection db = WholeSystem.POSTGRES.connect(database);
                PreparedStatement sql = db.prepareStatement(query)) {
            sql.setArray(1, db.createArrayOf("varchar", ids.toArray()));
            try (ResultSet result = sql.executeQuery()) {
                result.next();
                return result.getInt(1);
            }
        }
    }

    /** The id of the contact with this email address. */
    static long contactId(String email) {
        List<Map<String, Object>> contacts = system().as("oscar", "NOTIFIER_PORT").get("/api/contacts").then()
                .statusCode(200).extract().jsonPath().getList("$");
        return contacts.stream().filter(c -> email.equals(c.get("email"))).map(c -> ((Number) c.get("id")).longValue())
                .findFirst().orElseThrow();
    }

    /** The channels by which the notifier delivered one event's notice to one contact (its delivery log). */
    static List<String> sentTo(long contactId, String eventId) {
        return deliveries(contactId, eventId).stream().filter(n -> "SENT".equals(n.get("status")))
                .map(n -> (String) n.get("channel")).toList();
    }

    /** The statuses of one event's notices to one contact, whatever became of them. */
    static List<String> noticesFor(long contactId, String eventId) {
        return deliveries(contactId, eventId).stream().map(n -> (String) n.get("status")).toList();
    }

    /** Failed attempts recorded for one event's notices to one contact. */
    static int failedAttempts(long contactId, String eventId) {
        return deliveries(contactId, eventId).stream()
                .mapToInt(n -> (int) ((List<?>) n.get("deliveryAttempts")).stream()
                        .filter(a -> "FAILED".equals(((Map<?, ?>) a).get("outcome"))).count())
                .sum();
    }

    private static List<Map<String, Object>> deliveries(long contactId, String eventId) {
        return system().as("audrey", "NOTIFIER_PORT").queryParam("contactId", contactId).queryParam("eventId", eventId)
                .get("/api/deliveries").then().statusCode(200).extract().jsonPath().getList("$");
    }

    /** A fault's report counts: expected, in the catalog with the expected checksum, versions beyond the expected. */
    static FaultMatrix.Reports reports(Map<String, String> expected, int versionsEach) {
        Map<String, String> found = catalogSha256(expected.keySet());
        int matching = (int) expected.entrySet().stream().filter(e -> e.getValue().equals(found.get(e.getKey())))
                .count();
        int extra = catalogVersions(expected.keySet()).values().stream().mapToInt(v -> Math.max(0, v - versionsEach))
                .sum();
        return new FaultMatrix.Reports(expected.size(), matching, extra);
    }
}
