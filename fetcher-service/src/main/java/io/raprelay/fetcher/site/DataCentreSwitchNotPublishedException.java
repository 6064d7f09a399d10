package io.raprelay.fetcher.site;

import io.raprelay.contracts.DataCentre;
import io.raprelay.contracts.Installation;

/** A data-centre switch Kafka did not acknowledge: nothing was switched, the operator may retry (503). */
public class DataCentreSwitchNotPublishedException extends RuntimeException {

    public DataCentreSwitchNotPublishedException(Installation installation, DataCentre target, Throwable cause) {
        super(installation + " was NOT switched to " + target + ": the switch could not be published to Kafka ("
                + cause.getMessage() + "); nothing changed, retry when Kafka is back", cause);
    }
}
