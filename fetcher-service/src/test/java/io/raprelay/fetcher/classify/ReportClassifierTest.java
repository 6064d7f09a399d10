package io.raprelay.fetcher.classify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.raprelay.contracts.Installation;
import io.raprelay.contracts.SourceSystem;

import com.fasterxml.jackson.databind.ObjectMapper;

class ReportClassifierTest {

    static final Instant MODIFIED = Instant.parse("2025-06-20T16:05:00Z"); // 00:05 on the 21st in Hong Kong

    private final ReportClassifier classifier = ReportClassifier.load(Optional.empty());

    @ParameterizedTest
    @CsvSource({
            "HKSCC, INBOX/20250620/CCLTN05_B01234_20250620.txt, CCASS, CCLTN05, B01234, 2025-06-20, text/plain",
            "HKSCC, INBOX/20250620/CSEMS08_B01234_20250620.txt, CCASS, CSEMS08, B01234, 2025-06-20, text/plain",
            "HKSCC, INBOX/20250620/CCMDS01_B01234_20250620.txt, CCMS, CCMDS01, B01234, 2025-06-20, text/plain",
            "HKCC_SEOCH, INBOX/20250620/CCMDS01_HKCC01_20250620.txt, CCMS, CCMDS01, HKCC01, 2025-06-20, text/plain",
            "HKSCC, INBOX/20250620/RMAMR01_B01234_20250620.csv, VAR, RMAMR01, B01234, 2025-06-20, text/csv",
            "HKSCC, INBOX/20250620/RMAMR03_B01234_20250620_1130_CTL.zip, VAR, RMAMR03, B01234, 2025-06-20, "
                    + "application/zip",
            "HKSCC, COMMON/20250620/RPF01_20250620.csv, VAR, RPF01, , 2025-06-20, text/csv",
            "HKSCC, INBOX/2025-06-20/CIPSI02_B01234_20250620.txt, CCASS, CIPSI02, B01234, 2025-06-20, text/plain",
            "HKCC_SEOCH, RPF/RPF_250620.zip, DCASS, RPF, , 2025-06-20, application/zip",
            "HKCC_SEOCH, INBOX/20250619/DCSIM01_HKCC01_20250619.txt, DCASS, UNKNOWN, , 2025-06-19, text/plain",
            "HKSCC, INBOX/20250618/Readme.pdf, UNKNOWN, UNKNOWN, , 2025-06-18, application/pdf",
            "HKSCC, INBOX/odd-file, UNKNOWN, UNKNOWN, , 2025-06-21, application/octet-stream"
    })
    void pathsAreClassifiedByTheShippedTable(Installation installation, String path, SourceSystem system,
            String code, String participant, LocalDate date, String mediaType) {
        Classification c = classifier.classify(installation, path, MODIFIED);

        assertThat(c.system()).isEqualTo(system);
        assertThat(c.reportCode()).isEqualTo(code);
        assertThat(c.participant()).isEqualTo(participant);
        assertThat(c.businessDate()).isEqualTo(date);
        assertThat(c.mediaType()).isEqualTo(mediaType);
    }

    @Test
    void ccassRulesDoNotApplyOnTheDerivativesInstallation() {
        assertThat(classifier.classify(Installation.HKCC_SEOCH, "INBOX/20250620/CCLTN05_X_20250620.txt", MODIFIED)
                .system()).isEqualTo(SourceSystem.DCASS);
    }

    @Test
    void aNewNameIsAConfigurationChange() throws Exception {
        ReportClassifier custom = ReportClassifier.parse(new ObjectMapper().readTree("""
                {"dailyFolderFormats": ["yyyyMMdd"],
                 "rules": [{"name": "new-ccass", "pattern": "^INBOX/[^/]+/(?<reportCode>CNEW\\\\d{2})\\\\.dat$",
                            "system": "CCASS"}]}
                """));

        Classification c = custom.classify(Installation.HKSCC, "INBOX/20250620/CNEW01.dat", MODIFIED);

        assertThat(c.system()).isEqualTo(SourceSystem.CCASS);
        assertThat(c.reportCode()).isEqualTo("CNEW01");
        assertThat(c.businessDate()).isEqualTo(LocalDate.of(2025, 6, 20));
        assertThat(c.rule()).isEqualTo("new-ccass");
    }
}
