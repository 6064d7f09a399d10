package io.raprelay.contracts;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.jboss.logging.MDC;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;

/**
 * How one report's trace crosses the services. The W3C trace context ({@code traceparent}, {@code tracestate}) rides
 * in each Kafka record's headers (Reactive Messaging writes it when it publishes) and, where work waits for later, in
 * a text column (a planned notification, an arrival waiting for its digest). A span entered here is current for the
 * work it covers, and its ids are in the log's MDC ({@code traceId}, {@code spanId}, the names Quarkus uses on its
 * own threads), so every log line written inside it names its trace. With tracing off every span is invalid and all
 * of this costs nothing and writes nothing.
 */
public final class Traces {

    public static final String TRACEPARENT = "traceparent";
    private static final W3CTraceContextPropagator W3C = W3CTraceContextPropagator.getInstance();

    private static final TextMapGetter<Headers> HEADERS = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Headers headers) {
            List<String> keys = new ArrayList<>();
            headers.forEach(header -> keys.add(header.key()));
            return keys;
        }

        @Override
        public String get(Headers headers, String key) {
            Header header = headers == null ? null : headers.lastHeader(key);
            return header == null || header.value() == null
                    ? null
                    : new String(header.value(), StandardCharsets.UTF_8);
        }
    };

    private static final TextMapGetter<Map<String, String>> MAP = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
            return carrier.keySet();
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
            return carrier == null ? null : carrier.get(key);
        }
    };

    private Traces() {
    }

    /** The trace a record belongs to, from its headers; the root context when it carries none. */
    public static Context fromHeaders(Headers headers) {
        return W3C.extract(Context.root(), headers, HEADERS);
    }

    /** The trace a stored {@code traceparent} names; the root context for null or a malformed value. */
    public static Context fromTraceparent(String traceparent) {
        if (traceparent == null || traceparent.isBlank()) {
            return Context.root();
        }
        return W3C.extract(Context.root(), Map.of(TRACEPARENT, traceparent), MAP);
    }

    /** The current span's {@code traceparent}, to be stored with work done later; null without a valid span. */
    public static String traceparent() {
        Map<String, String> carrier = new HashMap<>();
        W3C.inject(Context.current(), carrier, Map::put);
        return carrier.get(TRACEPARENT);
    }

    /** Makes the span current and puts its ids in the log's MDC until the scope closes. */
    public static Scope enter(Span span) {
        Scope scope = span.makeCurrent();
        SpanContext ids = span.getSpanContext();
        if (!ids.isValid()) {
            return scope;
        }
        Object traceId = MDC.put("traceId", ids.getTraceId());
        Object spanId = MDC.put("spanId", ids.getSpanId());
        return () -> {
            restore("traceId", traceId);
            restore("spanId", spanId);
            scope.close();
        };
    }

    /** Marks the span failed with the exception, as a trace viewer shows it. */
    public static void failed(Span span, Throwable error) {
        span.recordException(error);
        span.setStatus(StatusCode.ERROR, String.valueOf(error.getMessage()));
    }

    private static void restore(String key, Object previous) {
        if (previous == null) {
            MDC.remove(key);
        } else {
            MDC.put(key, previous);
        }
    }
}
