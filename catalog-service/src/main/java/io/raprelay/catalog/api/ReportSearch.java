package io.raprelay.catalog.api;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;

import io.raprelay.catalog.model.Report;
import io.raprelay.catalog.model.ReportVersion;

/**
 * Runs a {@link ReportQuery}: filters become bound parameters, never text in the query (the only text chosen is from
 * fixed alternatives: sort direction, status); keyset paging on (business date, report key), oldest or newest first,
 * so a page boundary stays put while new reports arrive.
 */
@ApplicationScoped
public class ReportSearch {

    private final EntityManager entityManager;

    public ReportSearch(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    public record Page(List<Report> reports, Map<String, ReportVersion> latest, ReportQuery.Cursor next) {
    }

    public Page find(ReportQuery query) {
        Filter filter = filter(query, true);
        String direction = query.newestFirst() ? " desc" : "";
        TypedQuery<Report> typed = entityManager
                .createQuery("select r from Report r" + filter.where() + " order by r.businessDate" + direction
                        + ", r.reportKey" + direction, Report.class)
                .setMaxResults(query.limit() + 1);
        filter.params().forEach(typed::setParameter);
        List<Report> rows = typed.getResultList();
        ReportQuery.Cursor next = null;
        if (rows.size() > query.limit()) {
            rows = rows.subList(0, query.limit());
            Report last = rows.get(rows.size() - 1);
            next = new ReportQuery.Cursor(last.businessDate, last.reportKey);
        }
        return new Page(rows, latestVersions(rows), next);
    }

    /** How many reports match the filters (the cursor and limit are ignored). */
    public long count(ReportQuery query) {
        Filter filter = filter(query, false);
        TypedQuery<Long> typed = entityManager.createQuery("select count(r) from Report r" + filter.where(),
                Long.class);
        filter.params().forEach(typed::setParameter);
        return typed.getSingleResult();
    }

    private record Filter(String where, Map<String, Object> params) {
    }

    private static Filter filter(ReportQuery query, boolean withCursor) {
        List<String> where = new ArrayList<>();
        Map<String, Object> params = new HashMap<>();
        query.from().ifPresent(v -> add(where, params, "r.businessDate >= :from", "from", v));
        query.to().ifPresent(v -> add(where, params, "r.businessDate <= :to", "to", v));
        query.clearingHouse().ifPresent(v -> add(where, params, "r.clearingHouse = :house", "house", v));
        query.sourceSystem().ifPresent(v -> add(where, params, "r.sourceSystem = :system", "system", v));
        query.reportCode().ifPresent(v -> add(where, params, "r.reportCode = :code", "code", v));
        query.participant().ifPresent(v -> add(where, params, "r.participant = :participant", "participant", v));
        query.account().ifPresent(v -> add(where, params, "r.account = :account", "account", v));
        query.dataCentre().ifPresent(v -> add(where, params, "exists (select 1 from ReportVersion v where "
                + "v.reportKey = r.reportKey and v.dataCentre = :dc)", "dc", v));
        query.sha256().ifPresent(v -> add(where, params, "exists (select 1 from ReportVersion v where "
                + "v.reportKey = r.reportKey and v.sha256 = :sha)", "sha", v));
        switch (query.practice()) {
            case EXCLUDE -> where.add("r.practiceSessionId is null");
            case ONLY -> where.add("r.practiceSessionId is not null");
            case INCLUDE -> {
            }
        }
        query.practiceSession().ifPresent(v -> add(where, params, "r.practiceSessionId = :session", "session", v));
        query.status().ifPresent(v -> where.add(v == ReportQuery.Status.ORIGINAL
                ? "r.latestVersion = 1"
                : "r.latestVersion > 1"));
        if (withCursor) {
            String beyond = query.newestFirst() ? "<" : ">";
            query.after().ifPresent(c -> {
                where.add("(r.businessDate " + beyond + " :afterDate or (r.businessDate = :afterDate and r.reportKey "
                        + beyond + " :afterKey))");
                params.put("afterDate", c.businessDate());
                params.put("afterKey", c.reportKey());
            });
        }
        return new Filter(where.isEmpty() ? "" : " where " + String.join(" and ", where), params);
    }

    private Map<String, ReportVersion> latestVersions(List<Report> reports) {
        if (reports.isEmpty()) {
            return Map.of();
        }
        Map<String, ReportVersion> latest = new HashMap<>();
        entityManager.createQuery("select v from ReportVersion v, Report r where v.reportKey = r.reportKey "
                + "and v.version = r.latestVersion and r.reportKey in :keys", ReportVersion.class)
                .setParameter("keys", reports.stream().map(r -> r.reportKey).toList())
                .getResultList()
                .forEach(v -> latest.put(v.reportKey, v));
        return latest;
    }

    private static void add(List<String> where, Map<String, Object> params, String clause, String name,
            Object value) {
        where.add(clause);
        params.put(name, value);
    }
}
