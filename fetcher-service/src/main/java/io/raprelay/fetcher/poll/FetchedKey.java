package io.raprelay.fetcher.poll;

import org.apache.camel.Exchange;
import org.apache.camel.Expression;
import org.apache.camel.component.file.GenericFile;

/**
 * The "already fetched" key of a remote file version: account, path, size and modification time. A re-issued file
 * (same path, new size or time) has a new key and is fetched again as a new version.
 */
public final class FetchedKey implements Expression {

    private final String account;

    public FetchedKey(String account) {
        this.account = account;
    }

    public static String of(String account, GenericFile<?> file) {
        return account + ":" + file.getRelativeFilePath() + ":" + file.getFileLength() + ":" + file.getLastModified();
    }

    @Override
    public <T> T evaluate(Exchange exchange, Class<T> type) {
        GenericFile<?> file = exchange.getProperty(Exchange.FILE_EXCHANGE_FILE, GenericFile.class);
        return type.cast(of(account, file));
    }
}
