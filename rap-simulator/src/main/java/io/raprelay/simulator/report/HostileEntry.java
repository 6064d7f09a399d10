package io.raprelay.simulator.report;

import java.nio.charset.StandardCharsets;

/** Directory entries a malicious or broken server could list, which a client must refuse to download. */
public enum HostileEntry {
    /** {@code CCLTN05/../../../etc/cron.d/...}: climbs out of any download folder. */
    PARENT_SEGMENTS,
    /** An absolute path with separators. */
    SEPARATORS,
    /** A name with a newline, escape and NUL: log injection and terminal tricks. */
    CONTROL_CHARACTERS,
    /** 1,200 characters: longer than any file system allows. */
    OVERLONG,
    /** Bytes that are not UTF-8. */
    INVALID_UTF8;

    /** The raw bytes listed for this entry. */
    public byte[] rawName(String participant) {
        return switch (this) {
            case PARENT_SEGMENTS -> utf8("CCLTN05/../../../../etc/cron.d/CCLTN05_" + participant + ".txt");
            case SEPARATORS -> utf8("/tmp/rap/CCLTN05_" + participant + ".txt");
            case CONTROL_CHARACTERS -> utf8("CCLTN05_" + participant + "\n\u001b[31m\u0000.txt");
            case OVERLONG -> utf8("CCLTN05_" + participant + "_" + "X".repeat(1200) + ".txt");
            case INVALID_UTF8 -> new byte[]{'C', 'C', 'L', 'T', 'N', '0', '5', '_', (byte) 0xC3, (byte) 0x28,
                    (byte) 0xFF, '.', 't', 'x', 't'};
        };
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
