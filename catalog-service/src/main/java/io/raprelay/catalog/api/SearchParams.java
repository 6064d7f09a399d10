package io.raprelay.catalog.api;

import jakarta.ws.rs.QueryParam;

/** The search's query parameters as sent, shared by the paged search and the CSV export; checked by {@link #query}. */
public class SearchParams {

    @QueryParam("from")
    String from;
    @QueryParam("to")
    String to;
    @QueryParam("clearingHouse")
    String clearingHouse;
    @QueryParam("sourceSystem")
    String sourceSystem;
    @QueryParam("reportCode")
    String reportCode;
    @QueryParam("participant")
    String participant;
    @QueryParam("account")
    String account;
    @QueryParam("dataCentre")
    String dataCentre;
    @QueryParam("sha256")
    String sha256;
    @QueryParam("status")
    String status;
    @QueryParam("practice")
    String practice;
    @QueryParam("practiceSession")
    String practiceSession;
    @QueryParam("sort")
    String sort;
    @QueryParam("limit")
    String limit;
    @QueryParam("cursor")
    String cursor;

    /** The validated query; {@code paged} false ignores {@code limit} (the export is not paged). */
    ReportQuery query(boolean paged) {
        return ReportQuery.parse(from, to, clearingHouse, sourceSystem, reportCode, participant, account, dataCentre,
                sha256, status, practice, practiceSession, sort, paged ? limit : null, cursor);
    }
}
