package io.raprelay.catalog.api;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;

import io.raprelay.contracts.ClearingHouse;
import io.raprelay.contracts.DataCentre;
import io.raprelay.contracts.SourceSystem;

/**
 * A validated report search: every parameter checked and typed here, so the query is built only from known values.
 */
public record ReportQuery(Optional<LocalDate> from, Optional<LocalDate> to, Optional<ClearingHouse> clearingHouse,
        Optional<SourceSystem> sourceSystem, Optional<String> reportCode, Optional<String> participant,
        Optional<String> account, Optional<DataCentre> dataCentre, Optional<String> sha256, Optional<Status> status,
        Practice practice, Optional<String> practiceSession, boolean newestFirst, int limit, Optional<Cursor> after) {

    /**
     * Practice downloads in the result: left out by default (a search is about production), {@code include}d beside
     * production, or {@code only}. Naming a {@code practiceSession} implies {@code only}.
     */
    public enum Practice {
        EXCLUDE, INCLUDE, ONLY
    }

    /** A report's version status: fetched once, or re-issued by RAP (more than one version). */
    public enum Status {
        ORIGINAL, REISSUED
    }

    /** The {@code sort} values: by business date (then report key), oldest or newest first. */
    static final String OLDEST_FIRST = "businessDate";
    static final String NEWEST_FIRST = "-businessDate";

    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 500;
    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9_-]{1,32}");
    private static final Pattern ACCOUNT = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Pattern SHA_256 = Pattern.compile("[0-9a-f]{64}");

    /** The last row of a page: the next page starts after it (business date, then report key). */
    public record Cursor(LocalDate businessDate, String reportKey) {

        public String encode() {
            return Base64.getUrlEncoder().withoutPadding()
                    .encodeToString((businessDate + "|" + reportKey).getBytes(StandardCharsets.UTF_8));
        }

        static Cursor decode(String text) {
            try {
                String plain = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
                int bar = plain.indexOf('|');
                if (bar < 0 || bar == plain.length() - 1) {
                    throw new BadParameterException("cursor", "malformed; use nextCursor from the previous page");
                }
                return new Cursor(LocalDate.parse(plain.substring(0, bar)), plain.substring(bar + 1));
            } catch (IllegalArgumentException | DateTimeParseException e) {
                throw new BadParameterException("cursor", "malformed; use nextCursor from the previous page");
            }
        }
    }

    /** The same filters with another page size and position. */
    public ReportQuery withPaging(int newLimit, Optional<Cursor> newAfter) {
        return new ReportQuery(from, to, clearingHouse, sourceSystem, reportCode, participant, account, dataCentre,
                sha256, status, practice, practiceSession, newestFirst, newLimit, newAfter);
    }

    public static ReportQuery parse(String from, String to, String clearingHouse, String sourceSystem,
            String reportCode, String participant, String account, String dataCentre, String sha256, String status,
            String practice, String practiceSession, String sort, String limit, String cursor) {
        Optional<LocalDate> fromDate = date("from", from);
        Optional<LocalDate> toDate = date("to", to);
        if (fromDate.isPresent() && toDate.isPresent() && toDate.get().isBefore(fromDate.get())) {
            throw new BadParameterException("to", "is before from");
        }
        return new ReportQuery(fromDate, toDate, enumValue("clearingHouse", clearingHouse, ClearingHouse.class),
                enumValue("sourceSystem", sourceSystem, SourceSystem.class),
                matching("reportCode", reportCode, CODE), matching("participant", participant, CODE),
                matching("account", account, ACCOUNT), enumValue("dataCentre", dataCentre, DataCentre.class),
                matching("sha256", sha256 == null ? null : sha256.toLowerCase(), SHA_256),
                enumValue("status", status, Status.class),
                blank(practiceSession)
                        ? enumValue("practice", practice, Practice.class).orElse(Practice.EXCLUDE)
                        : Practice.ONLY,
                matching("practiceSession", practiceSession, ACCOUNT), newestFirst(sort), limit(limit),
                blank(cursor) ? Optional.empty() : Optional.of(Cursor.decode(cursor)));
    }

    static Optional<LocalDate> date(String name, String value) {
        if (blank(value)) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.parse(value));
        } catch (DateTimeParseException e) {
            throw new BadParameterException(name, "'" + value + "' is not a date (yyyy-MM-dd)");
        }
    }

    private static <E extends Enum<E>> Optional<E> enumValue(String name, String value, Class<E> type) {
        if (blank(value)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Enum.valueOf(type, value.toUpperCase()));
        } catch (IllegalArgumentException e) {
            throw new BadParameterException(name,
                    "unknown value '" + value + "'; one of " + Arrays.toString(type.getEnumConstants()));
        }
    }

    private static Optional<String> matching(String name, String value, Pattern pattern) {
        if (blank(value)) {
            return Optional.empty();
        }
        if (!pattern.matcher(value).matches()) {
            throw new BadParameterException(name, "'" + value + "' does not match " + pattern.pattern());
        }
        return Optional.of(value);
    }

    private static boolean newestFirst(String sort) {
        if (blank(sort) || sort.equals(OLDEST_FIRST)) {
            return false;
        }
        if (sort.equals(NEWEST_FIRST)) {
            return true;
        }
        throw new BadParameterException("sort", "'" + sort + "' is not one of " + OLDEST_FIRST + ", " + NEWEST_FIRST);
    }

    private static int limit(String value) {
        if (blank(value)) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(value);
            if (limit < 1 || limit > MAX_LIMIT) {
                throw new BadParameterException("limit", "must be between 1 and " + MAX_LIMIT);
            }
            return limit;
        } catch (NumberFormatException e) {
            throw new BadParameterException("limit", "'" + value + "' is not a number");
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
