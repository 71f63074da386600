package org.ssal.service;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.ssal.schemas.Topics;
import org.ssal.service.security.KafkaSecurity;

/**
 * Creates the topics of DESIGN §3 when they are missing and checks that existing ones are fit to
 * run on: a service that started on a topic with the wrong partition count would mis-route
 * campaigns, and one with a 7-day retention would delete the audit trail, so both refuse to start
 * with a message naming the topic, the setting and the value.
 */
public final class TopicAdmin {
    /**
     * Topics that are tables (latest value per key: campaign, or campaign and sample for labels):
     * compacted, never deleted by age.
     */
    public static final Set<String> TABLES = Set.of(Topics.BUDGET_STATE, Topics.LABELS);

    private static final Duration METADATA_PATIENCE = Duration.ofSeconds(30);
    private static final Duration METADATA_RETRY = Duration.ofMillis(100);

    private TopicAdmin() {
    }

    /** Single-node settings with the given partition count (the embedded broker and tests). */
    public static void ensureTopics(String bootstrapServers, int partitions) {
        ensureTopics(bootstrapServers, TopicSettings.singleNode(partitions));
    }

    /**
     * @throws TopicMismatchException when an existing topic does not have the settings ssal needs
     */
    public static void ensureTopics(String bootstrapServers, TopicSettings settings) {
        ensureTopics(bootstrapServers, settings, KafkaSecurity.fromConfig().clientProperties());
    }

    /** As {@link #ensureTopics(String, TopicSettings)}, logged in with {@code security} instead of the configured login. */
    public static void ensureTopics(String bootstrapServers, TopicSettings settings, Map<String, ?> security) {
        Properties props = new Properties();
        props.putAll(security);
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        try (Admin admin = Admin.create(props)) {
            Set<String> existing = admin.listTopics().names().get();
            List<NewTopic> missing = new ArrayList<>();
            for (String topic : Topics.ALL) {
                if (!existing.contains(topic)) {
                    missing.add(new NewTopic(topic, settings.partitions(), (short) settings.replicationFactor())
                            .configs(configsOf(topic, settings)));
                }
            }
            if (!missing.isEmpty()) {
                try {
                    admin.createTopics(missing).all().get();
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e; // another service created them at the same time: fine, checked below
                    }
                }
            }
            checkOnceVisible(admin, settings, missing.isEmpty() ? Duration.ZERO : METADATA_PATIENCE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot create topics on " + bootstrapServers + ": " + e.getCause(), e);
        }
    }

    /** The topic-level configs ssal sets on a topic it creates. */
    static Map<String, String> configsOf(String topic, TopicSettings settings) {
        Map<String, String> configs = new HashMap<>();
        configs.put(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, Integer.toString(settings.minInsyncReplicas()));
        if (TABLES.contains(topic)) {
            configs.put(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);
        } else {
            configs.put(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE);
            configs.put(TopicConfig.RETENTION_MS_CONFIG, Long.toString(settings.retentionMs()));
            configs.put(TopicConfig.RETENTION_BYTES_CONFIG, "-1");
        }
        return configs;
    }

    /**
     * A topic just created is known to the controller before every broker's metadata cache has it,
     * so describing it at once can answer "unknown topic": ask again until it shows or time is up.
     */
    private static void checkOnceVisible(Admin admin, TopicSettings settings, Duration patience)
            throws ExecutionException, InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        while (true) {
            try {
                check(admin, settings);
                return;
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException) || System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(METADATA_RETRY.toMillis()); // back-off between two metadata requests
            }
        }
    }

    private static void check(Admin admin, TopicSettings settings) throws ExecutionException, InterruptedException {
        Map<String, TopicDescription> descriptions = admin.describeTopics(Topics.ALL).allTopicNames().get();
        Collection<ConfigResource> resources = Topics.ALL.stream()
                .map(topic -> new ConfigResource(ConfigResource.Type.TOPIC, topic)).toList();
        Map<ConfigResource, Config> configs = admin.describeConfigs(resources).all().get();
        List<String> problems = new ArrayList<>();
        for (String topic : Topics.ALL) {
            TopicDescription description = descriptions.get(topic);
            Config config = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, topic));
            problems.addAll(problemsOf(topic, description.partitions().size(),
                    description.partitions().get(0).replicas().size(), valuesOf(config), settings));
        }
        if (!problems.isEmpty()) {
            throw new TopicMismatchException(problems);
        }
    }

    private static Map<String, String> valuesOf(Config config) {
        return config.entries().stream().collect(Collectors.toMap(e -> e.name(), e -> String.valueOf(e.value())));
    }

    /** What is wrong with one existing topic for these settings; empty when it is fit. */
    static List<String> problemsOf(String topic, int partitions, int replicas, Map<String, String> configs,
                                   TopicSettings settings) {
        List<String> problems = new ArrayList<>();
        if (partitions != settings.partitions()) {
            problems.add("topic " + topic + " has " + partitions + " partitions, ssal.topics.partitions is "
                    + settings.partitions() + " (every ssal topic needs the same count)");
        }
        if (replicas < settings.replicationFactor()) {
            problems.add("topic " + topic + " has replication factor " + replicas
                    + ", ssal.topics.replication-factor is " + settings.replicationFactor());
        }
        int minIsr = Integer.parseInt(configs.getOrDefault(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, "1"));
        if (minIsr < settings.minInsyncReplicas()) {
            problems.add("topic " + topic + " has min.insync.replicas=" + minIsr
                    + ", ssal.topics.min-insync-replicas is " + settings.minInsyncReplicas());
        }
        String policy = configs.getOrDefault(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE);
        if (TABLES.contains(topic)) {
            if (!policy.equals(TopicConfig.CLEANUP_POLICY_COMPACT)) {
                problems.add("topic " + topic + " has cleanup.policy=" + policy + ", a table needs compact");
            }
        } else {
            if (policy.contains(TopicConfig.CLEANUP_POLICY_COMPACT)) {
                problems.add("topic " + topic + " has cleanup.policy=" + policy
                        + ", an event topic must keep every record (delete with retention)");
            }
            long retention = Long.parseLong(configs.getOrDefault(TopicConfig.RETENTION_MS_CONFIG, "604800000"));
            if (retention != settings.retentionMs()) {
                problems.add("topic " + topic + " has retention.ms=" + retention + ", ssal.topics.retention-ms is "
                        + settings.retentionMs() + (settings.retentionMs() == TopicSettings.FOREVER
                        ? " (forever: the event log is the audit trail)" : ""));
            }
        }
        return problems;
    }

    /** Existing topics that do not fit; the message lists every problem. */
    public static final class TopicMismatchException extends IllegalStateException {
        private final List<String> problems;

        TopicMismatchException(List<String> problems) {
            super("existing topics do not have the settings ssal needs:\n  " + String.join("\n  ", problems)
                    + "\nFix them with kafka-configs / kafka-topics, or change the ssal.topics.* settings to match.");
            this.problems = List.copyOf(problems);
        }

        public List<String> problems() {
            return problems;
        }
    }
}
