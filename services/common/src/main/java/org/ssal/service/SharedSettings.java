package org.ssal.service;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * The settings every service of a deployment shares, resolved from the mappings of
 * {@link SharedConfig} (system properties, environment such as KAFKA_BOOTSTRAP_SERVERS,
 * application.properties), in the types the services use.
 *
 * @param bootstrapServers {@code kafka.bootstrap.servers} (default localhost:9092)
 * @param instanceId       {@code ssal.instance-id}: stable per instance, or empty for a random one
 * @param topics           {@code ssal.topics.partitions} (default 2), {@code .replication-factor} (1),
 *                         {@code .min-insync-replicas} (1), {@code .retention-ms} (-1 = forever): how
 *                         topics are created at startup and what existing ones must have
 * @param artifactsDir     {@code ssal.artifacts.dir}: the artifact store, shared by trainer and scorer
 *                         (default ~/.ssal/artifacts)
 * @param dataDir          {@code ssal.data.dir}: where datasets are read (default: each dataset's own location)
 */
public record SharedSettings(String bootstrapServers, Optional<String> instanceId, TopicSettings topics,
                             Path artifactsDir, Optional<Path> dataDir) {

    /** From the mappings, as Quarkus injects them. */
    public static SharedSettings of(SharedConfig.Kafka kafka, SharedConfig.Instance instance,
                                    SharedConfig.TopicNames topics, SharedConfig.Artifacts artifacts,
                                    SharedConfig.Data data) {
        return new SharedSettings(
                kafka.bootstrapServers(),
                instance.id().filter(id -> !id.isBlank()),
                TopicSettings.of(topics),
                Path.of(artifacts.dir()),
                data.dir().map(Path::of));
    }

    /** From the current MicroProfile Config, for code that is not a CDI bean. */
    public static SharedSettings fromConfig() {
        return of(mapping(SharedConfig.Kafka.class), mapping(SharedConfig.Instance.class),
                mapping(SharedConfig.TopicNames.class), mapping(SharedConfig.Artifacts.class),
                mapping(SharedConfig.Data.class));
    }

    /** Starts a service on these settings; see {@link EventService#start}. */
    public EventService start(EventService.Spec spec, EventService.View view, EventService.Reaction react) {
        return EventService.start(spec, bootstrapServers, instanceId.orElse(null), topics, view, react);
    }

    /** Starts a service whose meters go to {@code registry}; see {@link EventService#start}. */
    public EventService start(EventService.Spec spec, EventService.View view, EventService.Reaction react,
                              MeterRegistry registry) {
        return EventService.start(spec, bootstrapServers, instanceId.orElse(null), topics, view, react, registry);
    }

    /**
     * The mapping from the current config. Quarkus registers every mapping of its index; elsewhere
     * (plain tests, tools) nobody did, so the same sources are mapped on the spot.
     */
    public static <T> T mapping(Class<T> type) {
        SmallRyeConfig config = ConfigProvider.getConfig().unwrap(SmallRyeConfig.class);
        try {
            return config.getConfigMapping(type);
        } catch (NoSuchElementException notRegistered) {
            List<ConfigSource> sources = new ArrayList<>();
            config.getConfigSources().forEach(sources::add);
            // with the profiles: a %test.ssal.artifacts.dir must not become ~/.ssal/artifacts in a test
            return new SmallRyeConfigBuilder().addDefaultInterceptors().withProfiles(config.getProfiles())
                    .withSources(sources)
                    .withMapping(type).withValidateUnknown(false).build().getConfigMapping(type);
        }
    }
}
