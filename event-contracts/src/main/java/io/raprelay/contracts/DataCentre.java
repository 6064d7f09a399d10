package io.raprelay.contracts;

/** RAP's data centres: PRIMARY for production, SECONDARY for contingency and practice sessions. */
public enum DataCentre {
    PRIMARY, SECONDARY
}
