package io.raprelay.fetcher.poll;

import org.apache.camel.component.file.GenericFile;

/**
 * The "already fetched" key of a remote file version: account, path, size and modification time. A re-issued file
 * (same path, new size or time) has a new key and is fetched again as a new version. A practice download has a key of
 * its own, so a practice file is never taken for an already fetched production one, nor the other way round.
 */
public final class FetchedKey {

    private FetchedKey() {
    }

    public static String of(String account, GenericFile<?> file) {
        return account + ":" + file.getRelativeFilePath() + ":" + file.getFileLength() + ":" + file.getLastModified();
    }

    /** The key of a file fetched in a practice session (or, with a null session, in production). */
    public static String of(String account, GenericFile<?> file, String practiceSessionId) {
        return practiceSessionId == null
                ? of(account, file)
                : "practice/" + practiceSessionId + "/" + of(account, file);
    }
}
