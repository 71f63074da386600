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
        assertNull(serve.home, "$SSAL_HOME or ~/.ssal");
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
