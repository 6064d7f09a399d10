package io.raprelay.catalog.audit;

import jakarta.enterprise.context.RequestScoped;

/** What a resource tells the access log about the call it served: how many results it returned. */
@RequestScoped
public class AuditedResult {

    private Integer count;

    public void count(int count) {
        this.count = count;
    }

    Integer count() {
        return count;
    }
}
