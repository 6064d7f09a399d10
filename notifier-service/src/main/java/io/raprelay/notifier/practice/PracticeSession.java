package io.raprelay.notifier.practice;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Comparator;
import java.util.List;

import io.raprelay.contracts.DataCentre;

/** A practice session (drill) as configured: its day and parts, each a time window (HKT) on one data centre. */
public record PracticeSession(String id, LocalDate date, List<Part> parts) {

    public record Part(String name, LocalTime start, LocalTime end, DataCentre dataCentre) {
    }

    /** The June 2025 session of the circular: part 1 on the secondary data centre, part 2 back on the primary. */
    public static PracticeSession june2025() {
        return new PracticeSession("2025-06-21", LocalDate.of(2025, 6, 21), List.of(
                new Part("Part 1: download from the secondary data centre", LocalTime.of(14, 0), LocalTime.of(16, 0),
                        DataCentre.SECONDARY),
                new Part("Part 2: log in on the primary data centre", LocalTime.of(18, 0), LocalTime.of(19, 0),
                        DataCentre.PRIMARY)));
    }

    Instant start() {
        return at(parts.stream().map(Part::start).min(Comparator.naturalOrder()).orElseThrow());
    }

    Instant end() {
        return at(parts.stream().map(Part::end).max(Comparator.naturalOrder()).orElseThrow());
    }

    Instant at(LocalTime time) {
        return date.atTime(time).atZone(PracticeRules.HONG_KONG).toInstant();
    }
}
