package io.raprelay.fetcher.site;

import java.time.Instant;

import io.raprelay.contracts.DataCentre;
import io.raprelay.contracts.Installation;

/** Which data centre an installation is fetched from, since when, and on whose word. */
public record ActiveDataCentre(Installation installation, DataCentre dataCentre, Instant since, String operator,
        String reason) {

    static ActiveDataCentre initial(Installation installation) {
        return new ActiveDataCentre(installation, DataCentre.PRIMARY, Instant.EPOCH, "system",
                "normal production uses the primary data centre");
    }
}
