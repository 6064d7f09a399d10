package io.raprelay.contracts;

/** The HKEX system that produced a report; UNKNOWN when the file name matches no classification rule. */
public enum SourceSystem {
    CCASS, CCMS, DCASS, VAR, UNKNOWN
}
