import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Search latency for search.sh, one call at a time, each with a different parameter value. First every typical query
 * is called WARM_UP times, in turn, on the freshly started catalog: those calls are the cold figures (what the first
 * users after a restart see, while the JIT compiles). Then N timed calls of each query on the warm catalog, as a
 * catalog that has been serving for a while answers; prints p50, p99 and max of both. Signs its own bearer token
 * (RS256) with the key whose public half the catalog was started with.
 */
public class SearchLoad {

    private static final int WARM_UP = 100;

    private static final Pattern CURSOR = Pattern.compile("\"nextCursor\":\"([^\"]+)\"");
    private static final Pattern SHA = Pattern.compile("\"sha256\":\"([0-9a-f]{64})\"");

    public static void main(String[] args) throws Exception {
        String base = args[0];
        PrivateKey key = KeyFactory.getInstance("RSA").generatePrivate(
                new PKCS8EncodedKeySpec(Base64.getMimeDecoder().decode(Files.readString(Path.of(args[1]))
                        .replaceAll("-----[A-Z ]+-----", ""))));
        int runs = Integer.parseInt(args[2]);
        String token = token(key);
        HttpClient http = HttpClient.newHttpClient();

        // Some real checksums to look up: from a page of results.
        String page = get(http, base, token, "/api/reports?from=2024-03-01&to=2024-03-01&limit=500");
        List<String> shas = new ArrayList<>();
        for (Matcher m = SHA.matcher(page); m.find();) {
            shas.add(m.group(1));
        }
        if (shas.isEmpty()) {
            throw new IllegalStateException("no reports found: " + page);
        }

        List<Named> queries = new ArrayList<>();
        queries.add(new Named("one day, one clearing house, first page of 100",
                i -> "/api/reports?from=" + day(i) + "&to=" + day(i) + "&clearingHouse=HKSCC"));
        queries.add(new Named("report code and participant over a month",
                i -> "/api/reports?from=2024-" + month(i) + "-01&to=2024-" + month(i) + "-28&reportCode=CCLTN05"
                        + "&participant=B" + (10000 + i % 400)));
        queries.add(new Named("account over a week",
                i -> "/api/reports?from=" + day(i) + "&to=" + java.time.LocalDate.parse(day(i)).plusDays(6)
                        + "&account=rapb" + (10000 + i % 400)));
        queries.add(new Named("checksum (SHA-256)", i -> "/api/reports?sha256=" + shas.get(i % shas.size())));
        queries.add(new Named("source system over a month, 5th page of 100 (keyset cursor)", i -> {
            String path = "/api/reports?from=2024-" + month(i) + "-01&to=2024-" + month(i) + "-28&sourceSystem=VAR";
            String cursor = null;
            for (int p = 0; p < 4; p++) {
                Matcher m = CURSOR.matcher(get(http, base, token, path + (cursor == null ? "" : "&cursor=" + cursor)));
                cursor = m.find() ? URLEncoder.encode(m.group(1), StandardCharsets.UTF_8) : null;
            }
            return path + "&cursor=" + cursor;
        }));
        queries.add(new Named("report detail by key",
                i -> "/api/reports/HKSCC/rapb" + (10000 + i % 400) + "/INBOX/" + day(i).replace("-", "") + "/CCLTN05_B"
                        + (10000 + i % 400) + "_" + day(i).replace("-", "") + ".txt"));
        queries.add(new Named("completeness of a business day", i -> "/api/completeness/" + day(i)));

        List<List<Double>> cold = new ArrayList<>();
        for (Named query : queries) {
            cold.add(time(http, base, token, WARM_UP, i -> query.path().apply(i + 1000)));
        }
        System.out.println("| query | p50 | p99 | max | cold: p50, max of the first " + WARM_UP + " calls after start |");
        System.out.println("|---|---|---|---|---|");
        for (int q = 0; q < queries.size(); q++) {
            List<Double> warm = time(http, base, token, runs, queries.get(q).path());
            System.out.printf("| %s | %.1f ms | %.1f ms | %.1f ms | %.1f ms, %.1f ms |%n", queries.get(q).what(),
                    percentile(warm, 50), percentile(warm, 99), percentile(warm, 100), percentile(cold.get(q), 50),
                    percentile(cold.get(q), 100));
        }
    }

    record Named(String what, Query path) {
    }

    /** The path of the i-th call; may itself call the API (to walk to a cursor), untimed. */
    interface Query {
        String apply(int i) throws Exception;
    }

    /** Sorted times in milliseconds of {@code calls} calls, one at a time. */
    private static List<Double> time(HttpClient http, String base, String token, int calls, Query path)
            throws Exception {
        List<Double> millis = new ArrayList<>();
        for (int i = 0; i < calls; i++) {
            String p = path.apply(i);
            long start = System.nanoTime();
            get(http, base, token, p);
            millis.add((System.nanoTime() - start) / 1e6);
        }
        Collections.sort(millis);
        return millis;
    }

    private static double percentile(List<Double> sorted, int percent) {
        return sorted.get((int) Math.ceil(sorted.size() * percent / 100.0) - 1);
    }

    private static String get(HttpClient http, String base, String token, String path) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(path + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    /** Weekdays of 2024 only, so each call hits a day with reports. */
    private static String day(int i) {
        java.time.LocalDate day = java.time.LocalDate.of(2024, 1, 1).plusDays((i * 7L) % 350);
        while (day.getDayOfWeek().getValue() > 5) {
            day = day.plusDays(1);
        }
        return day.toString();
    }

    private static String month(int i) {
        return String.format("%02d", 1 + i % 12);
    }

    private static String token(PrivateKey key) throws Exception {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        long now = Instant.now().getEpochSecond();
        String header = b64.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String claims = b64.encodeToString(("{\"sub\":\"bench\",\"aud\":\"rap-relay-catalog\",\"preferred_username\":\"bench\","
                + "\"realm_access\":{\"roles\":[\"auditor\"]},"
                + "\"iat\":" + now + ",\"exp\":" + (now + 3600) + "}").getBytes(StandardCharsets.UTF_8));
        Signature rsa = Signature.getInstance("SHA256withRSA");
        rsa.initSign(key);
        rsa.update((header + "." + claims).getBytes(StandardCharsets.US_ASCII));
        return header + "." + claims + "." + b64.encodeToString(rsa.sign());
    }
}
