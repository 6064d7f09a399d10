package io.raprelay.catalog.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CsvExportTest {

    @Test
    void cellsAreQuotedAsRfc4180AndFormulasDefused() {
        assertThat(CsvExport.cell(null)).isEmpty();
        assertThat(CsvExport.cell("CCLTN05")).isEqualTo("CCLTN05");
        assertThat(CsvExport.cell("a,b")).isEqualTo("\"a,b\"");
        assertThat(CsvExport.cell("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(CsvExport.cell("=HYPERLINK(\"x\")")).isEqualTo("\"'=HYPERLINK(\"\"x\"\")\"");
        assertThat(CsvExport.cell("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(CsvExport.cell(42)).isEqualTo("42");
    }
}
