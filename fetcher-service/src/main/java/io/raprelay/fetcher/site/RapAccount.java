package io.raprelay.fetcher.site;

import java.nio.file.Path;
import java.util.List;

import io.raprelay.contracts.ClearingHouse;
import io.raprelay.contracts.Installation;

/**
 * A RAP user account, ready to log in: its private key has been read and checked. The key material and passphrase
 * are never logged ({@link #toString()} leaves them out).
 */
public record RapAccount(String user, Installation installation, ClearingHouse clearingHouse, byte[] privateKey,
        String passphrase, Path privateKeyFile, Path knownHostsFile, List<String> folders) {

    @Override
    public String toString() {
        return "RapAccount[" + user + " on " + installation + ", key " + privateKeyFile + "]";
    }
}
