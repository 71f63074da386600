package org.ssal.standalone;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;
import java.io.IOException;
import java.nio.file.Files;
import org.ssal.service.EmbeddedBroker;

/**
 * The four services in this JVM, on an in-JVM Kafka broker unless {@code --kafka HOST:PORT} names
 * one: what {@code demo}, {@code experiment} and {@code serve} share.
 */
public final class InJvmServices {
    private InJvmServices() {
    }

    /**
     * Runs {@code app} on the services until it returns.
     *
     * @param kafka bootstrap servers, or null for an in-JVM broker
     * @return the application's exit code
     */
    public static int run(String kafka, Class<? extends QuarkusApplication> app, String command) {
        // a random HTTP port: a campaign run needs no API, and two runs must not collide on 8080
        setIfAbsent("quarkus.http.port", "0");
        int[] exitCode = {1};
        try (EmbeddedBroker broker = kafka == null ? startBroker() : null) {
            System.setProperty("kafka.bootstrap.servers", broker != null ? broker.bootstrapServers() : kafka);
            Quarkus.run(app, (code, failure) -> {
                if (failure != null) {
                    System.err.println("ssal " + command + " failed: " + failure);
                }
                exitCode[0] = code;
            });
        }
        return exitCode[0];
    }

    /** Runs the services until the process is stopped (Quarkus then exits the JVM). */
    public static void serve(String kafka) {
        try (EmbeddedBroker broker = kafka == null ? startBroker() : null) {
            String servers = broker != null ? broker.bootstrapServers() : kafka;
            System.setProperty("kafka.bootstrap.servers", servers);
            System.out.println("ssal: Kafka at " + servers + (broker != null ? " (in-JVM broker)" : ""));
            Quarkus.run();
        }
    }

    private static EmbeddedBroker startBroker() {
        System.out.println("ssal: starting an in-JVM Kafka broker (KRaft) ...");
        // the in-JVM broker starts empty: the budget tracker's local state must too, or Kafka
        // Streams finds stores of another cluster's offsets
        try {
            setIfAbsent("kafka-streams.state.dir", Files.createTempDirectory("ssal-kstreams-").toString());
        } catch (IOException e) {
            throw new IllegalStateException("cannot create a state directory for Kafka Streams", e);
        }
        return EmbeddedBroker.start();
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
