package io.raprelay.contracts;

/** The HKEX clearing house a report belongs to (HKSCC: securities; HKCC: futures; SEOCH: options). */
public enum ClearingHouse {
    HKSCC, HKCC, SEOCH
}
