package org.ssal.standalone;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Map;
import org.ssal.service.EmbeddedBroker;
import org.ssal.service.SsalHome;

/**
 * The four services in this JVM: what {@code demo}, {@code experiment} and {@code serve} share.
 * Either on a throw-away in-JVM broker (log and Streams state deleted, nothing kept), or on an
 * {@link SsalHome} that keeps the broker log, Streams state and artifacts ({@link HomeRuntime}),
 * or on an external cluster ({@code --kafka HOST:PORT}).
 */
public final class InJvmServices {
    private InJvmServices() {
    }

    /**
     * Runs {@code app} on the services until it returns, on a throw-away broker unless
     * {@code kafka} names one.
     *
     * @param kafka bootstrap servers, or null for an in-JVM broker
     * @return the application's exit code
     */
    public static int run(String kafka, Class<? extends QuarkusApplication> app, String command) {
        // a random HTTP port: a campaign run needs no API, and two runs must not collide on 8080
        setIfAbsent("quarkus.http.port", "0");
        try (EmbeddedBroker broker = kafka == null ? startThrowAwayBroker() : null) {
            System.setProperty("kafka.bootstrap.servers", broker != null ? broker.bootstrapServers() : kafka);
            return runQuarkus(app, command);
        }
    }

    /**
     * Runs {@code app} with every piece of state in {@code home}: a later {@code serve} or
     * {@code demo} on that home sees what this one did.
     */
    static int run(SsalHome home, String kafka, Class<? extends QuarkusApplication> app, String command) {
        setIfAbsent("quarkus.http.port", "0");
        try (HomeRuntime runtime = HomeRuntime.open(home, kafka, BrokerAddress.anyFreeLoopback())) {
            useProperties(runtime.serviceProperties());
            System.out.println(runtime.describe());
            return runQuarkus(app, command);
        }
    }

    /**
     * Runs the services on the home until the process is stopped (Quarkus then exits the JVM).
     *
     * @param optionProperties what the command's options set (HTTP port, data folder, ...); they
     *                         win over the home's defaults
     */
    static void serve(SsalHome home, String kafka, BrokerAddress address, Map<String, String> optionProperties) {
        try (HomeRuntime runtime = HomeRuntime.open(home, kafka, address)) {
            useProperties(runtime.serviceProperties());
            optionProperties.forEach(System::setProperty);
            System.out.println(runtime.describe());
            Quarkus.run();
        }
    }

    private static int runQuarkus(Class<? extends QuarkusApplication> app, String command) {
        int[] exitCode = {1};
        Quarkus.run(app, (code, failure) -> {
            if (failure != null) {
                System.err.println("ssal " + command + " failed: " + failure);
            }
            exitCode[0] = code;
        });
        return exitCode[0];
    }

    private static EmbeddedBroker startThrowAwayBroker() {
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

    /** The home's settings, unless the user gave one as a -D system property. */
    private static void useProperties(Map<String, String> properties) {
        properties.forEach(InJvmServices::setIfAbsent);
        // the broker address is the runtime's, whatever was set before
        System.setProperty("kafka.bootstrap.servers", properties.get("kafka.bootstrap.servers"));
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
