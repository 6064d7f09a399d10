package io.raprelay.fetcher.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.quarkus.runtime.configuration.DurationConverter;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.runtime.configuration.MemorySizeConverter;
import io.raprelay.contracts.DataCentre;
import io.raprelay.contracts.Installation;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/** The fetcher refuses to start on bad site or account settings, naming the setting. */
class SitesTest {

    @TempDir
    Path dir;
    Map<String, String> settings = new HashMap<>();

    @BeforeEach
    void validSettings() throws Exception {
        Path key = Files.writeString(dir.resolve("id_ecdsa"), "-----BEGIN OPENSSH PRIVATE KEY-----\n");
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
        Files.writeString(dir.resolve("known_hosts"), "");
        settings.put("fetcher.sites.HKSCC.primary", "10.243.2.141:18801,10.243.2.142:18801");
        settings.put("fetcher.sites.HKSCC.secondary", "10.243.66.141:18801,10.243.66.142:18801");
        settings.put("fetcher.sites.HKSCC.known-hosts-file", dir.resolve("known_hosts").toString());
        settings.put("fetcher.accounts.rapb01234.installation", "HKSCC");
        settings.put("fetcher.accounts.rapb01234.clearing-house", "HKSCC");
        settings.put("fetcher.accounts.rapb01234.private-key-file", key.toString());
    }

    @Test
    void circularAddressesAreReadInOrder() {
        Sites sites = new Sites(config());

        assertThat(sites.hosts(Installation.HKSCC, DataCentre.SECONDARY)).extracting(RapHost::address)
                .containsExactly("10.243.66.141:18801", "10.243.66.142:18801");
        assertThat(sites.hosts(Installation.HKSCC, DataCentre.PRIMARY).get(0).name()).isEqualTo("hkscc-primary-1");
        assertThat(sites.accounts()).singleElement().satisfies(a -> {
            assertThat(a.user()).isEqualTo("rapb01234");
            assertThat(a.toString()).doesNotContain("PRIVATE KEY");
        });
    }

    @Test
    void privateKeyReadableByOthersIsRefused() throws Exception {
        Files.setPosixFilePermissions(dir.resolve("id_ecdsa"), PosixFilePermissions.fromString("rw-r--r--"));

        assertThatThrownBy(() -> new Sites(config()))
                .hasMessageContaining("fetcher.accounts.rapb01234.private-key-file")
                .hasMessageContaining("accessible by group or others (rw-r--r--)");
    }

    @Test
    void missingKeyAndKnownHostsFilesAreNamed() throws Exception {
        Files.delete(dir.resolve("id_ecdsa"));
        Files.delete(dir.resolve("known_hosts"));

        assertThatThrownBy(() -> new Sites(config()))
                .hasMessageContaining("fetcher.sites.HKSCC.known-hosts-file: " + dir.resolve("known_hosts")
                        + " does not exist")
                .hasMessageContaining("fetcher.accounts.rapb01234.private-key-file: " + dir.resolve("id_ecdsa")
                        + " does not exist");
    }

    @Test
    void malformedAddressIsNamed() {
        settings.put("fetcher.sites.HKSCC.primary", "10.243.2.141:18801,10.243.2.142");
        settings.put("fetcher.sites.HKSCC.secondary", "10.243.66.141:99999");

        assertThatThrownBy(() -> new Sites(config()))
                .hasMessageContaining("fetcher.sites.HKSCC.primary: '10.243.2.142' is not a host:port address")
                .hasMessageContaining("fetcher.sites.HKSCC.secondary: '10.243.66.141:99999'");
    }

    @Test
    void accountOfAnUnservedClearingHouseIsRefused() {
        settings.put("fetcher.accounts.rapb01234.clearing-house", "SEOCH");

        assertThatThrownBy(() -> new Sites(config())).hasMessageContaining("SEOCH is not served by HKSCC");
    }

    private FetcherConfig config() {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withMapping(FetcherConfig.class)
                // Quarkus' own converters, for values such as 30s and 4G
                .withConverter(Duration.class, 100, new DurationConverter())
                .withConverter(MemorySize.class, 100, new MemorySizeConverter())
                .withSources(new PropertiesConfigSource(settings, "test", 500))
                .build();
        return config.getConfigMapping(FetcherConfig.class);
    }
}
