package io.raprelay.testing.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.raprelay.contracts.ClearingHouse;
import io.raprelay.contracts.EventType;
import io.raprelay.contracts.FetchFailed;
import io.raprelay.contracts.RapEvent;
import io.raprelay.contracts.ReportArrived;
import io.raprelay.contracts.SourceSystem;

class MaximalEventsTest {

    @ParameterizedTest
    @EnumSource(EventType.class)
    void everyTypeHasDistinctValidEventsAtTheLimits(EventType type) {
        List<RapEvent> events = MaximalEvents.of(type);
        assertThat(events).hasSizeGreaterThanOrEqualTo(2).allMatch(e -> e.type() == type);
        assertThat(events.stream().map(RapEvent::eventId).distinct()).hasSize(events.size());
        assertThat(events).allSatisfy(e -> assertThat(e.eventId()).hasSize(128));
    }

    @Test
    void reportArrivedFillsEveryFieldAndCoversEveryEnumValue() {
        List<ReportArrived> events = MaximalEvents.of(EventType.REPORT_ARRIVED).stream()
                .map(ReportArrived.class::cast).toList();
        ReportArrived first = events.get(0);
        assertThat(first.reportKey()).hasSize(512);
        assertThat(first.remotePath()).hasSize(1024);
        assertThat(first.archiveLocation()).hasSize(2048);
        assertThat(first.reportCode()).hasSize(32);
        assertThat(first.size()).isEqualTo(9_007_199_254_740_991L);
        assertThat(events.stream().map(ReportArrived::sourceSystem).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder(SourceSystem.values());
        assertThat(events.stream().map(ReportArrived::clearingHouse).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder(ClearingHouse.values());
        assertThat(events.stream().map(ReportArrived::practiceSession).distinct()).hasSize(2);
    }

    @Test
    void arraysAreFilledToTheirMaximumItems() {
        FetchFailed failed = (FetchFailed) MaximalEvents.of(EventType.FETCH_FAILED).get(0);
        assertThat(failed.hostsTried()).hasSize(8).allSatisfy(h -> assertThat(h).hasSize(255));
        assertThat(failed.attempts()).isEqualTo(Integer.MAX_VALUE);
    }
}
