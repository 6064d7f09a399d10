package io.raprelay.catalog.schedule;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.TextStyle;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * HKEX business days: not a Saturday, a Sunday or a Hong Kong general holiday. Holidays come from the 1823 open-data
 * feed's iCal-as-JSON ({@code vcalendar[0].vevent[]}, {@code dtstart} a {@code YYYYMMDD} date, UTF-8 BOM allowed).
 * The eves of Christmas, New Year and Lunar New Year are half days: business days, marked as such.
 */
public final class BusinessCalendar {

    private static final DateTimeFormatter BASIC = DateTimeFormatter.BASIC_ISO_DATE;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<LocalDate, String> holidays;
    private final Map<LocalDate, String> halfDays = new TreeMap<>();

    private BusinessCalendar(Map<LocalDate, String> holidays) {
        this.holidays = Collections.unmodifiableMap(holidays);
        holidays.keySet().stream().map(LocalDate::getYear).distinct().forEach(year -> {
            halfDays.put(LocalDate.of(year, 12, 24), "Christmas Eve");
            halfDays.put(LocalDate.of(year, 12, 31), "New Year's Eve");
        });
        holidays.forEach((day, name) -> lunarNewYearsDay(day, name)
                .ifPresent(first -> halfDays.put(first.minusDays(1), "Lunar New Year's Eve")));
    }

    /** Reads the 1823 feed's JSON; refuses anything else with a message naming what is wrong. */
    public static BusinessCalendar from1823(InputStream json) throws IOException {
        byte[] bytes = json.readAllBytes();
        String text = new String(bytes, StandardCharsets.UTF_8).replaceFirst("^\uFEFF", "");
        JsonNode events = JSON.readTree(text).path("vcalendar").path(0).path("vevent");
        if (!events.isArray() || events.isEmpty()) {
            throw new IllegalArgumentException("not 1823 holiday data: vcalendar[0].vevent[] is missing or empty");
        }
        Map<LocalDate, String> holidays = new TreeMap<>();
        for (int i = 0; i < events.size(); i++) {
            JsonNode event = events.get(i);
            String start = event.path("dtstart").path(0).asText("");
            try {
                holidays.put(LocalDate.parse(start, BASIC), event.path("summary").asText("holiday"));
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("vcalendar[0].vevent[" + i + "].dtstart[0] is not a YYYYMMDD date: '"
                        + start + "'");
            }
        }
        return new BusinessCalendar(holidays);
    }

    /** Why the day is not a business day (the weekday or the holiday's name), or empty when it is one. */
    public Optional<String> closedReason(LocalDate day) {
        if (day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY) {
            return Optional.of(day.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH));
        }
        return Optional.ofNullable(holidays.get(day));
    }

    public boolean isBusinessDay(LocalDate day) {
        return closedReason(day).isEmpty();
    }

    /** The eve's name when the day is a half business day (Christmas, New Year, Lunar New Year eves). */
    public Optional<String> halfDay(LocalDate day) {
        return isBusinessDay(day) ? Optional.ofNullable(halfDays.get(day)) : Optional.empty();
    }

    /** The business day {@code count} business days after {@code day} (0: the day itself). */
    public LocalDate plusBusinessDays(LocalDate day, int count) {
        LocalDate result = day;
        for (int i = 0; i < count; i++) {
            do {
                result = result.plusDays(1);
            } while (!isBusinessDay(result));
        }
        return result;
    }

    /** The business day {@code count} business days before {@code day} (0: the day itself). */
    public LocalDate minusBusinessDays(LocalDate day, int count) {
        LocalDate result = day;
        for (int i = 0; i < count; i++) {
            do {
                result = result.minusDays(1);
            } while (!isBusinessDay(result));
        }
        return result;
    }

    /** True when the holiday data covers the day's year: outside it, only weekends are known. */
    public boolean covers(LocalDate day) {
        return holidays.keySet().stream().anyMatch(h -> h.getYear() == day.getYear());
    }

    public Map<LocalDate, String> holidays() {
        return holidays;
    }

    /**
     * Lunar New Year's Day for the first holiday of a Lunar New Year run. When the day itself falls on a Sunday the
     * feed lists only the following days ("The second day of Lunar New Year", ...), so the ordinal is counted back.
     */
    private Optional<LocalDate> lunarNewYearsDay(LocalDate day, String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (!lower.contains("lunar new year")) {
            return Optional.empty();
        }
        int ordinal = lower.contains("second") ? 1 : lower.contains("third") ? 2 : lower.contains("fourth") ? 3 : 0;
        LocalDate first = day.minusDays(ordinal);
        boolean earlierListed = holidays.keySet().stream()
                .anyMatch(h -> h.isBefore(day) && !h.isBefore(first) && holidays.get(h).toLowerCase(Locale.ROOT)
                        .contains("lunar new year"));
        return earlierListed ? Optional.empty() : Optional.of(first);
    }
}
