package io.raprelay.simulator.host;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Directory entries whose listed name is not their name on disk: the simulator lists them with the raw bytes a
 * malicious server could send ({@code ..} segments, separators, control characters, 1,000+ characters, invalid UTF-8),
 * which no real file system could hold. Keyed by account and path below the account's root (what the SFTP server
 * sees); kept in {@code hostile-names.tsv} so they survive a restart.
 */
public final class HostileNames {

    private static final HexFormat HEX = HexFormat.of();

    private final Path registry;
    private final Map<String, byte[]> names = new ConcurrentHashMap<>();

    public HostileNames(Path registry) {
        this.registry = registry;
        if (Files.exists(registry)) {
            try {
                for (String line : Files.readAllLines(registry, StandardCharsets.UTF_8)) {
                    String[] parts = line.split("\t");
                    if (parts.length == 2) {
                        names.put(parts[0], HEX.parseHex(parts[1]));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Lists the account's file at {@code relativePath} (e.g. {@code INBOX/20250620/x.txt}) as {@code rawName}. */
    public synchronized void register(String user, String relativePath, byte[] rawName) {
        String key = key(user, relativePath);
        names.put(key, rawName.clone());
        try {
            Files.writeString(registry, key + "\t" + HEX.formatHex(rawName) + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The raw name to list for an account's file, if it is a hostile entry. */
    public Optional<byte[]> listedName(String user, String relativePath) {
        return Optional.ofNullable(names.get(key(user, relativePath)));
    }

    private static String key(String user, String relativePath) {
        return user + ":" + relativePath.replaceFirst("^/+", "");
    }
}
