package org.ssal.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.ssal.schemas.Topics;

/** The shared keys, their defaults and their types, without Quarkus. */
class SharedSettingsTest {

    @Test
    void shouldUseTheDeclaredDefaultsWhenNothingIsSet() {
        SmallRyeConfig config = config(Map.of("user.home", "/home/u"));

        SharedSettings settings = settings(config);

        assertEquals(new SharedSettings("localhost:9092", Optional.empty(), new TopicSettings(2, 1, 1, -1), Path.of("/home/u/.ssal/artifacts"),
                Optional.empty()), settings);
        SharedConfig.TopicNames topics = config.getConfigMapping(SharedConfig.TopicNames.class);
        assertEquals(Topics.ALL, List.of(topics.campaigns(), topics.pretrainComplete(), topics.embeddingsReady(),
                topics.queryBatch(), topics.labelsReceived(), topics.roundEvaluated(), topics.budgetState(),
                topics.labels(), topics.deadLetter(), topics.strategySwitched(), topics.encoderChosen(),
                topics.labeling()));
    }

    @Test
    void shouldReadEveryKeyWhenSet() {
        SmallRyeConfig config = config(Map.of(
                "kafka.bootstrap.servers", "kafka:9092",
                "ssal.instance-id", "scorer-1",
                "ssal.topics.partitions", "6",
                "ssal.topics.replication-factor", "3",
                "ssal.topics.min-insync-replicas", "2",
                "ssal.topics.retention-ms", "86400000",
                "ssal.topics.query-batch", "qb",
                "ssal.artifacts.dir", "/var/lib/ssal/artifacts",
                "ssal.data.dir", "/data"));

        assertEquals(new SharedSettings("kafka:9092", Optional.of("scorer-1"), new TopicSettings(6, 3, 2, 86_400_000L), Path.of("/var/lib/ssal/artifacts"),
                Optional.of(Path.of("/data"))), settings(config));
        assertEquals("qb", config.getConfigMapping(SharedConfig.TopicNames.class).queryBatch());
    }

    @Test
    void shouldLeaveOtherKeysAloneWhenTheyAreNotShared() {
        // one services' keys reach the others (one -D set for all, the standalone app): the shared
        // mappings must not claim them, or the strict unknown-key check stops the service
        SmallRyeConfig config = config(Map.of("ssal.oracle.delay-ms", "5", "ssal.campaign.send-timeout-ms", "1",
                "kafka.security.protocol", "PLAINTEXT", "ssal.instance-id", "i1", "user.home", "/h"));

        assertEquals(Optional.of("i1"), settings(config).instanceId());
    }

    @Test
    void shouldNameTheKeyAndValueWhenTopicSettingsDoNotFitTogether() {
        SmallRyeConfig config = config(Map.of("ssal.topics.replication-factor", "1",
                "ssal.topics.min-insync-replicas", "2", "user.home", "/h"));

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> settings(config));
        assertTrue(e.getMessage().contains("ssal.topics.min-insync-replicas") && e.getMessage().contains("got 2"),
                e.getMessage());
    }

    @Test
    void shouldDrawARandomInstanceIdWhenTheGivenOneIsBlank() {
        assertEquals(Optional.empty(), settings(config(Map.of("ssal.instance-id", " ", "user.home", "/h"))).instanceId());
    }

    @Test
    void shouldMapTheCurrentConfigWhenNoContainerRegisteredTheMappings() {
        String expected = ConfigProvider.getConfig().getOptionalValue("kafka.bootstrap.servers", String.class)
                .orElse("localhost:9092");

        assertEquals(expected, SharedSettings.fromConfig().bootstrapServers());
    }

    private static SmallRyeConfig config(Map<String, String> properties) {
        return new SmallRyeConfigBuilder().addDefaultInterceptors()
                .withSources(new PropertiesConfigSource(properties, "test", 100))
                .withMapping(SharedConfig.Kafka.class).withMapping(SharedConfig.Instance.class)
                .withMapping(SharedConfig.TopicNames.class).withMapping(SharedConfig.Artifacts.class)
                .withMapping(SharedConfig.Data.class).build(); // validates unknown keys, as Quarkus does
    }

    private static SharedSettings settings(SmallRyeConfig config) {
        return SharedSettings.of(config.getConfigMapping(SharedConfig.Kafka.class),
                config.getConfigMapping(SharedConfig.Instance.class), config.getConfigMapping(SharedConfig.TopicNames.class),
                config.getConfigMapping(SharedConfig.Artifacts.class), config.getConfigMapping(SharedConfig.Data.class));
    }
}
