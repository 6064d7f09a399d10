package io.raprelay.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;

import org.junit.jupiter.api.Test;

import io.raprelay.contracts.ClearingHouse;
import io.raprelay.contracts.DataCentre;
import io.raprelay.contracts.Installation;
import io.raprelay.simulator.SimulatorConfig.HostAddress;

class SimulatorConfigTest {

    @Test
    void shippedDefaultsGiveEightHostsOnConsecutivePortsAndThreeAccounts() throws Exception {
        SimulatorConfig config = SimulatorConfig.from(shipped(), Path.of("/opt/rap"));

        assertThat(config.hosts()).extracting(HostAddress::name, HostAddress::port).containsExactly(
                tuple("hkscc-primary-1", 18801),
                tuple("hkscc-primary-2", 18802),
                tuple("hkscc-secondary-1", 18803),
                tuple("hkscc-secondary-2", 18804),
                tuple("hkcc_seoch-primary-1", 18805),
                tuple("hkcc_seoch-primary-2", 18806),
                tuple("hkcc_seoch-secondary-1", 18807),
                tuple("hkcc_seoch-secondary-2", 18808));
        assertThat(config.accounts()).extracting(a -> a.user() + "/" + a.clearingHouse())
                .containsExactly("rapb01234/HKSCC", "raphkcc01/HKCC", "rapseoch01/SEOCH");
        assertThat(config.dataDir()).isEqualTo(Path.of("/opt/rap/work/rap-simulator"));
        assertThat(config.accounts().get(0).authorizedKeys())
                .isEqualTo(Path.of("/opt/rap/work/rap-simulator/accounts/rapb01234/authorized_keys"));
        assertThat(config.releaseInterval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.hosts().get(2).dataCentre()).isEqualTo(DataCentre.SECONDARY);
    }

    @Test
    void accountOnAnInstallationThatDoesNotServeItsClearingHouseIsRefused() {
        Properties props = new Properties();
        props.setProperty("simulator.account.x.installation", Installation.HKSCC.name());
        props.setProperty("simulator.account.x.clearing-house", ClearingHouse.SEOCH.name());
        props.setProperty("simulator.account.x.participant", "P1");

        assertThatThrownBy(() -> SimulatorConfig.from(props, Path.of("/tmp")))
                .hasMessageContaining("SEOCH is not served by HKSCC");
    }

    @Test
    void missingParticipantIsNamed() {
        Properties props = new Properties();
        props.setProperty("simulator.account.x.installation", "HKSCC");
        props.setProperty("simulator.account.x.clearing-house", "HKSCC");

        assertThatThrownBy(() -> SimulatorConfig.from(props, Path.of("/tmp")))
                .hasMessage("Missing simulator setting simulator.account.x.participant");
    }

    private static Properties shipped() throws Exception {
        Properties props = new Properties();
        try (InputStream in = SimulatorConfigTest.class.getClassLoader().getResourceAsStream(
                "rap-simulator.properties")) {
            props.load(in);
        }
        return props;
    }
}
