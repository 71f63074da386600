package org.ssal.campaign;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The Kafka Streams settings the campaign service gives its budget tracker: the
 * {@code kafka-streams.*} keys of its application.properties, which Quarkus hands to Streams
 * without the prefix. Tests that run the tracker outside Quarkus take them from there, so that a
 * tuning of the service is what they measure, not a copy that drifts.
 */
final class ServiceStreamsSettings {
    private static final String PREFIX = "kafka-streams.";
    /** System properties {@code ssal.bench.streams.<key>=<value>} override one setting in a bench run. */
    private static final String BENCH_PREFIX = "ssal.bench.streams.";

    private ServiceStreamsSettings() {
    }

    static Map<String, String> load() {
        Properties file = new Properties();
        try (InputStream in = ServiceStreamsSettings.class.getResourceAsStream("/application.properties")) {
            if (in == null) {
                throw new IllegalStateException("application.properties of the campaign service is not on the class path");
            }
            file.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return withoutPrefix(file, PREFIX);
    }

    /** The settings a bench run asks to try instead of the service's (none outside a bench). */
    static Map<String, String> benchOverrides(Properties system) {
        return withoutPrefix(system, BENCH_PREFIX);
    }

    private static Map<String, String> withoutPrefix(Properties props, String prefix) {
        Map<String, String> settings = new TreeMap<>();
        for (String name : props.stringPropertyNames()) {
            if (name.startsWith(prefix)) {
                settings.put(name.substring(prefix.length()), props.getProperty(name).trim());
            }
        }
        return settings;
    }
}
