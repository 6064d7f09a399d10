package io.raprelay.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPInputStream;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A trace collector as the services see one: it takes OTLP/HTTP exports ({@code POST /v1/traces}, protobuf) and keeps
 * every span with its service, ids, name and attributes. The protobuf is read by hand (the few fields of
 * {@code ExportTraceServiceRequest} a test needs), so the test depends on nothing the services use.
 */
final class OtlpReceiver implements AutoCloseable {

    /** One exported span. Ids in lower-case hex, as in a {@code traceparent}. */
    record ExportedSpan(String service, String traceId, String spanId, String parentSpanId, String name,
            Map<String, String> attributes) {
    }

    private static final HexFormat HEX = HexFormat.of();

    private final HttpServer server;
    private final List<ExportedSpan> spans = new CopyOnWriteArrayList<>();

    OtlpReceiver(int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.createContext("/", this::export);
        server.start();
    }

    String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    List<ExportedSpan> spans() {
        return List.copyOf(spans);
    }

    private void export(HttpExchange exchange) throws IOException {
        try (exchange) {
            InputStream body = exchange.getRequestBody();
            if ("gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
                body = new GZIPInputStream(body);
            }
            byte[] request = body.readAllBytes();
            try {
                for (byte[] resourceSpans : new Fields(request).all(1)) {
                    readResourceSpans(resourceSpans);
                }
            } catch (RuntimeException e) {
                exchange.sendResponseHeaders(400, -1);
                return;
            }
            exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
            exchange.sendResponseHeaders(200, -1); // an empty ExportTraceServiceResponse: everything accepted
        }
    }

    private void readResourceSpans(byte[] resourceSpans) {
        Fields fields = new Fields(resourceSpans);
        String service = "";
        for (byte[] resource : fields.all(1)) {
            service = attributes(new Fields(resource).all(1)).getOrDefault("service.name", "");
        }
        for (byte[] scopeSpans : fields.all(2)) {
            for (byte[] span : new Fields(scopeSpans).all(2)) {
                Fields f = new Fields(span);
                spans.add(new ExportedSpan(service, hex(f.first(1)), hex(f.first(2)), hex(f.first(4)),
                        text(f.first(5)), attributes(f.all(9))));
            }
        }
    }

    /** KeyValue {1: key, 2: AnyValue {1: string, 2: bool, 3: int, 4: double}}; other kinds are left out. */
    private static Map<String, String> attributes(List<byte[]> keyValues) {
        Map<String, String> attributes = new LinkedHashMap<>();
        for (byte[] keyValue : keyValues) {
            Fields kv = new Fields(keyValue);
            Fields value = new Fields(kv.first(2) == null ? new byte[0] : kv.first(2));
            String text = value.first(1) != null
                    ? text(value.first(1))
                    : value.varint(2) != null
                            ? String.valueOf(value.varint(2) != 0)
                            : value.varint(3) != null
                                    ? String.valueOf(value.varint(3))
                                    : null;
            if (text != null) {
                attributes.put(text(kv.first(1)), text);
            }
        }
        return attributes;
    }

    private static String hex(byte[] bytes) {
        return bytes == null || bytes.length == 0 ? "" : HEX.formatHex(bytes);
    }

    private static String text(byte[] bytes) {
        return bytes == null ? "" : new String(bytes, StandardCharsets.UTF_8);
    }

    /** The fields of one protobuf message: length-delimited ones as bytes, varints as numbers. */
    private static final class Fields {

        private final Map<Integer, List<byte[]>> delimited = new LinkedHashMap<>();
        private final Map<Integer, Long> varints = new LinkedHashMap<>();

        Fields(byte[] message) {
            ByteBuffer in = ByteBuffer.wrap(message);
            while (in.hasRemaining()) {
                long tag = readVarint(in);
                int field = (int) (tag >>> 3);
                switch ((int) (tag & 7)) {
                    case 0 -> varints.put(field, readVarint(in));
                    case 1 -> in.position(in.position() + 8);
                    case 2 -> delimited.computeIfAbsent(field, k -> new ArrayList<>())
                            .add(readBytes(in, (int) readVarint(in)));
                    case 5 -> in.position(in.position() + 4);
                    default -> throw new IllegalArgumentException("wire type " + (tag & 7));
                }
            }
        }

        List<byte[]> all(int field) {
            return delimited.getOrDefault(field, List.of());
        }

        byte[] first(int field) {
            List<byte[]> values = all(field);
            return values.isEmpty() ? null : values.get(0);
        }

        Long varint(int field) {
            return varints.get(field);
        }

        private static long readVarint(ByteBuffer in) {
            long value = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                if (!in.hasRemaining()) {
                    throw new IllegalArgumentException("truncated varint");
                }
                int b = in.get() & 0xff;
                value |= (long) (b & 0x7f) << shift;
                if ((b & 0x80) == 0) {
                    return value;
                }
            }
            throw new IllegalArgumentException("varint too long");
        }

        private static byte[] readBytes(ByteBuffer in, int length) {
            if (length < 0 || length > in.remaining()) {
                throw new IllegalArgumentException("truncated field");
            }
            byte[] bytes = new byte[length];
            in.get(bytes);
            return bytes;
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
