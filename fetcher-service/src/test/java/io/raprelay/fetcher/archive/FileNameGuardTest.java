package io.raprelay.fetcher.archive;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.raprelay.contracts.RejectionReason;

class FileNameGuardTest {

    @Test
    void ordinaryReportNamesPass() {
        assertThat(FileNameGuard.check("CCLTN05_B01234_20250620.txt")).isEmpty();
        assertThat(FileNameGuard.check("RPF_250620.zip")).isEmpty();
        assertThat(FileNameGuard.check("報告.txt")).isEmpty();
    }

    @Test
    void hostileNamesAreRefusedWithTheirReason() {
        assertThat(FileNameGuard.check("..")).contains(RejectionReason.PATH_TRAVERSAL);
        assertThat(FileNameGuard.check("../../etc/passwd")).contains(RejectionReason.PATH_TRAVERSAL);
        assertThat(FileNameGuard.check("a\\b.txt")).contains(RejectionReason.PATH_TRAVERSAL);
        assertThat(FileNameGuard.check("")).contains(RejectionReason.PATH_TRAVERSAL);
        assertThat(FileNameGuard.check("x\n.txt")).contains(RejectionReason.CONTROL_CHARACTERS);
        assertThat(FileNameGuard.check("x\u0000.txt")).contains(RejectionReason.CONTROL_CHARACTERS);
        assertThat(FileNameGuard.check("C\uFFFD.txt")).contains(RejectionReason.INVALID_ENCODING);
        assertThat(FileNameGuard.check("x".repeat(256))).contains(RejectionReason.NAME_TOO_LONG);
        assertThat(FileNameGuard.check("報".repeat(86))).contains(RejectionReason.NAME_TOO_LONG); // 258 bytes
        assertThat(FileNameGuard.check("x".repeat(255))).isEmpty();
    }

    @Test
    void printableFormEscapesControlsAndIsBounded() {
        assertThat(FileNameGuard.printable("a\n\u001b[31m")).isEqualTo("a\\u000a\\u001b[31m");
        assertThat(FileNameGuard.printable("y".repeat(5000))).hasSizeLessThan(1100).endsWith("(5000 chars)");
    }
}
