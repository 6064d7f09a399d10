package io.raprelay.contracts;

import java.util.Set;

/**
 * One of RAP's two separate installations: one serves HKSCC, the other HKCC and SEOCH together. Each has its own
 * hosts in both data centres and its own user accounts.
 */
public enum Installation {
    HKSCC(Set.of(ClearingHouse.HKSCC)), HKCC_SEOCH(Set.of(ClearingHouse.HKCC, ClearingHouse.SEOCH));

    private final Set<ClearingHouse> clearingHouses;

    Installation(Set<ClearingHouse> clearingHouses) {
        this.clearingHouses = clearingHouses;
    }

    /** The clearing houses whose reports this installation offers. */
    public Set<ClearingHouse> clearingHouses() {
        return clearingHouses;
    }
}
