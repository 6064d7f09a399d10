package io.raprelay.catalog.ingest;

import java.util.List;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.raprelay.contracts.DeadLetterReplay;
import io.raprelay.contracts.Topics;
import io.smallrye.common.annotation.Identifier;

/**
 * {@code POST /api/admin/dead-letters/replay} (admin): after a fix, sends the catalog's dead letters back to their
 * source topics to be ingested again ({@link DeadLetterReplay}: idempotent, each dead letter replayed once).
 */
@Path("/api/admin/dead-letters")
@RolesAllowed("admin")
public class DeadLetterResource {

    private final DeadLetterReplay replay;
    private final List<String> sourceTopics;

    public DeadLetterResource(@Identifier("default-kafka-broker") Map<String, Object> kafka,
            @ConfigProperty(name = "mp.messaging.incoming.fetcher-events.topics") List<String> sourceTopics) {
        this.replay = new DeadLetterReplay(kafka, DeadLetters.SERVICE);
        // Its own replay topics are read as their sources: their dead letters go to the source's dead-letter topic.
        this.sourceTopics = sourceTopics.stream().map(Topics::sourceOf).distinct().toList();
    }

    /** How many dead letters each dead-letter topic gave back. */
    public record ReplayView(Map<String, Integer> replayed) {
    }

    @POST
    @Path("/replay")
    @Produces(MediaType.APPLICATION_JSON)
    public ReplayView replay() {
        return new ReplayView(replay.replay(sourceTopics));
    }
}
