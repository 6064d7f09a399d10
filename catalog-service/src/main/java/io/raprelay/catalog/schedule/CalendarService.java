package io.raprelay.catalog.schedule;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import io.quarkus.logging.Log;
import io.raprelay.catalog.CatalogConfig;

import com.fasterxml.jackson.core.JsonProcessingException;

/**
 * The Hong Kong business-day calendar in use: the newest holiday data an operator uploaded, else the configured
 * file, else the copy of the 1823 feed shipped with the service.
 */
@ApplicationScoped
public class CalendarService {

    static final String SHIPPED = "calendar/hk-general-holidays.json";

    private final EntityManager entityManager;
    private final CatalogConfig config;
    private final Clock clock;
    private volatile BusinessCalendar current;

    public CalendarService(EntityManager entityManager, CatalogConfig config, Clock clock) {
        this.entityManager = entityManager;
        this.config = config;
        this.clock = clock;
    }

    public BusinessCalendar calendar() {
        BusinessCalendar calendar = current;
        if (calendar == null) {
            calendar = load();
            current = calendar;
        }
        return calendar;
    }

    /** Replaces the holiday data with a newer copy of the 1823 feed; refused (400) when it does not parse. */
    @Transactional
    public BusinessCalendar refresh(String json, String loadedBy) {
        BusinessCalendar calendar = parse(json);
        entityManager.createNativeQuery(
                "insert into holiday_calendar (loaded_at, loaded_by, source) values (:at, :by, :source)")
                .setParameter("at", clock.instant()).setParameter("by", loadedBy).setParameter("source", json)
                .executeUpdate();
        current = calendar;
        Log.infof("Holiday calendar refreshed by %s: %d holidays", loadedBy, calendar.holidays().size());
        return calendar;
    }

    static BusinessCalendar parse(String json) {
        try {
            return BusinessCalendar.from1823(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON: "
                    + (e instanceof JsonProcessingException bad ? bad.getOriginalMessage() : e.getMessage()), e);
        }
    }

    @Transactional
    BusinessCalendar load() {
        @SuppressWarnings("unchecked")
        List<String> uploaded = entityManager
                .createNativeQuery("select source from holiday_calendar order by id desc limit 1").getResultList();
        if (!uploaded.isEmpty()) {
            return parse(uploaded.get(0));
        }
        try (InputStream in = config.calendarFile().isPresent()
                ? Files.newInputStream(config.calendarFile().get())
                : Thread.currentThread().getContextClassLoader().getResourceAsStream(SHIPPED)) {
            if (in == null) {
                throw new IllegalStateException("The shipped holiday data " + SHIPPED + " is missing");
            }
            return BusinessCalendar.from1823(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the holiday data", e);
        }
    }
}
