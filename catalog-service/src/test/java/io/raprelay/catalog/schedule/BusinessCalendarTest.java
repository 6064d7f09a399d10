package io.raprelay.catalog.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;

class BusinessCalendarTest {

    private static BusinessCalendar shipped() throws IOException {
        try (InputStream in = BusinessCalendarTest.class.getClassLoader()
                .getResourceAsStream(CalendarService.SHIPPED)) {
            return BusinessCalendar.from1823(in);
        }
    }

    @Test
    void weekendsAndGeneralHolidaysAreClosedWithTheirReason() throws IOException {
        BusinessCalendar calendar = shipped();
        assertThat(calendar.closedReason(LocalDate.of(2025, 10, 1))).contains("National Day");
        assertThat(calendar.closedReason(LocalDate.of(2025, 6, 21))).contains("Saturday");
        assertThat(calendar.closedReason(LocalDate.of(2025, 6, 22))).contains("Sunday");
        assertThat(calendar.isBusinessDay(LocalDate.of(2025, 6, 20))).isTrue();
        assertThat(calendar.covers(LocalDate.of(2026, 5, 1))).isTrue();
        assertThat(calendar.covers(LocalDate.of(2027, 5, 1))).isFalse();
    }

    @Test
    void deadlinesCountBusinessDaysOverHolidaysAndWeekends() throws IOException {
        BusinessCalendar calendar = shipped();
        assertThat(calendar.plusBusinessDays(LocalDate.of(2025, 9, 30), 1)).isEqualTo(LocalDate.of(2025, 10, 2));
        assertThat(calendar.plusBusinessDays(LocalDate.of(2025, 12, 24), 1)).isEqualTo(LocalDate.of(2025, 12, 29));
        assertThat(calendar.plusBusinessDays(LocalDate.of(2025, 6, 20), 0)).isEqualTo(LocalDate.of(2025, 6, 20));
        assertThat(calendar.minusBusinessDays(LocalDate.of(2025, 10, 2), 1)).isEqualTo(LocalDate.of(2025, 9, 30));
        assertThat(calendar.minusBusinessDays(LocalDate.of(2025, 12, 29), 1)).isEqualTo(LocalDate.of(2025, 12, 24));
    }

    @Test
    void theEvesOfChristmasNewYearAndLunarNewYearAreHalfDays() throws IOException {
        BusinessCalendar calendar = shipped();
        assertThat(calendar.halfDay(LocalDate.of(2025, 12, 24))).contains("Christmas Eve");
        assertThat(calendar.halfDay(LocalDate.of(2025, 12, 31))).contains("New Year's Eve");
        assertThat(calendar.halfDay(LocalDate.of(2025, 1, 28))).contains("Lunar New Year's Eve");
        assertThat(calendar.halfDay(LocalDate.of(2026, 2, 16))).contains("Lunar New Year's Eve");
        assertThat(calendar.halfDay(LocalDate.of(2026, 12, 24))).contains("Christmas Eve");
        assertThat(calendar.halfDay(LocalDate.of(2025, 12, 23))).isEmpty();
    }

    @Test
    void feedDataWithAByteOrderMarkIsReadAndMalformedDataIsRefusedByName() throws IOException {
        String feed = "\uFEFF{\"vcalendar\":[{\"vevent\":[{\"dtstart\":[\"20270101\",{\"value\":\"DATE\"}],"
                + "\"summary\":\"The first day of January\"}]}]}";
        BusinessCalendar calendar = BusinessCalendar
                .from1823(new ByteArrayInputStream(feed.getBytes(StandardCharsets.UTF_8)));
        assertThat(calendar.closedReason(LocalDate.of(2027, 1, 1))).contains("The first day of January");

        assertThatThrownBy(() -> BusinessCalendar.from1823(new ByteArrayInputStream(
                "{\"vcalendar\":[{\"vevent\":[{\"dtstart\":[\"2027-01-01\"]}]}]}".getBytes(StandardCharsets.UTF_8))))
                .hasMessageContaining("vevent[0].dtstart[0]");
        assertThatThrownBy(() -> BusinessCalendar.from1823(new ByteArrayInputStream("{}".getBytes())))
                .hasMessageContaining("vcalendar[0].vevent[]");
    }
}
