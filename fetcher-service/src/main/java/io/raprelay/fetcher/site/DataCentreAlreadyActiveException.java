package io.raprelay.fetcher.site;

import io.raprelay.contracts.DataCentre;
import io.raprelay.contracts.Installation;

/** A switch to the data centre that is already active: refused (409) so that the audit trail stays meaningful. */
public class DataCentreAlreadyActiveException extends RuntimeException {

    public DataCentreAlreadyActiveException(Installation installation, DataCentre dataCentre) {
        super(installation + " is already on the " + dataCentre + " data centre");
    }
}
