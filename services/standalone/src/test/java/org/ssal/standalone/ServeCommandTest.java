package org.ssal.standalone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

class ServeCommandTest {
    @Test
    void shouldLeaveBrokerPortAndDataToTheirDefaults() {
        ServeCommand serve = new ServeCommand();
        new CommandLine(serve).parseArgs();
        assertNull(serve.kafka, "in-JVM broker");
        assertNull(serve.port, "quarkus.http.port");
        assertNull(serve.dataDir, "ssal.data.dir");
    }

    @Test
    void shouldTakeItsOptions() {
        ServeCommand serve = new ServeCommand();
        new CommandLine(serve).parseArgs("--kafka", "k:9092", "--port", "8081", "--data", "/data");
        assertEquals("k:9092", serve.kafka);
        assertEquals(8081, serve.port);
        assertEquals(Path.of("/data"), serve.dataDir);
    }

    @Test
    void shouldNameTheOptionAndValueOfABadOne() {
        ParameterException e = assertThrows(ParameterException.class,
                () -> new CommandLine(new ServeCommand()).parseArgs("--port", "http"));
        assertTrue(e.getMessage().contains("--port") && e.getMessage().contains("http"), e.getMessage());
    }
}
