package io.raprelay.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.jboss.logging.MDC;
import org.junit.jupiter.api.Test;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;

class TracesTest {

    private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String SPAN = "00f067aa0ba902b7";
    private static final String TRACEPARENT = "00-" + TRACE + "-" + SPAN + "-01";

    private static Span span() {
        return Span.wrap(SpanContext.create(TRACE, SPAN, TraceFlags.getSampled(), TraceState.getDefault()));
    }

    @Test
    void aRecordsTraceparentHeaderNamesItsTrace() {
        RecordHeaders headers = new RecordHeaders();
        headers.add("ce_type", "rap.report.arrived.v1".getBytes(StandardCharsets.UTF_8));
        headers.add(Traces.TRACEPARENT, TRACEPARENT.getBytes(StandardCharsets.UTF_8));

        SpanContext parent = Span.fromContext(Traces.fromHeaders(headers)).getSpanContext();

        assertThat(parent.getTraceId()).isEqualTo(TRACE);
        assertThat(parent.getSpanId()).isEqualTo(SPAN);
        assertThat(parent.isRemote()).isTrue();
        assertThat(Span.fromContext(Traces.fromHeaders(new RecordHeaders())).getSpanContext().isValid())
                .as("a record without the header starts no trace of its own here").isFalse();
    }

    @Test
    void theCurrentSpanIsStoredAsTraceparentAndReadBack() {
        assertThat(Traces.traceparent()).as("no span: nothing to store").isNull();
        try (Scope scope = span().makeCurrent()) {
            assertThat(Traces.traceparent()).isEqualTo(TRACEPARENT);
        }
        assertThat(Span.fromContext(Traces.fromTraceparent(TRACEPARENT)).getSpanContext().getTraceId())
                .isEqualTo(TRACE);
        assertThat(Traces.fromTraceparent(null)).isSameAs(Context.root());
        assertThat(Span.fromContext(Traces.fromTraceparent("00-not-a-trace-01")).getSpanContext().isValid())
                .as("a malformed value is no trace").isFalse();
    }

    @Test
    void logLinesInsideASpanNameItsTraceAndNoneAfter() {
        try (Scope scope = Traces.enter(span())) {
            assertThat(MDC.get("traceId")).isEqualTo(TRACE);
            assertThat(MDC.get("spanId")).isEqualTo(SPAN);
            assertThat(Span.current().getSpanContext().getTraceId()).isEqualTo(TRACE);
        }
        assertThat(MDC.get("traceId")).isNull();
        assertThat(MDC.get("spanId")).isNull();
        assertThat(Span.current().getSpanContext().isValid()).isFalse();
    }
}
