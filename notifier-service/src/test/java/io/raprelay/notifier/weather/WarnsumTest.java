package io.raprelay.notifier.weather;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

/** HKO's warnsum shape, as DOMAIN.md describes it: matched on code, times with +08:00. */
class WarnsumTest {

    @Test
    void subtypedAndPlainStatementsAndCancellationsAreRead() {
        List<Warnsum.Entry> entries = Warnsum
                .parse("""
                        {"WTCSGNL": {"name": "Tropical Cyclone Warning Signal", "code": "TC8NE", "type": "No. 8 Northeast Gale or Storm Signal",
                                     "actionCode": "ISSUE", "issueTime": "2025-06-21T15:10:00+08:00", "updateTime": "2025-06-21T15:10:00+08:00"},
                         "WRAIN": {"name": "Rainstorm Warning Signal", "code": "WRAINB", "actionCode": "CANCEL",
                                   "issueTime": "2025-06-21T10:00:00+08:00", "updateTime": "2025-06-21T11:30:00+08:00"},
                         "WTS": {"name": "Thunderstorm Warning", "actionCode": "EXTEND", "issueTime": "2025-06-21T09:00:00+08:00",
                                 "expireTime": "2025-06-21T13:00:00+08:00", "updateTime": "2025-06-21T11:00:00+08:00"}}""");

        assertThat(entries).extracting(Warnsum.Entry::code).containsExactly("TC8NE", "WRAINB", "WTS");
        assertThat(entries.get(0).issuedAt()).isEqualTo(Instant.parse("2025-06-21T07:10:00Z"));
        assertThat(entries.get(1).cancelled()).isTrue();
        assertThat(entries.get(1).updatedAt()).isEqualTo(Instant.parse("2025-06-21T03:30:00Z"));
        assertThat(entries.get(2).cancelled()).isFalse();
        assertThat(Warnsum.parse("{}")).isEmpty();
        assertThat(Warnsum.parse("\uFEFF{}")).isEmpty();
    }

    @Test
    void malformedDocumentsAreRefusedNamingWhatIsWrong() {
        assertThatThrownBy(() -> Warnsum.parse("<html>maintenance</html>")).hasMessageContaining("not JSON");
        assertThatThrownBy(() -> Warnsum.parse("[]")).hasMessageContaining("not a JSON object");
        assertThatThrownBy(() -> Warnsum.parse("""
                {"WRAIN": {"actionCode": "ISSUE", "issueTime": "2025-06-21T10:00:00+08:00"}}"""))
                .hasMessageContaining("warnsum.WRAIN.code");
        assertThatThrownBy(() -> Warnsum.parse("""
                {"WTS": {"actionCode": "SHOUT", "issueTime": "2025-06-21T10:00:00+08:00"}}"""))
                .hasMessageContaining("warnsum.WTS.actionCode");
        assertThatThrownBy(() -> Warnsum.parse("""
                {"WTS": {"actionCode": "ISSUE", "issueTime": "10 o'clock"}}"""))
                .hasMessageContaining("warnsum.WTS.issueTime");
    }
}
