package io.raprelay.fetcher.poll;

import org.apache.camel.component.file.GenericFile;

/**
 * The "already fetched" key of a remote file version: account, path, size and modification time. A re-issued file
 * (same path, new size or time) has a new key and is fetched again as a new version.
 */
public final class FetchedKey {

    private FetchedKey() {
    }

    public static String of(String account, GenericFile<?> file) {
        return account + ":" + file.getRelativeFilePath() + ":" + file.getFileLength() + ":" + file.getLastModified();
    }
}
