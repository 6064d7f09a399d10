package io.raprelay.catalog;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The catalog's own options ({@code catalog.*}); every one is listed in docs/configuration.md. */
@ConfigMapping(prefix = "catalog")
public interface CatalogConfig {

    /**
     * Practice-session windows, each {@code start/end} as ISO date-times with offset (e.g.
     * {@code 2025-06-21T09:00+08:00/2025-06-21T17:00+08:00}): reports fetched inside one are practice reports, kept
     * and searchable but never counted in completeness.
     */
    Optional<List<String>> practiceWindows();

    /**
     * The fetcher's archive root as the catalog sees it (read-only is enough): downloads are found here from the
     * report's identity, never from a location an event names.
     */
    @WithDefault("data/fetcher/archive")
    Path archiveRoot();

    /** Holiday data in the 1823 feed's JSON; empty: the copy shipped with the service (or a newer upload). */
    Optional<Path> calendarFile();

    Overdue overdue();

    /** When and how far back missing reports are announced ({@code ReportOverdue}). */
    interface Overdue {

        /** How often deadlines are checked: a duration such as {@code 60s}, or {@code off}. */
        @WithDefault("60s")
        String checkInterval();

        /** Business days before today that are still checked (a fresh install does not announce old gaps). */
        @WithDefault("1")
        int lookbackBusinessDays();
    }
}
