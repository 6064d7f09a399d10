package io.raprelay.contracts;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;

/**
 * Where a report version lies in the archive, relative to the archive's root: the fetcher writes there and the
 * catalog reads from there by the report's identity, never from a path an event carries.
 * {@code [practice/{sessionId}/]{installation}/{account}/{businessDate}/}, then the remote file name for the first
 * content seen under that name and {@link #versionName(String, String)} for any other content.
 */
public final class ArchiveLayout {

    /** Longest file name (in UTF-8 bytes) the archive uses, as on common file systems. */
    public static final int MAX_NAME_BYTES = 255;
    private static final String PRACTICE = "practice";
    private static final int VERSION_SUFFIX_BYTES = 17; // "@" + 16 hex digits
    private static final HexFormat HEX = HexFormat.of();

    private ArchiveLayout() {
    }

    /** The folder of a report's versions, relative; practice downloads have a tree of their own. */
    public static Path folder(String practiceSessionId, Installation installation, String account,
            LocalDate businessDate) {
        Path area = practiceSessionId == null ? Path.of("") : Path.of(PRACTICE, practiceSessionId);
        return area.resolve(installation.name()).resolve(account).resolve(businessDate.toString());
    }

    /**
     * The names a version with this content may have in its folder: its own version name first, then the plain name.
     */
    public static List<String> candidateNames(String fileName, String sha256) {
        return List.of(versionName(fileName, sha256), fileName);
    }

    /** {@code name@sha16}, shortened with a hash of the full name when that would pass the longest file name. */
    public static String versionName(String fileName, String sha256) {
        String suffix = "@" + sha256.substring(0, 16);
        if (fileName.getBytes(StandardCharsets.UTF_8).length + VERSION_SUFFIX_BYTES <= MAX_NAME_BYTES) {
            return fileName + suffix;
        }
        String nameHash = "~" + HEX.formatHex(sha256(fileName)).substring(0, 16);
        int room = MAX_NAME_BYTES - VERSION_SUFFIX_BYTES - nameHash.length();
        StringBuilder prefix = new StringBuilder();
        int bytes = 0;
        for (int i = 0; i < fileName.length();) {
            int codePoint = fileName.codePointAt(i);
            int length = new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8).length;
            if (bytes + length > room) {
                break;
            }
            prefix.appendCodePoint(codePoint);
            bytes += length;
            i += Character.charCount(codePoint);
        }
        return prefix + nameHash + suffix;
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
