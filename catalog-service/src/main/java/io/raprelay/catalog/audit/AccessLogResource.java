package io.raprelay.catalog.audit;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import io.raprelay.catalog.api.BadParameterException;

/** The access log for administrators: its entries, and a check of the whole hash chain. */
@Path("/api/access-log")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("admin")
public class AccessLogResource {

    private static final int MAX_LIMIT = 500;

    private final AccessLog accessLog;
    private final AuditedResult result;

    public AccessLogResource(AccessLog accessLog, AuditedResult result) {
        this.accessLog = accessLog;
        this.result = result;
    }

    /** Entries after {@code afterId} (default: from the start), oldest first. */
    @GET
    @Transactional
    public List<AccessLogEntry> entries(@QueryParam("afterId") String afterId, @QueryParam("limit") String limit) {
        long after = number("afterId", afterId, 0, Long.MAX_VALUE, 0);
        int size = (int) number("limit", limit, 1, MAX_LIMIT, 100);
        List<AccessLogEntry> entries = AccessLogEntry.<AccessLogEntry>find("id > ?1 order by id", after)
                .page(0, size).list();
        result.count(entries.size());
        return entries;
    }

    /** Walks the chain: intact, or the first entry that was altered, removed or re-chained. */
    @GET
    @Path("/verify")
    public AccessLog.Verification verify() {
        AccessLog.Verification verification = accessLog.verify();
        result.count((int) Math.min(Integer.MAX_VALUE, verification.entriesChecked()));
        return verification;
    }

    private static long number(String name, String value, long min, long max, long fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            long number = Long.parseLong(value);
            if (number < min || number > max) {
                throw new BadParameterException(name, "must be between " + min + " and " + max);
            }
            return number;
        } catch (NumberFormatException e) {
            throw new BadParameterException(name, "'" + value + "' is not a number");
        }
    }
}
