package io.raprelay.catalog.api;

/** No report with this key; answered with 404. */
public class ReportNotFoundException extends RuntimeException {

    public ReportNotFoundException(String reportKey) {
        super("No report " + reportKey);
    }
}
