package io.raprelay.fetcher.site;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.raprelay.contracts.DataCentre;
import io.raprelay.contracts.DataCentreSwitched;
import io.raprelay.contracts.Installation;
import io.raprelay.fetcher.publish.FetchEventPublisher;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The active data centre of each installation: PRIMARY unless an operator switched it (with a reason, audited as a
 * {@link DataCentreSwitched} event). Kept in {@code data-centres.json} under the data folder so it survives a restart.
 * While an installation is on the secondary, a reminder event is raised when a new business day begins, because HKEX
 * expects production on the primary.
 */
@ApplicationScoped
public class DataCentreService {

    private static final String REMINDER = "A new business day began with the secondary data centre still active; "
            + "HKEX expects the primary for production: switch back unless a contingency is in force";

    private final Path stateFile;
    private final FetchEventPublisher publisher;
    private final Event<ActiveDataCentre> changes;
    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(SerializationFeature.INDENT_OUTPUT);
    private final Map<Installation, ActiveDataCentre> active = new EnumMap<>(Installation.class);

    public DataCentreService(FetcherConfig config, FetchEventPublisher publisher, Event<ActiveDataCentre> changes,
            Clock clock) {
        this.stateFile = config.dataDir().resolve("data-centres.json");
        this.publisher = publisher;
        this.changes = changes;
        this.clock = clock;
        load();
    }

    public synchronized ActiveDataCentre active(Installation installation) {
        return active.computeIfAbsent(installation, ActiveDataCentre::initial);
    }

    /**
     * Switches an installation to another data centre on an operator's word, as one step: the new state is written
     * beside the state file and forced to disk, then {@link DataCentreSwitched} is published and acknowledged, and only
     * then does the state file take the new state and every account's polling follow it. If Kafka does not
     * acknowledge (broker down), nothing changes and {@link DataCentreSwitchNotPublishedException} says so: the
     * operator retries, never against a half-applied switch.
     *
     * @throws DataCentreAlreadyActiveException
     *             when the installation is already on {@code target}
     */
    public synchronized ActiveDataCentre switchTo(Installation installation, DataCentre target, String reason,
            String operator) {
        ActiveDataCentre current = active(installation);
        if (current.dataCentre() == target) {
            throw new DataCentreAlreadyActiveException(installation, target);
        }
        Instant now = clock.instant();
        ActiveDataCentre next = new ActiveDataCentre(installation, target, now, operator, reason);
        Map<Installation, ActiveDataCentre> nextState = new EnumMap<>(active);
        nextState.put(installation, next);
        Path staged = stage(nextState);
        try {
            publisher.publish(new DataCentreSwitched(UUID.randomUUID().toString(), now, installation,
                    current.dataCentre(), target, operator, reason, false));
        } catch (RuntimeException e) {
            discard(staged);
            Log.errorf("Data centre of %s NOT switched to %s (requested by %s): the switch could not be published (%s)",
                    installation, target, operator, e.getMessage());
            throw new DataCentreSwitchNotPublishedException(installation, target, e);
        }
        commit(staged);
        active.put(installation, next);
        Log.warnf("Data centre of %s switched from %s to %s by %s: %s", installation, current.dataCentre(), target,
                operator, reason);
        changes.fire(next);
        return next;
    }

    /** Raised at the start of each business day: a reminder for every installation still on the secondary. */
    @Scheduled(cron = "{fetcher.data-centre-reminder-cron}", timeZone = "Asia/Hong_Kong", identity = "data-centre-reminder")
    public synchronized void remindIfOnSecondary() {
        for (ActiveDataCentre current : Map.copyOf(active).values()) {
            if (current.dataCentre() == DataCentre.SECONDARY) {
                publisher.publish(new DataCentreSwitched(UUID.randomUUID().toString(), clock.instant(),
                        current.installation(), DataCentre.SECONDARY, DataCentre.SECONDARY, "system", REMINDER,
                        true));
                Log.warnf("%s is still on the SECONDARY data centre (since %s, by %s): reminder published",
                        current.installation(), current.since(), current.operator());
            }
        }
    }

    private void load() {
        if (!Files.exists(stateFile)) {
            return;
        }
        try {
            Map<Installation, ActiveDataCentre> saved = json.readValue(stateFile.toFile(),
                    new TypeReference<Map<Installation, ActiveDataCentre>>() {
                    });
            active.putAll(saved);
            saved.values().stream().filter(a -> a.dataCentre() == DataCentre.SECONDARY).forEach(
                    a -> Log.warnf("%s starts on the SECONDARY data centre (switched %s by %s: %s)", a.installation(),
                            a.since(), a.operator(), a.reason()));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read data-centre state " + stateFile, e);
        }
    }

    /** Writes a state next to the state file and forces it to disk; {@link #commit} makes it the state. */
    private Path stage(Map<Installation, ActiveDataCentre> state) {
        try {
            Files.createDirectories(stateFile.getParent());
            Path temp = stateFile.resolveSibling(stateFile.getFileName() + ".tmp");
            try (FileChannel out = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                out.write(ByteBuffer.wrap(json.writeValueAsBytes(state)));
                out.force(true);
            }
            return temp;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot save data-centre state " + stateFile, e);
        }
    }

    private void commit(Path staged) {
        try {
            Files.move(staged, stateFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot save data-centre state " + stateFile, e);
        }
    }

    private static void discard(Path staged) {
        try {
            Files.deleteIfExists(staged);
        } catch (IOException e) {
            Log.warnf("Could not remove the unused data-centre state %s: %s", staged, e.getMessage());
        }
    }
}
