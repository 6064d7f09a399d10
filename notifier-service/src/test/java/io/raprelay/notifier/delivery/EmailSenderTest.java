package io.raprelay.notifier.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EmailSenderTest {

    @Test
    void aSenderTheMailClientWouldRefuseStopsTheStartNamingTheOption() {
        assertThat(EmailSender.checkedFrom("RAP Relay <rap-relay@example.hk>"))
                .isEqualTo("RAP Relay <rap-relay@example.hk>");
        assertThat(EmailSender.checkedFrom("rap-relay@example.hk")).isEqualTo("rap-relay@example.hk");
        assertThatThrownBy(() -> EmailSender.checkedFrom("RAP Relay (local) <rap-relay@localhost>"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("notifier.delivery.from")
                .hasMessageContaining("RAP Relay (local) <rap-relay@localhost>");
    }
}
