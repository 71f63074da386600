package org.ssal.standalone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

class ServeCommandTest {
    @Test
    void shouldLeaveBrokerPortAndDataToTheirDefaults() {
        ServeCommand serve = parse();
        assertNull(serve.kafka, "in-JVM broker");
        assertNull(serve.home, "home resolved from SSAL_HOME or ~/.ssal");
        assertNull(serve.port, "quarkus.http.port");
        assertNull(serve.dataDir, "ssal.data.dir");
        assertEquals(new BrokerAddress("127.0.0.1", 9092, 9093), serve.brokerAddress());
        assertEquals(Map.of(), serve.serviceProperties());
        assertEquals(false, serve.noAuth, "tokens are checked unless asked otherwise");
    }

    @Test
    void shouldTakeTheHomeAndNoAuth() {
        ServeCommand serve = new ServeCommand();
        new CommandLine(serve).parseArgs("--home", "/srv/ssal", "--no-auth");
        assertEquals(Path.of("/srv/ssal"), serve.home);
        assertTrue(serve.noAuth);
    }

    @Test
    void shouldTakeItsOptions() {
        ServeCommand serve = parse("--kafka", "k:9092", "--port", "8081", "--data", "/data", "--home", "/var/ssal",
                "--kafka-port", "19092", "--kafka-controller-port", "29093", "--kafka-host", "ssal.local");
        assertEquals("k:9092", serve.kafka);
        assertEquals(Path.of("/var/ssal"), serve.home);
        assertEquals(new BrokerAddress("ssal.local", 19092, 29093), serve.brokerAddress());
        assertEquals(Map.of("quarkus.http.port", "8081", "ssal.data.dir", "/data"), serve.serviceProperties());
    }

    @Test
    void shouldNameTheOptionAndValueOfABadOne() {
        ParameterException e = assertThrows(ParameterException.class, () -> parse("--port", "http"));
        assertTrue(e.getMessage().contains("--port") && e.getMessage().contains("http"), e.getMessage());
    }

    @Test
    void shouldNameTheOptionAndValueOfAPortOutOfRange() {
        ParameterException e = assertThrows(ParameterException.class, () -> parse("--kafka-port", "70000").brokerAddress());
        assertEquals("--kafka-port must be in 1..65535, got 70000", e.getMessage());
        e = assertThrows(ParameterException.class, () -> parse("--kafka-port", "65535").brokerAddress());
        assertEquals("--kafka-controller-port must be in 1..65535, got 65536", e.getMessage());
    }

    private static ServeCommand parse(String... args) {
        ServeCommand serve = new ServeCommand();
        new CommandLine(serve).parseArgs(args);
        return serve;
    }
}
