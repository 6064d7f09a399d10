package io.raprelay.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.util.Map;

import org.junit.jupiter.api.Test;

class RetentionPeriodsTest {

    static final LocalDate DAY = LocalDate.of(2025, 6, 20);
    static final RetentionPeriods RETENTION = new RetentionPeriods(Period.ofYears(7),
            Map.of("hkcc", Map.of("dcass", Period.ofYears(10)), "SEOCH", Map.of("VAR", Period.ofMonths(18))));

    @Test
    void aHouseAndSystemNamedHaveTheirOwnPeriodAndEveryOtherTheDefault() {
        assertThat(RETENTION.keptUntil(ClearingHouse.HKCC, SourceSystem.DCASS, DAY)).isEqualTo("2035-06-20");
        assertThat(RETENTION.keptUntil(ClearingHouse.HKCC, SourceSystem.VAR, DAY)).isEqualTo("2032-06-20");
        assertThat(RETENTION.keptUntil(ClearingHouse.HKSCC, SourceSystem.CCASS, DAY)).isEqualTo("2032-06-20");
        assertThat(RETENTION.shortest()).isEqualTo(Period.ofMonths(18));
    }

    @Test
    void aLockEndsWhenTheLastDayKeptEndsInHongKong() {
        assertThat(RETENTION.lockedUntil(ClearingHouse.HKSCC, SourceSystem.CCMS, DAY).toInstant())
                .isEqualTo(Instant.parse("2032-06-20T16:00:00Z")); // 2032-06-21 00:00 +08:00
    }
}
