package org.ssal.service;

import java.nio.file.Path;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The settings every service of a deployment shares, read from MicroProfile Config (system
 * properties, environment such as KAFKA_BOOTSTRAP_SERVERS, application.properties), so that the
 * services cannot disagree on their defaults.
 *
 * @param bootstrapServers {@code kafka.bootstrap.servers} (default localhost:9092)
 * @param instanceId       {@code ssal.instance-id}: stable per instance, or empty for a random one
 * @param partitions       {@code ssal.topics.partitions}: partitions of topics created at startup (default 2)
 * @param artifactsDir     {@code ssal.artifacts.dir}: the artifact store, shared by trainer and scorer
 *                         (default ~/.ssal/artifacts)
 * @param dataDir          {@code ssal.data.dir}: where datasets are read (default: each dataset's own location)
 */
public record SharedSettings(String bootstrapServers, Optional<String> instanceId, int partitions, Path artifactsDir,
                             Optional<Path> dataDir) {

    public static SharedSettings fromConfig() {
        Config config = ConfigProvider.getConfig();
        return new SharedSettings(
                config.getOptionalValue("kafka.bootstrap.servers", String.class).orElse("localhost:9092"),
                config.getOptionalValue("ssal.instance-id", String.class).filter(id -> !id.isBlank()),
                config.getOptionalValue("ssal.topics.partitions", Integer.class).orElse(2),
                config.getOptionalValue("ssal.artifacts.dir", String.class).map(Path::of)
                        .orElse(Path.of(System.getProperty("user.home"), ".ssal", "artifacts")),
                config.getOptionalValue("ssal.data.dir", String.class).map(Path::of));
    }

    /** Starts a service on these settings; see {@link EventService#start}. */
    public EventService start(EventService.Spec spec, java.util.function.Consumer<org.apache.avro.specific.SpecificRecord> observe,
                              EventService.Reaction react) {
        return EventService.start(spec, bootstrapServers, instanceId.orElse(null), partitions, observe, react);
    }
}
