package org.ssal.standalone;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.ssal.service.SsalHome;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code ssal serve}: the campaign API, budget tracker, trainer, scorer, oracle and labeling gateway
 * (REST {@code /labeling}, page {@code /label/}) in one process, until stopped. Everything it keeps
 * lives in one home folder, so stopping it ({@code kill -9} included) and starting it again on the
 * same home resumes every campaign.
 *
 * <p>Options become system properties in {@link #serviceProperties()}: a new option is a field and
 * one line there.
 */
@Command(name = "serve", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = "run the campaign API, budget tracker, trainer, scorer, oracle and labeling gateway in one "
                + "process, keeping the broker log, Kafka Streams state, artifacts and tokens under one home folder")
final class ServeCommand implements Callable<Integer> {
    static final int DEFAULT_KAFKA_PORT = 9092;
    static final String DEFAULT_KAFKA_HOST = "127.0.0.1";

    @Spec
    CommandSpec spec;

    @Option(names = "--home", paramLabel = "DIR", description = "where state lives: kafka/ (broker log), "
            + "streams/ (Kafka Streams state), artifacts/ (encoders, embeddings). Default: $" + SsalHome.ENV
            + ", else ~/.ssal")
    Path home;

    @Option(names = "--kafka-port", paramLabel = "N", description = "port of the in-JVM Kafka broker (vendors' "
            + "oracles connect there)")
    int kafkaPort = DEFAULT_KAFKA_PORT;

    @Option(names = "--kafka-controller-port", paramLabel = "N",
            description = "port of the in-JVM broker's KRaft controller (default: --kafka-port + 1)")
    Integer kafkaControllerPort;

    @Option(names = "--kafka-host", paramLabel = "HOST", description = "address the in-JVM broker listens on and "
            + "advertises (0.0.0.0 does not work: clients must be able to reach it by this name)")
    String kafkaHost = DEFAULT_KAFKA_HOST;

    @Option(names = "--kafka", paramLabel = "HOST:PORT", description = "use this broker instead of the in-JVM one")
    String kafka;

    @Option(names = "--port", paramLabel = "N", description = "HTTP port of the campaign API (default: quarkus.http.port, 8080)")
    Integer port;

    @Option(names = "--data", paramLabel = "DIR", description = "folder of the datasets (ssal.data.dir)")
    Path dataDir;

    @Option(names = "--no-auth", description = "check no tokens (local experiments only: anyone on the port is admin)")
    boolean noAuth;

    @Override
    public Integer call() {
        SsalHome resolved = SsalHome.resolve(home, System.getenv());
        FirstStartToken.prepare(resolved.tokens(), noAuth,
                port != null ? port : Integer.getInteger("quarkus.http.port", 8080), System.out);
        InJvmServices.serve(resolved, kafka, brokerAddress(), serviceProperties());
        return 0;
    }

    /** The in-JVM broker's address. */
    BrokerAddress brokerAddress() {
        requirePort("--kafka-port", kafkaPort);
        int controller = kafkaControllerPort != null ? kafkaControllerPort : kafkaPort + 1;
        requirePort("--kafka-controller-port", controller);
        if (controller == kafkaPort) {
            throw new ParameterException(spec.commandLine(), "--kafka-controller-port must differ from --kafka-port, "
                    + "both are " + kafkaPort);
        }
        return new BrokerAddress(kafkaHost, kafkaPort, controller);
    }

    /** What the options set for the services, as the config keys they read. */
    Map<String, String> serviceProperties() {
        Map<String, String> properties = new LinkedHashMap<>();
        if (port != null) {
            properties.put("quarkus.http.port", port.toString());
        }
        if (dataDir != null) {
            properties.put("ssal.data.dir", dataDir.toAbsolutePath().toString());
        }
        return properties;
    }

    private void requirePort(String option, int value) {
        if (value < 1 || value > 65535) {
            throw new ParameterException(spec.commandLine(), option + " must be in 1..65535, got " + value);
        }
    }
}
